// The leadership summary: one to three A4 pages that lead with what the network's learning
// changed, with the figures beside it. Pure layout: a plain data object in, PDF bytes out; no
// database, no request. Fonts are DejaVu (Latin, Greek and Cyrillic), read from
// node_modules/dejavu-fonts-ttf and embedded as subsets, so any name or title prints.
//
// Layout: sections flow down the pages in a fixed order (headline, realized value, figures by
// cycle, progression, network, knowledge capital, matrix, stories). A section that does not fit the rest of a page
// starts the next one; the matrix keeps its top rows when long, and stories are shortened, then
// left out, so the document never runs past three pages.
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { CAPITAL_INFO, CAPITAL_KINDS, CYCLE_INFO, CYCLES, type Cycle } from "@/lib/domain/framework";
import { formatAmount, formatFigure, realizedHeadline, unitName } from "@/lib/domain/figures";
import type { LeadershipSummaryInput, SummaryFigure, SummaryMatrixRow, SummaryStory, SummaryStoryEntry } from "@/lib/domain/leadership-summary";

// ---------------------------------------------------------------------------------------------
// Design tokens (light theme of app/globals.css, oklch converted to sRGB hex)

const INK = "#131c23";
const MUTED = "#525c66";
const FAINT = "#8a939b";
const HAIRLINE = "#d8dfe3";
const SURFACE = "#f3f6f7";
const PRIMARY = "#06707e";
const SUCCESS = "#2b7440";

const CYCLE_COLOR: Record<Cycle, string> = {
  IMMEDIATE: "#9a2300",
  POTENTIAL: "#1043a8",
  APPLIED: "#037a69",
  REALIZED: "#996012",
  REFRAMING: "#752b69",
};
const CYCLE_SOFT: Record<Cycle, string> = {
  IMMEDIATE: "#ffede9",
  POTENTIAL: "#ebf2fe",
  APPLIED: "#def9f2",
  REALIZED: "#fef0d8",
  REFRAMING: "#fbedf7",
};
/** One word per cycle, for narrow places (chips, column heads). */
const CYCLE_SHORT: Record<Cycle, string> = {
  IMMEDIATE: "Immediate",
  POTENTIAL: "Potential",
  APPLIED: "Applied",
  REALIZED: "Realized",
  REFRAMING: "Reframing",
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 64, left: 58, right: 58 };
const MAX_PAGES = 3;
const MAX_STORIES = 5;
/** The seed catalogue's size: a full catalogue fits one page with the capital mix. */
const MAX_MATRIX_ROWS = 27;

type FontName = "regular" | "bold" | "italic" | "serif" | "serifBold";
const FONT_FILES: Record<FontName, string> = {
  regular: "DejaVuSansCondensed.ttf",
  bold: "DejaVuSansCondensed-Bold.ttf",
  italic: "DejaVuSansCondensed-Oblique.ttf",
  serif: "DejaVuSerifCondensed.ttf",
  serifBold: "DejaVuSerifCondensed-Bold.ttf",
};

let fontCache: Record<FontName, Buffer> | null = null;

/** The font files, read once. Resolved from the working directory so Next's server build finds them too. */
function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const dir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
    fontCache = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(path.join(dir, file))])) as Record<FontName, Buffer>;
  }
  return fontCache;
}

// ---------------------------------------------------------------------------------------------
// Small formatting helpers (exported for tests)

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "3 Mar 2026" (UTC). */
export function formatDay(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** 1,234 / 12.5 / 0.25 → "0.3". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "0";
  return Math.abs(n) >= 100 || Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function percent(n: number, of: number): string {
  if (of <= 0) return "0%";
  const p = (100 * n) / of;
  return p > 0 && p < 1 ? "<1%" : `${Math.round(p)}%`;
}

/** "same day", "under a day", "4 days", "1.5 days". */
export function formatDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return "—";
  if (days < 0.5) return days === 0 ? "same day" : "under a day";
  const rounded = days < 10 ? Math.round(days * 2) / 2 : Math.round(days);
  return `${decimal.format(rounded)} ${rounded === 1 ? "day" : "days"}`;
}

