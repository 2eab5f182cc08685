// The value-creation matrix: stories per indicator and cycle, on one page.
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import type { SummaryMatrixRow } from "@/lib/domain/leadership-summary";
import { formatNumber, plural } from "../format";
import { setFont, put, para, fitLine, clampLines, newPage, ensure, SECTION_HEAD, sectionHeading, nothingYet, columnHeads, type Ctx } from "../primitives";
import { INK, MUTED, FAINT, HAIRLINE, CYCLE_COLOR, CYCLE_SHORT, MAX_PAGES, MAX_MATRIX_ROWS, mix } from "../theme";

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
    for (const r of used
      .filter((x) => x.cycle === cycle)
      .sort(byTotal)
      .slice(0, 2))
      if (keep.size < max) keep.add(r);
  }
  for (const r of [...used].sort(byTotal)) if (keep.size < max) keep.add(r);
  return { rows: used.filter((r) => keep.has(r)), hidden: used.length - keep.size };
}

export function matrix(ctx: Ctx): void {
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
  if (rows.length === 0) return nothingYet(ctx, "No indicator has been tagged on a story in this view yet.", 34 + 14);
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
  columnHeads(ctx, [["INDICATOR", ctx.x]], ctx.y + 18);
  ctx.y += headH;
  let prevCycle: Cycle | null | undefined;
  for (const row of rows) {
    if (prevCycle !== undefined && row.cycle !== prevCycle) {
      doc
        .moveTo(ctx.x, ctx.y - 0.5)
        .lineTo(ctx.x + ctx.width, ctx.y - 0.5)
        .lineWidth(0.6)
        .strokeColor(HAIRLINE)
        .stroke();
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
