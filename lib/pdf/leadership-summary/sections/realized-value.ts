// Realized value by unit: the realized cycle's figures, confirmed and self-reported apart.
import { formatAmount, unitName } from "@/lib/domain/figures";
import { plural } from "../format";
import { setFont, put, fitLine, ensure, SECTION_HEAD, sectionHeading, type Ctx } from "../primitives";
import { INK, MUTED, FAINT, HAIRLINE, CYCLE_COLOR } from "../theme";

export function realizedValue(ctx: Ctx): void {
  const { doc, input } = ctx;
  const units = input.realizedValue.slice(0, 5);
  const rowH = 19;
  // The space a section needs leaves out the gap after it, which may fall past the page's end.
  const height = SECTION_HEAD + (units.length === 0 ? 20 : 16 + units.length * rowH) + (input.realizedValue.length > 5 ? 14 : 0);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Realized value", "The realized cycle's figures; confirmed and self-reported apart");
  if (units.length === 0) {
    setFont(doc, "italic", 9, MUTED);
    put(doc, "No realized-value figure recorded in this view yet.", ctx.x, ctx.y);
    ctx.y += 20 + 12;
    return;
  }
  const cUnit = ctx.x;
  const cConf = ctx.x + ctx.width * 0.42;
  const cSelf = ctx.x + ctx.width * 0.72;
  const colW = ctx.width * 0.26;
  setFont(doc, "bold", 7.5, MUTED);
  put(doc, "WHAT", cUnit, ctx.y, { characterSpacing: 0.6 });
  put(doc, "CONFIRMED", cConf, ctx.y, { characterSpacing: 0.6 });
  put(doc, "SELF-REPORTED", cSelf, ctx.y, { characterSpacing: 0.6 });
  ctx.y += 16;
  for (const u of units) {
    doc.moveTo(ctx.x, ctx.y - 4).lineTo(ctx.x + ctx.width, ctx.y - 4).lineWidth(0.4).strokeColor(HAIRLINE).stroke();
    setFont(doc, "regular", 9.5, INK);
    put(doc, fitLine(doc, unitName(u.unit), cConf - cUnit - 10), cUnit, ctx.y);
    setFont(doc, "bold", 10, u.confirmedCount > 0 ? CYCLE_COLOR.REALIZED : FAINT);
    const conf = formatAmount(u.confirmed, u.unit);
    put(doc, conf, cConf, ctx.y - 0.5);
    const cw = doc.widthOfString(conf);
    setFont(doc, "regular", 8, MUTED);
    put(doc, fitLine(doc, plural(u.confirmedCount, "figure", "figures"), colW - cw - 6), cConf + cw + 5, ctx.y + 1);
    setFont(doc, "regular", 10, u.selfReportedCount > 0 ? INK : FAINT);
    const self = formatAmount(u.selfReported, u.unit);
    put(doc, self, cSelf, ctx.y - 0.5);
    const sw = doc.widthOfString(self);
    setFont(doc, "regular", 8, MUTED);
    put(doc, fitLine(doc, plural(u.selfReportedCount, "figure", "figures"), ctx.x + ctx.width - cSelf - sw - 6), cSelf + sw + 5, ctx.y + 1);
    ctx.y += rowH;
  }
  if (input.realizedValue.length > 5) {
    setFont(doc, "italic", 8, MUTED);
    put(doc, `and ${plural(input.realizedValue.length - 5, "more unit", "more units")} in the spreadsheet export.`, ctx.x, ctx.y);
    ctx.y += 14;
  }
  ctx.y += 12;
}