/** "€25,000 avoided — confirmed by Marco, 3 Mar 2026" / "2 hours saved — self-reported". */
export function figureLine(f: SummaryFigure): string {
  const what = f.unit.trim() ? formatFigure(f.value, f.unit) : `${formatFigure(f.value, "")} (no unit)`;
  if (f.confirmedAt) {
    const by = f.confirmedBy ? ` by ${f.confirmedBy}` : "";
    return `${what} — confirmed${by}, ${formatDay(f.confirmedAt)}`;
  }
  return `${what} — self-reported`;
}

/** One line of text: whitespace collapsed, control characters removed. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Colour

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `a` blended towards `b` by t (0 → a, 1 → b). */
function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  const c = (x: number, y: number) => Math.round(x + (y - x) * t).toString(16).padStart(2, "0");
  return `#${c(r1, r2)}${c(g1, g2)}${c(b1, b2)}`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

type Doc = PDFKit.PDFDocument;

type Ctx = {
  doc: Doc;
  input: LeadershipSummaryInput;
  x: number;
  width: number;
  y: number;
  bottom: number;
  pages: number;
};

function setFont(doc: Doc, font: FontName, size: number, color = INK): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/**
 * Text at a fixed place that never starts a new page: pdfkit adds one when text runs past the
 * bottom margin, and the page plan is ours (sections are measured before they are drawn).
 */
function put(doc: Doc, text: string, x: number, y: number, opts: PDFKit.Mixins.TextOptions = {}): void {
  const saved = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, x, y, { lineBreak: false, ...opts });
  doc.page.margins.bottom = saved;
}

/** A paragraph of `width` at a fixed place, wrapped; doc.y is left below it. */
function para(doc: Doc, text: string, x: number, y: number, width: number, lineGap: number): void {
  put(doc, text, x, y, { width, lineGap, lineBreak: true });
}

/**
 * The longest prefix of `text` (whole code points, so no half of a surrogate pair) with an
 * ellipsis for which `fits` holds, cut at a word when one is near.
 */
