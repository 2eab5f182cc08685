// Reads a PDF back with Mozilla's pdf.js (a reader Ripple did not write): the page count and
// each page's text, lines joined in reading order.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type PdfText = { pages: number; pageTexts: string[]; text: string; title: string | null };

export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pageTexts: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pageTexts.push(text);
    }
    const meta = await doc.getMetadata();
    const info = meta.info as { Title?: string } | undefined;
    return { pages: doc.numPages, pageTexts, text: pageTexts.join("\n"), title: info?.Title ?? null };
  } finally {
    await doc.destroy();
  }
}

/** Whitespace collapsed, so a phrase that wrapped across lines can still be found. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
