// Every page's footer: the organisation, the page number and the filters line.
import type { LeadershipSummaryInput } from "@/lib/domain/leadership-summary";
import { setFont, put, fitLine, type Doc } from "../primitives";
import { MUTED, FAINT, HAIRLINE, PAGE, MARGIN } from "../theme";

export function footers(doc: Doc, input: LeadershipSummaryInput): void {
  const range = doc.bufferedPageRange();
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - MARGIN.bottom + 24;
    doc
      .moveTo(MARGIN.left, y - 8)
      .lineTo(PAGE.width - MARGIN.right, y - 8)
      .lineWidth(0.5)
      .strokeColor(HAIRLINE)
      .stroke();
    const page = `page ${i - range.start + 1} of ${range.count}`;
    setFont(doc, "regular", 7.5, MUTED);
    const pageW = doc.widthOfString(`Ripple ·  · ${page}`);
    put(doc, `Ripple · ${fitLine(doc, input.organizationName, width - pageW)} · ${page}`, MARGIN.left, y);
    setFont(doc, "regular", 7, FAINT);
    put(doc, fitLine(doc, input.filtersLine, width), MARGIN.left, y + 11);
  }
}
