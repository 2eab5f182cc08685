// The drawing primitives every section uses: the layout context (where the next line goes, how
// many pages are used), text that never starts a page of its own, text fitted to a width or to a
// number of lines, and the section heading.
import { CYCLES } from "@/lib/domain/framework";
import type { LeadershipSummaryInput } from "@/lib/domain/leadership-summary";
import { clean, plural } from "./format";
import { INK, MUTED, HAIRLINE, CYCLE_COLOR, PAGE, MARGIN, MAX_PAGES, type FontName } from "./theme";

export type Doc = PDFKit.PDFDocument;

export type Ctx = {
  doc: Doc;
  input: LeadershipSummaryInput;
  x: number;
  width: number;
  y: number;
  bottom: number;
  pages: number;
};

export function setFont(doc: Doc, font: FontName, size: number, color = INK): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/**
 * Text at a fixed place that never starts a new page: pdfkit adds one when text runs past the
 * bottom margin, and the page plan is ours (sections are measured before they are drawn).
 */
export function put(doc: Doc, text: string, x: number, y: number, opts: PDFKit.Mixins.TextOptions = {}): void {
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, x, y, { lineBreak: false, ...opts });
  doc.page.margins.bottom = saved;
}

/** A paragraph of `width` at a fixed place, wrapped; doc.y is left below it. */
export function para(doc: Doc, text: string, x: number, y: number, width: number, lineGap: number): void {
  put(doc, text, x, y, { width, lineGap, lineBreak: true });
}

/**
 * The longest prefix of `text` (whole code points, so no half of a surrogate pair) with an
 * ellipsis for which `fits` holds, cut at a word when one is near.
 */
export function truncate(text: string, fits: (s: string) => boolean): string {
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join("").trimEnd() + "…")) lo = mid;
    else hi = mid - 1;
  }
  const head = chars.slice(0, lo).join("").trimEnd();
  const space = head.lastIndexOf(" ");
  const cut = space > head.length * 0.6 ? head.slice(0, space) : head;
  return cut.replace(/[\s,;:.\-–—(]+$/u, "") + "…";
}

/** `text` on one line of `width`, trimmed with an ellipsis when longer. */
export function fitLine(doc: Doc, text: string, width: number): string {
  const t = clean(text);
  const fits = (s: string) => doc.widthOfString(s) <= width;
  return fits(t) ? t : truncate(t, fits);
}

/** `text` in at most `lines` lines of `width`, trimmed with an ellipsis when longer. */
export function clampLines(doc: Doc, text: string, width: number, lines: number, lineGap: number): string {
  const t = clean(text);
  const max = lines * (doc.currentLineHeight(true) + lineGap) + 0.5;
  const fits = (s: string) => doc.heightOfString(s, { width, lineGap }) <= max;
  return fits(t) ? t : truncate(t, fits);
}

export function newPage(ctx: Ctx): void {
  ctx.doc.addPage({ size: "A4", margins: MARGIN });
  ctx.pages++;
  ctx.y = MARGIN.top;
  cycleStrip(ctx.doc, MARGIN.top - 22, 3);
}

/** Room for `height` more points, on this page or a new one; false when out of pages. */
export function ensure(ctx: Ctx, height: number): boolean {
  if (ctx.y + height <= ctx.bottom) return true;
  if (ctx.pages >= MAX_PAGES) return false;
  newPage(ctx);
  return true;
}

/** The five cycle colours as a thin band: the summary's signature. */
export function cycleStrip(doc: Doc, y: number, h: number): void {
  const w = (PAGE.width - MARGIN.left - MARGIN.right) / CYCLES.length;
  CYCLES.forEach((c, i) => {
    doc.rect(MARGIN.left + i * w, y, w, h).fill(CYCLE_COLOR[c]);
  });
}

export const SECTION_HEAD = 34;

export function sectionHeading(ctx: Ctx, title: string, note?: string): void {
  const { doc } = ctx;
  setFont(doc, "bold", 12.5, INK);
  put(doc, title, ctx.x, ctx.y);
  if (note) {
    setFont(doc, "regular", 8.5, MUTED);
    put(doc, fitLine(doc, note, ctx.width * 0.6), ctx.x, ctx.y + 3.5, { width: ctx.width, align: "right" });
  }
  doc
    .moveTo(ctx.x, ctx.y + 19)
    .lineTo(ctx.x + ctx.width, ctx.y + 19)
    .lineWidth(0.6)
    .strokeColor(HAIRLINE)
    .stroke();
  ctx.y += SECTION_HEAD;
}

/** What a section says when it has nothing to show, in a quiet line; `after` is the room it then takes. */
export function nothingYet(ctx: Ctx, text: string, after: number): void {
  setFont(ctx.doc, "italic", 9, MUTED);
  put(ctx.doc, text, ctx.x, ctx.y);
  ctx.y += after;
}

/** What a section left out ("and 3 more units in the spreadsheet export."), under its rows. */
export function moreNote(ctx: Ctx, text: string, after = 14): void {
  setFont(ctx.doc, "italic", 8, MUTED);
  put(ctx.doc, text, ctx.x, ctx.y);
  ctx.y += after;
}

/** A table's column heads in small capitals, each at its x. */
export function columnHeads(ctx: Ctx, heads: readonly [label: string, x: number][], y = ctx.y): void {
  setFont(ctx.doc, "bold", 7.5, MUTED);
  for (const [label, x] of heads) put(ctx.doc, label, x, y, { characterSpacing: 0.6 });
}

/**
 * An amount at `x` in the current font, then how many figures make it ("3 figures"), small and
 * muted, within `width` of `x`.
 */
export function amountAndCount(ctx: Ctx, amount: string, count: number, x: number, width: number, countDy: number): void {
  const { doc } = ctx;
  put(doc, amount, x, ctx.y - 0.5);
  const w = doc.widthOfString(amount);
  setFont(doc, "regular", 8, MUTED);
  put(doc, fitLine(doc, plural(count, "figure", "figures"), width - w - 6), x + w + 5, ctx.y + countDy);
}
