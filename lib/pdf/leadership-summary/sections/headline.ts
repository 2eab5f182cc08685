// The four headline tiles, and what is counted but never shown.
import { formatNumber, plural, percent } from "../format";
import { setFont, put, para, fitLine, clampLines, type Ctx } from "../primitives";
import { INK, MUTED, SURFACE, PRIMARY, CYCLE_COLOR } from "../theme";

export function tiles(ctx: Ctx): void {
  const { doc, input } = ctx;
  const h = input.headline;
  const r = input.progression.reached;
  const gap = 10;
  const w = (ctx.width - 3 * gap) / 4;
  const height = 70;
  const items: { value: string; label: string; sub: string; color: string }[] = [
    { value: formatNumber(h.stories), label: "Stories", sub: "recorded and shared in this view", color: PRIMARY },
    {
      value: formatNumber(h.logging),
      label: "People logging",
      sub: h.people > 0 ? `${percent(h.logging, h.people)} of the ${formatNumber(h.people)} people in scope` : "nobody in scope yet",
      color: PRIMARY,
    },
    {
      value: formatNumber(r.APPLIED),
      label: "Changed practice",
      sub: `${percent(r.APPLIED, h.stories)} of stories reached applied value`,
      color: CYCLE_COLOR.APPLIED,
    },
    {
      value: formatNumber(r.REALIZED),
      label: "Changed results",
      sub: `${percent(r.REALIZED, h.stories)} of stories reached realized value`,
      color: CYCLE_COLOR.REALIZED,
    },
  ];
  items.forEach((it, i) => {
    const x = ctx.x + i * (w + gap);
    doc.roundedRect(x, ctx.y, w, height, 5).fill(SURFACE);
    doc.rect(x, ctx.y + 10, 2.5, height - 20).fill(it.color);
    setFont(doc, "bold", 21, INK);
    put(doc, it.value, x + 12, ctx.y + 8);
    setFont(doc, "bold", 8.5, INK);
    put(doc, fitLine(doc, it.label, w - 20), x + 12, ctx.y + 35);
    setFont(doc, "regular", 7.5, MUTED);
    const sub = clampLines(doc, it.sub, w - 20, 2, 0.5);
    para(doc, sub, x + 12, ctx.y + 47, w - 20, 0.5);
  });
  ctx.y += height + 9;
  const hidden: string[] = [];
  if (h.privateCount > 0) hidden.push(plural(h.privateCount, "private story", "private stories"));
  if (h.hiddenCount > 0) hidden.push(`${plural(h.hiddenCount, "story", "stories")} shared with a narrower audience`);
  setFont(doc, "italic", 8, MUTED);
  const note =
    hidden.length > 0
      ? `Also counted anonymously, never shown: ${hidden.join(" and ")}.${h.stories > 0 ? ` Figures and charts below cover the ${plural(h.stories, "story", "stories")} you may read.` : ""}`
      : "Private stories, if any, are only ever counted anonymously; none fall in this view.";
  para(doc, note, ctx.x, ctx.y, ctx.width, 1);
  ctx.y = doc.y + 18;
}
