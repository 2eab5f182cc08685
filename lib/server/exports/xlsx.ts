import "server-only";
// The reports' spreadsheet: About, Stories, Cycle entries, Matrix and Figures sheets, streamed.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { exportStoryBatches } from "@/lib/db/report-export";
import { reportMatrix, reportRealizedValue, type ReportTotals } from "@/lib/db/reports";
import { spreadsheetNumberFormat, unitName } from "@/lib/domain/figures";
import { CYCLES, CYCLE_INFO, furthestCycle } from "@/lib/domain/framework";
import { EXPORT_LABELS, contributorsSummary, xlsxText } from "@/lib/domain/exports";
import { logCancelled, logFailed, webStream, type ExportRun } from "./stream";

/** Excel's row limit per sheet; longer tables continue on a second sheet of the same name. */
const XLSX_MAX_ROWS = 1_048_576;
/** Uncompressed sheet data allowed to wait for the zip writer before the next batch is read. */
const XLSX_BACKLOG_BYTES = 8 * 1024 * 1024;

const DATE_FORMAT = "yyyy-mm-dd hh:mm";
const HEADER_FONT = { bold: true } as const;
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF6" } } as const;

type Column = { header: string; key: string; width: number; date?: boolean; number?: boolean };

const STORY_COLUMNS: Column[] = [
  { header: "Story ID", key: "id", width: 38 },
  { header: "Title", key: "title", width: 48 },
  { header: "Author", key: "author", width: 24 },
  { header: "Team", key: "team", width: 20 },
  { header: "Occurred (UTC)", key: "occurredAt", width: 18, date: true },
  { header: "Channel", key: "channel", width: 20 },
  { header: "Visibility", key: "visibility", width: 14 },
  { header: "Tags", key: "tags", width: 24 },
  { header: "Contributors", key: "contributors", width: 48 },
  { header: "Value chain", key: "chain", width: 44 },
  { header: "Furthest cycle", key: "furthest", width: 18 },
  { header: "Cycle entries", key: "entries", width: 12, number: true },
];

const ENTRY_COLUMNS: Column[] = [
  { header: "Story ID", key: "storyId", width: 38 },
  { header: "Story", key: "title", width: 40 },
  { header: "Author", key: "author", width: 24 },
  { header: "Team", key: "team", width: 20 },
  { header: "Cycle", key: "cycle", width: 18 },
  { header: "Indicators", key: "indicators", width: 36 },
  { header: "Narrative", key: "narrative", width: 60 },
  { header: "Figure", key: "figureValue", width: 12, number: true },
  { header: "Unit", key: "figureUnit", width: 18 },
  { header: "Figure status", key: "figureStatus", width: 15 },
  { header: "Confirmed by", key: "confirmedBy", width: 24 },
  { header: "Confirmed (UTC)", key: "confirmedAt", width: 18, date: true },
  { header: "Recorded (UTC)", key: "recordedAt", width: 18, date: true },
];

/**
 * An .xlsx workbook written as a stream (exceljs' WorkbookWriter, inline strings, so no table of
 * every string is kept): "About" (organisation, filters, counts), "Stories", "Cycle entries",
 * "Matrix" and "Figures". Header rows are frozen, dates are real dates (UTC). The two big sheets
 * are written one after the other (a zip holds one entry at a time), each from its own pass
 * over the stories.
 */