function truncate(text: string, fits: (s: string) => boolean): string {
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
function fitLine(doc: Doc, text: string, width: number): string {
  const t = clean(text);
  const fits = (s: string) => doc.widthOfString(s) <= width;
  return fits(t) ? t : truncate(t, fits);
}

/** `text` in at most `lines` lines of `width`, trimmed with an ellipsis when longer. */
function clampLines(doc: Doc, text: string, width: number, lines: number, lineGap: number): string {
  const t = clean(text);
  const max = lines * (doc.currentLineHeight(true) + lineGap) + 0.5;
  const fits = (s: string) => doc.heightOfString(s, { width, lineGap }) <= max;
  return fits(t) ? t : truncate(t, fits);
}

function newPage(ctx: Ctx): void {
  ctx.doc.addPage({ size: "A4", margins: MARGIN });
  ctx.pages++;
  ctx.y = MARGIN.top;
  cycleStrip(ctx.doc, MARGIN.top - 22, 3);
}

/** Room for `height` more points, on this page or a new one; false when out of pages. */
function ensure(ctx: Ctx, height: number): boolean {
  if (ctx.y + height <= ctx.bottom) return true;
  if (ctx.pages >= MAX_PAGES) return false;
  newPage(ctx);
  return true;
}

/** The five cycle colours as a thin band: the summary's signature. */
function cycleStrip(doc: Doc, y: number, h: number): void {
  const w = (PAGE.width - MARGIN.left - MARGIN.right) / CYCLES.length;
  CYCLES.forEach((c, i) => {
    doc.rect(MARGIN.left + i * w, y, w, h).fill(CYCLE_COLOR[c]);
  });
}

const SECTION_HEAD = 34;

function sectionHeading(ctx: Ctx, title: string, note?: string): void {
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

// --- Page 1: title and headline ---------------------------------------------------------------

function titleBlock(ctx: Ctx): void {
  const { doc, input } = ctx;
  setFont(doc, "bold", 8, PRIMARY);
  put(doc, "LEADERSHIP SUMMARY", ctx.x, ctx.y, { characterSpacing: 1.4 });
  setFont(doc, "regular", 8, MUTED);
  put(doc, `Generated ${formatDay(input.generatedAt)}`, ctx.x, ctx.y, { width: ctx.width, align: "right" });
  ctx.y += 18;

  setFont(doc, "serifBold", 23, INK);
  const title = "Value created through social learning";
  para(doc, title, ctx.x, ctx.y, ctx.width, 2);
  ctx.y = doc.y + 6;

  setFont(doc, "bold", 13, INK);
  const org = clampLines(doc, input.organizationName, ctx.width, 2, 1);
  para(doc, org, ctx.x, ctx.y, ctx.width, 1);
  ctx.y = doc.y + 3;
  setFont(doc, "regular", 9.5, MUTED);
  const scope = clampLines(doc, [input.scopeLine, input.filtersLine].filter(Boolean).join(" · "), ctx.width, 2, 1.5);
  para(doc, scope, ctx.x, ctx.y, ctx.width, 1.5);
  ctx.y = doc.y + 16;
}

/** A short paragraph in words: leadership reads this first. */
export function briefSentences(input: LeadershipSummaryInput): string {
  const h = input.headline;
  const r = input.progression.reached;
  if (h.stories === 0) {
    return "No story in this view yet. When people record what their network taught them, this summary shows how far that learning travelled: from the moment itself to changes in practice, results and what counts as success.";
  }
  const parts: string[] = [];
  const people = h.people > 0 ? ` by ${formatNumber(h.logging)} of ${plural(h.people, "person", "people")} in scope` : "";
  parts.push(`${plural(h.stories, "learning story was", "learning stories were")} recorded${people}.`);
  const tail: string[] = [];
  if (r.APPLIED > 0) tail.push(`${formatNumber(r.APPLIED)} led to a change in practice`);
  if (r.REALIZED > 0) tail.push(`${formatNumber(r.REALIZED)} made a difference to results that matter`);
  if (r.REFRAMING > 0) tail.push(`${formatNumber(r.REFRAMING)} changed how success is defined`);
  const list = (xs: string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);
  if (h.stories === 1) {
    const one: string[] = [];
    if (r.APPLIED > 0) one.push("led to a change in practice");
    if (r.REALIZED > 0) one.push("made a difference to results that matter");
    if (r.REFRAMING > 0) one.push("changed how success is defined");
    parts.push(one.length > 0 ? `It ${list(one)}.` : "It has not reached a change in practice yet.");
  } else if (tail.length > 0) parts.push(`Of these, ${list(tail)}.`);
  else parts.push("None has reached a change in practice yet.");
  const { confirmed } = realizedHeadline(input.realizedValue);
  if (confirmed.length > 0) {
    // Every confirmed unit, largest first; past three, the rest are counted.
    const shown = confirmed.slice(0, 3).map((c) => c.text);
    if (confirmed.length > 3) shown.push(plural(confirmed.length - 3, "other unit", "other units"));
    parts.push(`Confirmed by colleagues or managers: ${list(shown)}.`);
  }
  return parts.join(" ");
}

function brief(ctx: Ctx): void {
  const { doc } = ctx;
  setFont(doc, "serif", 11, INK);
  para(doc, briefSentences(ctx.input), ctx.x, ctx.y, ctx.width, 3.5);
  ctx.y = doc.y + 16;
}

function tiles(ctx: Ctx): void {
  const { doc, input } = ctx;
  const h = input.headline;
  const r = input.progression.reached;
  const gap = 10;
  const w = (ctx.width - 3 * gap) / 4;
  const height = 70;
  const items: { value: string; label: string; sub: string; color: string }[] = [
    { value: formatNumber(h.stories), label: "Stories", sub: "recorded and shared in this view", color: PRIMARY },
    { value: formatNumber(h.logging), label: "People logging", sub: h.people > 0 ? `${percent(h.logging, h.people)} of the ${formatNumber(h.people)} people in scope` : "nobody in scope yet", color: PRIMARY },
    { value: formatNumber(r.APPLIED), label: "Changed practice", sub: `${percent(r.APPLIED, h.stories)} of stories reached applied value`, color: CYCLE_COLOR.APPLIED },
    { value: formatNumber(r.REALIZED), label: "Changed results", sub: `${percent(r.REALIZED, h.stories)} of stories reached realized value`, color: CYCLE_COLOR.REALIZED },
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

function realizedValue(ctx: Ctx): void {
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

/** How many unit rows "Figures by cycle" prints; the rest are in the spreadsheet. */
const MAX_OTHER_FIGURES = 8;

/** The other cycles' figures, per cycle: what they are, never added to realized value. */
function otherFigures(ctx: Ctx): void {
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
  setFont(doc, "bold", 7.5, MUTED);
  put(doc, "CYCLE", cCycle, ctx.y, { characterSpacing: 0.6 });
  put(doc, "WHAT", cUnit, ctx.y, { characterSpacing: 0.6 });
  put(doc, "TOTAL", cTotal, ctx.y, { characterSpacing: 0.6 });
  ctx.y += 14;
  for (const { cycle, first, u } of shown) {
    if (first) doc.moveTo(ctx.x, ctx.y - 3).lineTo(ctx.x + ctx.width, ctx.y - 3).lineWidth(0.4).strokeColor(HAIRLINE).stroke();
    if (first) {
      setFont(doc, "bold", 8.5, CYCLE_COLOR[cycle]);
      put(doc, CYCLE_INFO[cycle].name, cCycle, ctx.y);
    }
    setFont(doc, "regular", 9, INK);
    put(doc, fitLine(doc, unitName(u.unit), cTotal - cUnit - 10), cUnit, ctx.y);
    setFont(doc, "bold", 9, INK);
    const total = formatAmount(u.total, u.unit);
    put(doc, total, cTotal, ctx.y - 0.5);
    const tw = doc.widthOfString(total);
    setFont(doc, "regular", 8, MUTED);
    put(doc, fitLine(doc, plural(u.count, "figure", "figures"), ctx.x + ctx.width - cTotal - tw - 6), cTotal + tw + 5, ctx.y + 0.5);
    ctx.y += rowH;
  }
  if (more > 0) {
    setFont(doc, "italic", 8, MUTED);
    put(doc, `and ${plural(more, "more", "more")} in the spreadsheet export.`, ctx.x, ctx.y);
    ctx.y += 14;
  }
  ctx.y += 12;
}

function progression(ctx: Ctx): void {
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

// --- Matrix, capital, network -----------------------------------------------------------------

/**
 * Rows with data, in display order. When there are more than `max`, each cycle keeps its two
 * most used indicators and the remaining places go to the most used of the rest, so a cycle
 * with few stories never disappears from the picture.
 */
export function matrixRowsToShow(rows: readonly SummaryMatrixRow[], max = MAX_MATRIX_ROWS): { rows: SummaryMatrixRow[]; hidden: number } {
  const used = rows.filter((r) => r.total > 0);
  if (used.length <= max) return { rows: used, hidden: 0 };
  const byTotal = (a: SummaryMatrixRow, b: SummaryMatrixRow) => b.total - a.total;
  const keep = new Set<SummaryMatrixRow>();
  for (const cycle of [...CYCLES, null]) {
    for (const r of used.filter((x) => x.cycle === cycle).sort(byTotal).slice(0, 2)) if (keep.size < max) keep.add(r);
  }
  for (const r of [...used].sort(byTotal)) if (keep.size < max) keep.add(r);
  return { rows: used.filter((r) => keep.has(r)), hidden: used.length - keep.size };
}

function matrix(ctx: Ctx): void {
  const { doc, input } = ctx;
  const rowH = 17;
  const headH = 30;
  const overhead = SECTION_HEAD + headH + 28 + 14;
  const used = input.matrix.filter((r) => r.total > 0).length;
  const fitHere = () => Math.floor((ctx.bottom - ctx.y - overhead) / rowH);
  // The matrix stays on one page and never takes the last page, which the stories need: it
  // moves to the next page when it does not fit whole, and keeps its top rows when even that
  // page is short.
  if (used === 0) {
    if (!ensure(ctx, SECTION_HEAD + 48)) return;
  } else if (fitHere() < Math.min(used, MAX_MATRIX_ROWS) && ctx.pages < MAX_PAGES - 1) {
    newPage(ctx);
  }
  if (used > 0 && fitHere() < Math.min(used, 4)) {
    if (ctx.pages >= MAX_PAGES) return;
    newPage(ctx);
  }
  const { rows, hidden } = matrixRowsToShow(input.matrix, Math.max(1, Math.min(MAX_MATRIX_ROWS, fitHere())));
  sectionHeading(ctx, "The value-creation matrix", "Stories per indicator and cycle");
  if (rows.length === 0) {
    setFont(doc, "italic", 9, MUTED);
    put(doc, "No indicator has been tagged on a story in this view yet.", ctx.x, ctx.y);
    ctx.y += 34 + 14;
    return;
  }
  const labelW = Math.min(200, ctx.width * 0.38);
  const colW = (ctx.width - labelW) / CYCLES.length;
  const max = Math.max(1, ...rows.flatMap((r) => CYCLES.map((c) => r.cells[c])));
  // Column heads
  CYCLES.forEach((c, i) => {
    const x = ctx.x + labelW + i * colW;
    doc.rect(x + 2, ctx.y, colW - 4, 3).fill(CYCLE_COLOR[c]);
    setFont(doc, "bold", 8, CYCLE_COLOR[c]);
    put(doc, CYCLE_SHORT[c], x, ctx.y + 8, { width: colW, align: "center" });
    setFont(doc, "regular", 6.5, MUTED);
    put(doc, "value", x, ctx.y + 18, { width: colW, align: "center" });
  });
  setFont(doc, "bold", 7.5, MUTED);
  put(doc, "INDICATOR", ctx.x, ctx.y + 18, { characterSpacing: 0.6 });
  ctx.y += headH;
  let prevCycle: Cycle | null | undefined;
  for (const row of rows) {
    if (prevCycle !== undefined && row.cycle !== prevCycle) {
      doc.moveTo(ctx.x, ctx.y - 0.5).lineTo(ctx.x + ctx.width, ctx.y - 0.5).lineWidth(0.6).strokeColor(HAIRLINE).stroke();
    }
    prevCycle = row.cycle;
    const own = row.cycle ?? null;
    doc.circle(ctx.x + 3, ctx.y + rowH / 2, 2.6).fill(own ? CYCLE_COLOR[own] : FAINT);
    setFont(doc, "regular", 8.5, INK);
    put(doc, fitLine(doc, row.label, labelW - 16), ctx.x + 11, ctx.y + 4.5);
    CYCLES.forEach((c, i) => {
      const n = row.cells[c];
      const x = ctx.x + labelW + i * colW;
      if (n <= 0) {
        doc.rect(x + 1.5, ctx.y + 1.5, colW - 3, rowH - 3).fill("#f8fafa");
        return;
      }
      const t = 0.12 + 0.88 * Math.pow(n / max, 0.6);
      const fill = mix("#ffffff", CYCLE_COLOR[c], t);
      doc.rect(x + 1.5, ctx.y + 1.5, colW - 3, rowH - 3).fill(fill);
      setFont(doc, t > 0.5 ? "bold" : "regular", 8, t > 0.5 ? "#ffffff" : INK);
      put(doc, formatNumber(n), x, ctx.y + 4.5, { width: colW, align: "center" });
    });
    ctx.y += rowH;
  }
  ctx.y += 6;
  setFont(doc, "italic", 7.5, MUTED);
  const note =
    "A cell counts the stories whose entry for that cycle names the indicator; darker means more stories." +
    (hidden > 0 ? ` The most used indicators are shown; ${plural(hidden, "other is", "others are")} in the spreadsheet export.` : "");
  para(doc, clampLines(doc, note, ctx.width, 2, 1), ctx.x, ctx.y, ctx.width, 1);
  ctx.y += 22 + 14;
}

function capital(ctx: Ctx): void {
  const { doc, input } = ctx;
  const total = CAPITAL_KINDS.reduce((s, k) => s + input.capitalMix[k], 0);
  const height = SECTION_HEAD + (total === 0 ? 20 : 52);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Knowledge capital", "What potential value stories built, by kind");
  if (total === 0) {
    setFont(doc, "italic", 9, MUTED);
    put(doc, "No knowledge capital has been tagged in this view yet.", ctx.x, ctx.y);
    ctx.y += 20 + 12;
    return;
  }
  const shades = [0, 0.22, 0.42, 0.6, 0.75];
  const color = (i: number) => mix(CYCLE_COLOR.POTENTIAL, "#ffffff", shades[i] ?? 0);
  let x = ctx.x;
  doc.save();
  doc.roundedRect(ctx.x, ctx.y, ctx.width, 14, 3).clip();
  CAPITAL_KINDS.forEach((k, i) => {
    const w = (ctx.width * input.capitalMix[k]) / total;
    if (w > 0) doc.rect(x, ctx.y, w, 14).fill(color(i));
    x += w;
  });
  doc.restore();
  ctx.y += 24;
  const colW = ctx.width / CAPITAL_KINDS.length;
  CAPITAL_KINDS.forEach((k, i) => {
    const cx = ctx.x + i * colW;
    doc.rect(cx, ctx.y + 1.5, 7, 7).fill(color(i));
    setFont(doc, "bold", 8.5, INK);
    put(doc, CAPITAL_INFO[k].name.replace(" capital", ""), cx + 11, ctx.y);
    setFont(doc, "regular", 8, MUTED);
    put(doc, `${formatNumber(input.capitalMix[k])} · ${percent(input.capitalMix[k], total)}`, cx + 11, ctx.y + 11);
  });
  ctx.y += 28 + 12;
}

function network(ctx: Ctx): void {
  const { doc, input } = ctx;
  const n = input.network;
  const height = SECTION_HEAD + (n.contributions === 0 ? 20 : 58);
  if (!ensure(ctx, height)) return;
  sectionHeading(ctx, "Who helped", "People named as contributors to stories");
  if (n.contributions === 0) {
    setFont(doc, "italic", 9, MUTED);
    put(doc, "No contributor has been named on a story in this view yet.", ctx.x, ctx.y);
    ctx.y += 20 + 12;
    return;
  }
  const items: { value: string; label: string; sub: string }[] = [
    { value: formatNumber(n.inside), label: "From inside", sub: `${plural(n.distinctInternalPeople, "colleague", "colleagues")}` },
    { value: formatNumber(n.outside), label: "From outside", sub: `${plural(n.distinctExternalNames, "person", "people")} · ${plural(n.distinctPlatforms, "platform", "platforms")}` },
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
    fitLine(doc, `${plural(n.contributions, "contribution", "contributions")} on ${plural(n.storiesWithContributors, "story", "stories")}. Weak ties and people from outside bring what a team does not already know.`, ctx.width),
    ctx.x,
    ctx.y + 48,
  );
  ctx.y += 58 + 12;
}

// --- Stories -------------------------------------------------------------------------------

type StoryLayout = { excerptLines: number };

const STORY_LABEL_W = 92;

function storyHeight(ctx: Ctx, s: SummaryStory, layout: StoryLayout): number {
  const { doc } = ctx;
  const textW = ctx.width - STORY_LABEL_W - 6;
  setFont(doc, "serifBold", 11.5);
  const title = clampLines(doc, s.title, ctx.width, 2, 1);
  let h = doc.heightOfString(title, { width: ctx.width, lineGap: 1 }) + 3;
  h += 14; // author line
  h += 20; // value chain chips
  for (const e of s.entries) {
    setFont(doc, e.narrative.trim() ? "serif" : "italic", 8.5);
    const text = entryText(e);
    const body = clampLines(doc, text, textW, layout.excerptLines, 1.5);
    h += Math.max(12, doc.heightOfString(body, { width: textW, lineGap: 1.5 })) + 3;
    if (e.figure) h += 12;
  }
  return h + 16;
}

function entryText(e: SummaryStoryEntry): string {
  if (e.narrative.trim()) return e.narrative;
  if (e.indicators.length > 0) return `Indicators: ${e.indicators.join(", ")}.`;
  return "No words recorded for this cycle.";
}

function drawStory(ctx: Ctx, s: SummaryStory, layout: StoryLayout): void {
  const { doc } = ctx;
  const top = ctx.y;
  const textW = ctx.width - STORY_LABEL_W - 6;
  // Title, with a marker when picked for leadership.
  setFont(doc, "serifBold", 11.5, INK);
  const title = clampLines(doc, s.title, ctx.width, 2, 1);
  para(doc, title, ctx.x, ctx.y, ctx.width, 1);
  ctx.y = doc.y + 3;
  const meta = [`${s.authorFirstName}${s.authorTeam ? `, ${s.authorTeam}` : ""}`, formatDay(s.occurredAt)];
  if (s.highlighted) meta.push("picked for leadership");
  setFont(doc, "regular", 8, MUTED);
  put(doc, fitLine(doc, meta.join(" · "), ctx.width), ctx.x, ctx.y);
  ctx.y += 14;
  // The value chain: five chips, filled where the story reached the cycle.
  const reached = new Set(s.entries.map((e) => e.cycle));
  let x = ctx.x;
  CYCLES.forEach((c, i) => {
    setFont(doc, reached.has(c) ? "bold" : "regular", 7.5);
    const label = CYCLE_SHORT[c];
    const w = doc.widthOfString(label) + 14;
    if (reached.has(c)) {
      doc.roundedRect(x, ctx.y, w, 14, 7).fill(CYCLE_SOFT[c]);
      doc.fillColor(CYCLE_COLOR[c]);
    } else {
      doc.roundedRect(x + 0.4, ctx.y + 0.4, w - 0.8, 13.2, 7).lineWidth(0.6).strokeColor(HAIRLINE).stroke();
      doc.fillColor(FAINT);
    }
    put(doc, label, x + 7, ctx.y + 3.3);
    x += w;
    if (i < CYCLES.length - 1) {
      setFont(doc, "regular", 7.5, reached.has(c) && reached.has(CYCLES[i + 1]!) ? MUTED : HAIRLINE);
      put(doc, "→", x + 3, ctx.y + 3.3);
      x += 15;
    }
  });
  ctx.y += 20;
  // One row per cycle reached: the cycle's name, then the author's words and any figure.
  for (const e of s.entries) {
    doc.rect(ctx.x, ctx.y + 1, 2, 9).fill(CYCLE_COLOR[e.cycle]);
    setFont(doc, "bold", 8, CYCLE_COLOR[e.cycle]);
    put(doc, CYCLE_INFO[e.cycle].name, ctx.x + 8, ctx.y + 1.3);
    const hasWords = e.narrative.trim() !== "";
    setFont(doc, hasWords ? "serif" : "italic", 8.5, hasWords ? INK : MUTED);
    const body = clampLines(doc, entryText(e), textW, layout.excerptLines, 1.5);
    para(doc, body, ctx.x + STORY_LABEL_W + 6, ctx.y, textW, 1.5);
    ctx.y = Math.max(doc.y, ctx.y + 12) + 3;
    if (e.figure) {
      const confirmed = e.figure.confirmedAt !== null;
      setFont(doc, "bold", 8, confirmed ? SUCCESS : MUTED);
      const mark = confirmed ? "✓ " : "";
      put(doc, fitLine(doc, mark + figureLine(e.figure), textW), ctx.x + STORY_LABEL_W + 6, ctx.y - 1);
      ctx.y += 12;
    }
  }
  ctx.y = Math.max(ctx.y, top) + 6;
  doc.moveTo(ctx.x, ctx.y).lineTo(ctx.x + ctx.width, ctx.y).lineWidth(0.4).strokeColor(HAIRLINE).stroke();
  ctx.y += 10;
}

function stories(ctx: Ctx): void {
  const { input } = ctx;
  const list = input.stories.slice(0, MAX_STORIES);
  const full: StoryLayout = { excerptLines: 2 };
  const compact: StoryLayout = { excerptLines: 1 };
  const intro = SECTION_HEAD + 26;
  // The heading goes with the first story.
  const first = list[0];
  const firstH = first ? Math.min(storyHeight(ctx, first, full), storyHeight(ctx, first, compact)) : 20;
  if (!ensure(ctx, intro + firstH)) return;
  sectionHeading(ctx, "Stories that travelled furthest", "Picked for leadership first, then the most complete");
  setFont(ctx.doc, "regular", 8.5, MUTED);
  para(
    ctx.doc,
    "Indicators give scale; stories show cause. Each story below follows one learning moment through the cycles it reached, in its author's words, with the figures that back it.",
    ctx.x,
    ctx.y,
    ctx.width,
    1.5,
  );
  ctx.y = ctx.doc.y + 12;
  if (list.length === 0) {
    setFont(ctx.doc, "italic", 9, MUTED);
    put(ctx.doc, "No story in this view has moved beyond its first cycle yet.", ctx.x, ctx.y);
    ctx.y += 20;
    return;
  }
  // Plan: the layout that shows the most stories (full excerpts first, then the first two full
  // and the rest on one line each, then all on one line).
  const layouts = (n: number): StoryLayout[][] => [
    list.slice(0, n).map(() => full),
    list.slice(0, n).map((_, i) => (i < 2 ? full : compact)),
    list.slice(0, n).map(() => compact),
  ];
  const heights = new Map<string, number>();
  const heightOf = (i: number, l: StoryLayout) => {
    const key = `${i}:${l.excerptLines}`;
    if (!heights.has(key)) heights.set(key, storyHeight(ctx, list[i]!, l));
    return heights.get(key)!;
  };
  const simulate = (plan: StoryLayout[]): number => {
    let y = ctx.y;
    let pages = ctx.pages;
    let shown = 0;
    for (let i = 0; i < plan.length; i++) {
      const h = heightOf(i, plan[i]!);
      if (y + h > ctx.bottom) {
        if (pages >= MAX_PAGES) break;
        pages++;
        y = MARGIN.top;
        if (y + h > ctx.bottom) break;
      }
      y += h;
      shown++;
    }
    return shown;
  };
  let best: StoryLayout[] = [];
  let bestShown = -1;
  for (const plan of layouts(list.length)) {
    const shown = simulate(plan);
    if (shown > bestShown) {
      best = plan.slice(0, shown);
      bestShown = shown;
    }
  }
  best.forEach((layout, i) => {
    if (ctx.y + heightOf(i, layout) > ctx.bottom) newPage(ctx);
    drawStory(ctx, list[i]!, layout);
  });
  if (input.stories.length > best.length && ctx.y + 12 <= ctx.bottom) {
    setFont(ctx.doc, "italic", 8, MUTED);
    put(ctx.doc, "More stories are in Ripple's reports and in the spreadsheet export.", ctx.x, ctx.y);
    ctx.y += 12;
  }
}

// --- Footer ----------------------------------------------------------------------------------

function footers(doc: Doc, input: LeadershipSummaryInput): void {
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

// ---------------------------------------------------------------------------------------------

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
