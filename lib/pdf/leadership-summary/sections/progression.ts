// How far stories travel: stories reaching each cycle, and the median time between cycles.
import { CYCLE_INFO, CYCLES } from "@/lib/domain/framework";
import { formatDays, formatNumber, plural, percent } from "../format";
import { setFont, put, fitLine, ensure, SECTION_HEAD, sectionHeading, type Ctx } from "../primitives";
import { INK, MUTED, SURFACE, CYCLE_COLOR, CYCLE_SHORT } from "../theme";

export function progression(ctx: Ctx): void {
  const { doc, input } = ctx;
  const p = input.progression;
  const rowH = 32;
  const height = SECTION_HEAD + CYCLES.length * rowH - 10;
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "How far stories travel", "Stories reaching each cycle; median time between cycles");
  const labelW = 118;
  const valueW = 74;
  const barX = ctx.x + labelW;
  const barW = ctx.width - labelW - valueW;
  const denom = Math.max(input.headline.stories, p.stories, ...CYCLES.map((c) => p.reached[c]), 1);
  CYCLES.forEach((c, i) => {
    const y = ctx.y + i * rowH;
    const n = p.reached[c];
    setFont(doc, "bold", 9, CYCLE_COLOR[c]);
    put(doc, `${CYCLE_INFO[c].number}`, ctx.x, y + 2);
    setFont(doc, "bold", 9, INK);
    put(doc, CYCLE_INFO[c].name, ctx.x + 12, y + 2);
    doc.roundedRect(barX, y + 1, barW, 13, 2).fill(SURFACE);
    const w = n > 0 ? Math.max(2.5, (barW * n) / denom) : 0;
    if (w > 0) doc.roundedRect(barX, y + 1, w, 13, 2).fill(CYCLE_COLOR[c]);
    setFont(doc, "bold", 9.5, INK);
    const num = formatNumber(n);
    put(doc, num, barX + barW + 10, y + 2);
    setFont(doc, "regular", 8, MUTED);
    put(doc, percent(n, denom), barX + barW + 14 + doc.font("bold").fontSize(9.5).widthOfString(num), y + 3.2);
    if (i < CYCLES.length - 1) {
      const t = p.transitions[i];
      setFont(doc, "regular", 7.5, MUTED);
      const line =
        t && t.stories > 0
          ? `↓  median ${formatDays(t.medianDays)} to ${CYCLE_SHORT[CYCLES[i + 1]!].toLowerCase()} value · ${plural(t.stories, "story", "stories")} moved on directly`
          : `↓  no story moved on directly to ${CYCLE_SHORT[CYCLES[i + 1]!].toLowerCase()} value`;
      put(doc, fitLine(doc, line, barW), barX + 2, y + 17.5);
    }
  });
  ctx.y += CYCLES.length * rowH - 10 + 18;
}
