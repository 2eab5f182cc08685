// The knowledge-capital mix: what potential value stories built, by kind.
import { CAPITAL_INFO, CAPITAL_KINDS } from "@/lib/domain/framework";
import { formatNumber, percent } from "../format";
import { setFont, put, ensure, SECTION_HEAD, sectionHeading, nothingYet, type Ctx } from "../primitives";
import { INK, MUTED, CYCLE_COLOR, mix } from "../theme";

export function capital(ctx: Ctx): void {
  const { doc, input } = ctx;
  const total = CAPITAL_KINDS.reduce((s, k) => s + input.capitalMix[k], 0);
  const height = SECTION_HEAD + (total === 0 ? 20 : 52);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Knowledge capital", "What potential value stories built, by kind");
  if (total === 0) return nothingYet(ctx, "No knowledge capital has been tagged in this view yet.", 20 + 12);
  const shades = [0, 0.22, 0.42, 0.6, 0.75];
  const color = (i: number) => mix(CYCLE_COLOR.POTENTIAL, "#ffffff", shades[i] ?? 0);
  let x = ctx.x;
  doc.save();
  doc.roundedRect(ctx.x, ctx.y, ctx.width, 14, 3).clip();
  CAPITAL_KINDS.forEach((k, i) => {
    const w = (ctx.width * input.capitalMix[k]) / total;
    if (w > 0) doc.rect(x, ctx.y, w, 14).fill(color(i));
    x += w;
  });
  doc.restore();
  ctx.y += 24;
  const colW = ctx.width / CAPITAL_KINDS.length;
  CAPITAL_KINDS.forEach((k, i) => {
    const cx = ctx.x + i * colW;
    doc.rect(cx, ctx.y + 1.5, 7, 7).fill(color(i));
    setFont(doc, "bold", 8.5, INK);
    put(doc, CAPITAL_INFO[k].name.replace(" capital", ""), cx + 11, ctx.y);
    setFont(doc, "regular", 8, MUTED);
    put(doc, `${formatNumber(input.capitalMix[k])} · ${percent(input.capitalMix[k], total)}`, cx + 11, ctx.y + 11);
  });
  ctx.y += 28 + 12;
}