export async function xlsxExportStream(run: ExportRun): Promise<ReadableStream<Uint8Array>> {
  // The small sheets' data first, before any byte is sent (a failure here is a plain error
  // answer); it also gives the anonymous counts for the About sheet.
  const [{ matrix, totals }, realized] = await Promise.all([reportMatrix(run.actor, run.context.filters), reportRealizedValue(run.actor, run.context.filters)]);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let cancelled = false;
  const writing = writeWorkbook(run, { matrix, totals, realized }, out).catch((error: unknown) => {
    // Writing into the stream the reader has given up fails: that is the cancellation, not an error.
    if (cancelled) return;
    logFailed("xlsx", run, error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return webStream(out, () => {
    cancelled = true;
    // Said once the writer has stopped (it stops at its next write or batch).
    void writing.then(() => logCancelled("xlsx", run));
  });
}

type SmallSheets = {
  matrix: Awaited<ReturnType<typeof reportMatrix>>["matrix"];
  totals: ReportTotals;
  realized: Awaited<ReturnType<typeof reportRealizedValue>>;
};

async function writeWorkbook(run: ExportRun, { matrix, totals, realized }: SmallSheets, out: PassThrough): Promise<void> {
  const { actor, context } = run;
  const filters = context.filters;

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Ripple";
  wb.lastModifiedBy = "Ripple";
  wb.created = run.exportedAt;
  wb.modified = run.exportedAt;
  wb.title = `Ripple export · ${context.organizationName}`;
  wb.subject = context.filtersLine;

  let cancelled = false;
  out.once("close", () => {
    cancelled = true;
  });

  // About
  const about = wb.addWorksheet("About", { views: [{ state: "normal", showGridLines: false }] });
  about.columns = [
    { key: "k", width: 22 },
    { key: "v", width: 90 },
  ];
  about.addRow({ k: "Ripple export", v: xlsxText(context.organizationName) }).font = { bold: true, size: 14 };
  about.addRow({ k: "Filters", v: xlsxText(context.filtersLine) });
  const exportedRow = about.addRow({ k: "Exported (UTC)", v: run.exportedAt });
  exportedRow.getCell(2).numFmt = DATE_FORMAT;
  exportedRow.getCell(2).alignment = { horizontal: "left" };
  about.addRow({ k: "Exported by", v: xlsxText(actor.name) });
  about.addRow({ k: "Stories", v: totals.visible }).getCell(2).alignment = { horizontal: "left" };
  about.addRow({ k: "Not shown", v: notShown(totals) });
  about.addRow({});
  about.addRow({
    k: "Sheets",
    v: "Stories: one row per story. Cycle entries: one row per cycle entry. Matrix: stories per indicator and cycle. Figures: realized value (what the realized-value cycle records) by unit, confirmed and self-reported kept apart, then the figures of the other cycles, each row naming its cycle.",
  });
  about.addRow({ k: "Dates", v: "All dates and times are in UTC." });
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).alignment = { wrapText: true, vertical: "top", horizontal: "left" };
  about.commit();

  // Stories (first pass)
  const sheet = sheetWriter(wb, "Stories", STORY_COLUMNS);
  for await (const batch of exportStoryBatches(actor, filters, { batchSize: run.batchSize })) {
    if (cancelled) return;
    for (const s of batch) {
      const cycles = s.entries.map((e) => e.cycle);
      const furthest = furthestCycle(cycles);
      sheet.add({
        id: s.id,
        title: xlsxText(s.title),
        author: xlsxText(s.author),
        team: xlsxText(s.team),
        occurredAt: s.occurredAt,
        channel: xlsxText(s.channel),
        visibility: EXPORT_LABELS.visibility[s.visibility],
        tags: xlsxText(s.tags.join("; ")),
        contributors: xlsxText(contributorsSummary(s.contributors)),
        chain: CYCLES.filter((c) => cycles.includes(c))
          .map((c) => CYCLE_INFO[c].name.replace(/ value$/, ""))
          .join(" → "),
        furthest: furthest ? CYCLE_INFO[furthest].name : "",
        entries: s.entries.length,
      });
    }
    await sheet.drained(out);
  }
  sheet.commit();

  // Cycle entries (second pass)
  const entries = sheetWriter(wb, "Cycle entries", ENTRY_COLUMNS);
  for await (const batch of exportStoryBatches(actor, filters, { batchSize: run.batchSize })) {
    if (cancelled) return;
    for (const s of batch) {
      for (const e of s.entries) {
        const hasFigure = e.figureValue !== null && e.figureValue !== "";
        entries.add({
          storyId: s.id,
          title: xlsxText(s.title),
          author: xlsxText(s.author),
          team: xlsxText(s.team),
          cycle: CYCLE_INFO[e.cycle].name,
          indicators: xlsxText(e.indicators.join("; ")),
          narrative: xlsxText(e.narrative),
          figureValue: hasFigure ? Number(e.figureValue) : null,
          figureUnit: hasFigure ? xlsxText(e.figureUnit) : "",
          figureStatus: hasFigure ? (e.confirmed ? "Confirmed" : "Self-reported") : "",
          confirmedBy: hasFigure && e.confirmed ? xlsxText(e.confirmedBy) : "",
          confirmedAt: hasFigure && e.confirmed ? e.confirmedAt : null,
          recordedAt: e.recordedAt,
        });
      }
    }
    await entries.drained(out);
  }
  entries.commit();

  // Matrix
  const mx = sheetWriter(wb, "Matrix", [
    { header: "Indicator", key: "label", width: 40 },
    { header: "Indicator's cycle", key: "cycle", width: 18 },
    ...CYCLES.map((c) => ({ header: CYCLE_INFO[c].name, key: c, width: 15, number: true })),
    { header: "Total", key: "total", width: 10, number: true },
  ]);
  for (const row of matrix.rows) {
    mx.add({
      label: xlsxText(row.retired ? `${row.label} (retired)` : row.label),
      cycle: row.cycle ? CYCLE_INFO[row.cycle].name : "",
      ...row.cells,
      total: row.total,
    });
  }
  mx.add({ label: "Total (indicator mentions)", cycle: "", ...matrix.totals, total: matrix.grandTotal }).font = HEADER_FONT;
  mx.commit();

  // Figures: realized value first (the REALIZED cycle's figures, confirmed and self-reported
  // apart), then the other cycles' figures, each row naming its cycle. Money cells carry their
  // currency's number format.
  const fig = sheetWriter(wb, "Figures", [
    { header: "Cycle", key: "cycle", width: 18 },
    { header: "Unit", key: "unit", width: 28 },
    { header: "Confirmed", key: "confirmed", width: 14, number: true },
    { header: "Confirmed figures", key: "confirmedCount", width: 18, number: true },
    { header: "Self-reported", key: "selfReported", width: 14, number: true },
    { header: "Self-reported figures", key: "selfReportedCount", width: 20, number: true },
  ]);
  const money = (row: ExcelJS.Row, unit: string, keys: string[]) => {
    const format = spreadsheetNumberFormat(unit);
    for (const key of keys) row.getCell(key).numFmt = format;
  };
  for (const u of realized.units) {
    fig.add(
      {
        cycle: CYCLE_INFO.REALIZED.name,
        unit: xlsxText(unitName(u.unit)),
        confirmed: u.confirmed,
        confirmedCount: u.confirmedCount,
        selfReported: u.selfReported,
        selfReportedCount: u.selfReportedCount,
      },
      (r) => money(r, u.unit, ["confirmed", "selfReported"]),
    );
  }
  for (const group of realized.otherCycles) {
    for (const u of group.units) {
      // Only realized figures are ever confirmed: the other cycles' figures are self-reported.
      fig.add(
        {
          cycle: CYCLE_INFO[group.cycle].name,
          unit: xlsxText(unitName(u.unit)),
          confirmed: null,
          confirmedCount: null,
          selfReported: u.total,
          selfReportedCount: u.count,
        },
        (r) => money(r, u.unit, ["selfReported"]),
      );
    }
  }
  fig.commit();

  await wb.commit();
}

function notShown(t: ReportTotals): string {
  const parts: string[] = [];
  if (t.privateCount > 0) parts.push(`${t.privateCount} private ${t.privateCount === 1 ? "story" : "stories"}`);
  if (t.hiddenCount > 0) parts.push(`${t.hiddenCount} ${t.hiddenCount === 1 ? "story" : "stories"} not shared with you`);
  return parts.length === 0 ? "Nothing: every story in scope is in this file." : `${parts.join(" and ")}: counted in the reports, never shown.`;
}

type WorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
type Worksheet = ReturnType<WorkbookWriter["addWorksheet"]>;

/** A data sheet: bold frozen header row, column widths and formats, rows committed as added. */
function sheetWriter(wb: WorkbookWriter, name: string, columns: Column[]) {
  let part = 1;
  let rows = 0;
  let ws: Worksheet = open(name);

  function open(title: string): Worksheet {
    const sheet = wb.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
    sheet.columns = columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.date ? { numFmt: DATE_FORMAT } : c.number ? { numFmt: "#,##0.##" } : { alignment: { vertical: "top" as const } },
    }));
    const header = sheet.getRow(1);
    header.font = HEADER_FONT;
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.numFmt = "@";
    });
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    rows = 1;
    return sheet;
  }

  return {
    /** Adds a row; `style` may set its cells' formats before the row is committed. */
    add(values: Record<string, unknown>, style?: (row: ExcelJS.Row) => void) {
      if (rows >= XLSX_MAX_ROWS) {
        ws.commit();
        part += 1;
        ws = open(`${name} (${part})`);
      }
      const row = ws.addRow(values);
      style?.(row);
      row.commit();
      rows += 1;
      return row;
    },
    /**
     * Waits while the written sheet data has not yet gone through the zip writer, or while the
     * reader has not taken the zip's output: the next batch is read only when there is room.
     */
    async drained(output: PassThrough) {
      for (;;) {
        if (output.destroyed) return;
        if (backlog(ws) <= XLSX_BACKLOG_BYTES && !output.writableNeedDrain) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    commit() {
      ws.commit();
    },
  };
}

/**
 * Bytes of sheet XML waiting for the zip writer. exceljs' sheet stream pushes into the zip
 * entry's input without backpressure (exceljs 4.4, archiver 5), so the waiting bytes are in that
 * input's buffers: a readable-stream 2 PassThrough, which has no writableLength, hence the state
 * objects (Node's own streams have them too).
 */
type StreamState = { length?: number };
type Piped = { _writableState?: StreamState; _readableState?: StreamState };

function backlog(ws: Worksheet): number {
  const stream = (ws as unknown as { _stream?: { pipes?: Piped[]; buffers?: { length: number }[] } })._stream;
  if (!stream) return 0;
  let n = 0;
  for (const p of stream.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  for (const b of stream.buffers ?? []) n += b.length;
  return n;
}
