// Who helped: inside and outside, across teams, weak and strong ties.
import { formatNumber, plural, percent } from "../format";
import { setFont, put, fitLine, ensure, SECTION_HEAD, sectionHeading, nothingYet, type Ctx } from "../primitives";
import { INK, MUTED } from "../theme";

export function network(ctx: Ctx): void {
  const { doc, input } = ctx;
  const n = input.network;
  const height = SECTION_HEAD + (n.contributions === 0 ? 20 : 58);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Who helped", "People named as contributors to stories");
  if (n.contributions === 0) return nothingYet(ctx, "No contributor has been named on a story in this view yet.", 20 + 12);
  const items: { value: string; label: string; sub: string }[] = [
    { value: formatNumber(n.inside), label: "From inside", sub: `${plural(n.distinctInternalPeople, "colleague", "colleagues")}` },
    {
      value: formatNumber(n.outside),
      label: "From outside",
      sub: `${plural(n.distinctExternalNames, "person", "people")} · ${plural(n.distinctPlatforms, "platform", "platforms")}`,
    },
    { value: formatNumber(n.crossTeam), label: "Across teams", sub: `of ${formatNumber(n.inside)} internal contributions` },
    { value: percent(n.weak, n.weak + n.strong), label: "Weak ties", sub: `${formatNumber(n.weak)} weak · ${formatNumber(n.strong)} strong` },
  ];
  const gap = 10;
  const w = (ctx.width - 3 * gap) / 4;
  items.forEach((it, i) => {
    const x = ctx.x + i * (w + gap);
    setFont(doc, "bold", 16, INK);
    put(doc, it.value, x, ctx.y);
    setFont(doc, "bold", 8.5, INK);
    put(doc, fitLine(doc, it.label, w), x, ctx.y + 21);
    setFont(doc, "regular", 7.5, MUTED);
    put(doc, fitLine(doc, it.sub, w), x, ctx.y + 33);
  });
  setFont(doc, "italic", 7.5, MUTED);
  put(
    doc,
    fitLine(
      doc,
      `${plural(n.contributions, "contribution", "contributions")} on ${plural(n.storiesWithContributors, "story", "stories")}. Weak ties and people from outside bring what a team does not already know.`,
      ctx.width,
    ),
    ctx.x,
    ctx.y + 48,
  );
  ctx.y += 58 + 12;
}
