// The leadership summary: one to three A4 pages that lead with what the network's learning
// changed, with the figures beside it. Pure layout: a plain data object in
// (lib/domain/leadership-summary.ts), PDF bytes out; no database, no request.
//
// Layout: sections flow down the pages in a fixed order (headline, realized value, figures by
// cycle, progression, network, knowledge capital, matrix, stories), one file each in sections/.
// A section that does not fit the rest of a page starts the next one; the matrix keeps its top
// rows when long, and stories are shortened, then left out, so the document never runs past
// three pages. The look is theme.ts; the drawing primitives are primitives.ts.
import PDFDocument from "pdfkit";
import type { LeadershipSummaryInput } from "@/lib/domain/leadership-summary";
import { clean } from "./format";
import { newPage, type Ctx, type Doc } from "./primitives";
import { brief } from "./sections/brief";
import { capital } from "./sections/capital";
import { otherFigures } from "./sections/figures-by-cycle";
import { footers } from "./sections/footer";
import { tiles } from "./sections/headline";
import { matrix } from "./sections/matrix";
import { network } from "./sections/network";
import { progression } from "./sections/progression";
import { realizedValue } from "./sections/realized-value";
import { stories } from "./sections/stories";
import { titleBlock } from "./sections/title";
import { FONT_FILES, MARGIN, PAGE, fonts, type FontName } from "./theme";

export type { LeadershipSummaryInput, SummaryFigure, SummaryMatrixRow, SummaryStory, SummaryStoryEntry } from "@/lib/domain/leadership-summary";
export { briefSentences } from "./sections/brief";
export { matrixRowsToShow } from "./sections/matrix";
export { figureLine, formatNumber } from "./format";

/** Lays out the summary; returns the document, not yet ended. */
function compose(input: LeadershipSummaryInput): Doc {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: `Value created through social learning — ${clean(input.organizationName)}`,
      Subject: clean([input.scopeLine, input.filtersLine].filter(Boolean).join(" · ")),
      Author: "Ripple",
      Creator: "Ripple",
      Producer: "Ripple",
      CreationDate: input.generatedAt,
    },
  });
  const f = fonts();
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, f[name]);

  const ctx: Ctx = { doc, input, x: MARGIN.left, width: PAGE.width - MARGIN.left - MARGIN.right, y: MARGIN.top, bottom: PAGE.height - MARGIN.bottom, pages: 0 };
  newPage(ctx);
  titleBlock(ctx);
  brief(ctx);
  tiles(ctx);
  if (input.headline.stories > 0) sections(ctx);
  footers(doc, input);
  return doc;
}

/** Everything after the headline; an empty view stops at the headline, on one page. */
function sections(ctx: Ctx): void {
  realizedValue(ctx);
  otherFigures(ctx);
  progression(ctx);
  network(ctx);
  capital(ctx);
  matrix(ctx);
  stories(ctx);
}

/** The summary as PDF bytes. */
export function renderLeadershipSummary(input: LeadershipSummaryInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    try {
      const doc = compose(input);
      const chunks: Buffer[] = [];
      doc.on("data", (chunk: Buffer) => chunks.push(chunk));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.on("error", reject);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
