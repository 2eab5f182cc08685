// Realized value by unit: the realized cycle's figures, confirmed and self-reported apart.
import { formatAmount, unitName } from "@/lib/domain/figures";
import { plural } from "../format";
import { setFont, put, fitLine, ensure, SECTION_HEAD, sectionHeading, nothingYet, moreNote, columnHeads, amountAndCount, type Ctx } from "../primitives";
import { INK, FAINT, HAIRLINE, CYCLE_COLOR } from "../theme";

export function realizedValue(ctx: Ctx): void {
  const { doc, input } = ctx;
  const units = input.realizedValue.slice(0, 5);
  const rowH = 19;
  // The space a section needs leaves out the gap after it, which may fall past the page's end.
  const height = SECTION_HEAD + (units.length === 0 ? 20 : 16 + units.length * rowH) + (input.realizedValue.length > 5 ? 14 : 0);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Realized value", "The realized cycle's figures; confirmed and self-reported apart");
  if (units.length === 0) return nothingYet(ctx, "No realized-value figure recorded in this view yet.", 20 + 12);
  const cUnit = ctx.x;
  const cConf = ctx.x + ctx.width * 0.42;
  const cSelf = ctx.x + ctx.width * 0.72;
  const colW = ctx.width * 0.26;
  columnHeads(ctx, [
    ["WHAT", cUnit],
    ["CONFIRMED", cConf],
    ["SELF-REPORTED", cSelf],
  ]);
  ctx.y += 16;
  for (const u of units) {
    doc
      .moveTo(ctx.x, ctx.y - 4)
      .lineTo(ctx.x + ctx.width, ctx.y - 4)
      .lineWidth(0.4)
      .strokeColor(HAIRLINE)
      .stroke();
    setFont(doc, "regular", 9.5, INK);
    put(doc, fitLine(doc, unitName(u.unit), cConf - cUnit - 10), cUnit, ctx.y);
    setFont(doc, "bold", 10, u.confirmedCount > 0 ? CYCLE_COLOR.REALIZED : FAINT);
    amountAndCount(ctx, formatAmount(u.confirmed, u.unit), u.confirmedCount, cConf, colW, 1);
    setFont(doc, "regular", 10, u.selfReportedCount > 0 ? INK : FAINT);
    amountAndCount(ctx, formatAmount(u.selfReported, u.unit), u.selfReportedCount, cSelf, ctx.x + ctx.width - cSelf, 1);
    ctx.y += rowH;
  }
  if (input.realizedValue.length > 5) moreNote(ctx, `and ${plural(input.realizedValue.length - 5, "more unit", "more units")} in the spreadsheet export.`);
  ctx.y += 12;
}
