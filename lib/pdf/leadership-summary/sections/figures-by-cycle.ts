// The other cycles' figures, per cycle: what they are, never added to realized value.
import { CYCLE_INFO } from "@/lib/domain/framework";
import { formatAmount, unitName } from "@/lib/domain/figures";
import { plural } from "../format";
import { setFont, put, fitLine, ensure, SECTION_HEAD, sectionHeading, moreNote, columnHeads, amountAndCount, type Ctx } from "../primitives";
import { INK, HAIRLINE, CYCLE_COLOR } from "../theme";

/** How many unit rows "Figures by cycle" prints; the rest are in the spreadsheet. */
export const MAX_OTHER_FIGURES = 8;

/** The other cycles' figures, per cycle: what they are, never added to realized value. */
export function otherFigures(ctx: Ctx): void {
  const { doc, input } = ctx;
  const rows = input.otherFigures.flatMap((g) => g.units.map((u, i) => ({ cycle: g.cycle, first: i === 0, u })));
  if (rows.length === 0) return;
  const shown = rows.slice(0, MAX_OTHER_FIGURES);
  const rowH = 16;
  const more = rows.length - shown.length;
  const height = SECTION_HEAD + 14 + shown.length * rowH + (more > 0 ? 14 : 0);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Figures by cycle", "Recorded in the other cycles: not realized value");
  const cCycle = ctx.x;
  const cUnit = ctx.x + ctx.width * 0.26;
  const cTotal = ctx.x + ctx.width * 0.72;
  columnHeads(ctx, [
    ["CYCLE", cCycle],
    ["WHAT", cUnit],
    ["TOTAL", cTotal],
  ]);
  ctx.y += 14;
  for (const { cycle, first, u } of shown) {
    if (first)
      doc
        .moveTo(ctx.x, ctx.y - 3)
        .lineTo(ctx.x + ctx.width, ctx.y - 3)
        .lineWidth(0.4)
        .strokeColor(HAIRLINE)
        .stroke();
    if (first) {
      setFont(doc, "bold", 8.5, CYCLE_COLOR[cycle]);
      put(doc, CYCLE_INFO[cycle].name, cCycle, ctx.y);
    }
    setFont(doc, "regular", 9, INK);
    put(doc, fitLine(doc, unitName(u.unit), cTotal - cUnit - 10), cUnit, ctx.y);
    setFont(doc, "bold", 9, INK);
    amountAndCount(ctx, formatAmount(u.total, u.unit), u.count, cTotal, ctx.x + ctx.width - cTotal, 0.5);
    ctx.y += rowH;
  }
  if (more > 0) moreNote(ctx, `and ${plural(more, "more", "more")} in the spreadsheet export.`);
  ctx.y += 12;
}
