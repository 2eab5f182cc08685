import "server-only";
// The CSV, XLSX and xAPI exports as byte streams. Each pulls the stories from the data layer in
// keyset-paged batches (lib/db/report-export.ts) only as fast as the reader takes the bytes, so
// an export of any size runs in flat memory. The route handlers and the benchmark both use these.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { countExportRows, exportContext, exportStoryBatches, recordExport, type ExportContext, type ExportStory } from "@/lib/db/report-export";
import { reportMatrix, reportRealizedValue, type ReportTotals } from "@/lib/db/reports";
import type { Actor } from "@/lib/domain/actor";
import { spreadsheetNumberFormat, unitName } from "@/lib/domain/figures";
import { CYCLES, CYCLE_INFO, furthestCycle } from "@/lib/domain/framework";
import {
  CSV_COLUMNS,
  EXPORT_LABELS,
  UTF8_BOM,
  contributorsSummary,
  csvLine,
  csvPreamble,
  cycleEntryCsvRow,
  rfcUuid,
  xlsxText,
} from "@/lib/domain/exports";
import { cycleEntryStatement } from "@/lib/domain/xapi";
import { env } from "@/lib/platform/env";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";

export type ExportRun = {
  actor: Actor;
  context: ExportContext;
  /** When the export was made (written into its header). */
  exportedAt: Date;
  /** Stories looked at per query (lib/db/report-export.ts EXPORT_BATCH_SIZE by default). */
  batchSize?: number;
};

export const EXPORT_CONTENT_TYPE = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xapi: "application/json; charset=utf-8",
} as const;

const encoder = new TextEncoder();

export type StreamedExportKind = keyof typeof EXPORT_CONTENT_TYPE;

/**
 * The whole answer of an export route, for an actor the route has already let in: the filters
 * from the address, an "export.created" audit event (the kind and the filters, never story
 * text), then the file as a stream, named after the organisation and the filters.
 * X-Ripple-Rows says how many records are coming (CSV records, xAPI statements, XLSX story and
 * entry rows) so the page can show progress.
 */
export async function exportResponse(kind: StreamedExportKind, request: Request, actor: Actor): Promise<Response> {
  const params = parseReportFilters(new URL(request.url).searchParams);
  const context = await exportContext(actor, params);
  const counts = await countExportRows(actor, context.queryFilters);
  await recordExport(actor, kind, params);
  const run: ExportRun = { actor, context, exportedAt: now() };
  const body = kind === "csv" ? csvExportStream(run) : kind === "xlsx" ? await xlsxExportStream(run) : xapiExportStream({ ...run, baseUrl: appBaseUrl(request) });
  const rows = kind === "csv" ? counts.rows : kind === "xapi" ? counts.entries : counts.stories + counts.entries;
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPE[kind],
      // exportFileName only ever makes [a-z0-9._-] names, safe as they are in the header.
      "Content-Disposition": `attachment; filename="${context.fileName(kind)}"`,
      "X-Ripple-Rows": String(rows),
      "X-Ripple-Stories": String(counts.stories),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * A reader that goes away (a closed tab, a cancelled download) is not an error: the export
 * stops reading the database and says so at debug level, once it has stopped.
 */
function logCancelled(kind: StreamedExportKind, run: ExportRun): void {
  logger.debug({ export: kind, organizationId: run.actor.organizationId }, "export cancelled by the reader");
}

/** The app's origin for IRIs: the configured public address, else the request's. */
export function appBaseUrl(request: Request): string {
  return (env().NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

/**
 * A byte stream that renders one batch of stories per pull: `head` first, then each batch, then
 * `tail`. Nothing is read from the database before the reader asks for more.
 */
function batchStream(
  run: ExportRun,
  kind: StreamedExportKind,
  parts: { head: string; render: (batch: ExportStory[]) => string; tail: () => string },
): ReadableStream<Uint8Array> {
  let batches: AsyncGenerator<ExportStory[], void, undefined> | null = null;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(parts.head));
      },
      async pull(controller) {
        try {
          batches ??= exportStoryBatches(run.actor, run.context.queryFilters, { batchSize: run.batchSize });
          const next = await batches.next();
          // The reader may have gone while the batch was read: nothing more to send.
          if (cancelled) return;
          if (next.done) {
            controller.enqueue(encoder.encode(parts.tail()));
            controller.close();
            return;
          }
          const text = parts.render(next.value);
          if (text !== "") controller.enqueue(encoder.encode(text));
        } catch (error) {
          if (cancelled) return;
          logger.error({ export: kind, organizationId: run.actor.organizationId, err: error instanceof Error ? error.message : String(error) }, "export stream failed");
          throw error;
        }
      },
      async cancel() {
        cancelled = true;
        // Waits for a batch being read, then closes the query pager.
        await batches?.return(undefined);
        logCancelled(kind, run);
      },
    },
    // One batch ahead at most.
    { highWaterMark: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * RFC 4180 CSV: a first record saying what the file is and which filters made it, the column
 * names, then one record per cycle entry with the story's columns repeated (a story without
 * entries gets one record with the entry columns empty). UTF-8 with a byte order mark.
 */
export function csvExportStream(run: ExportRun): ReadableStream<Uint8Array> {
  const head = UTF8_BOM + csvLine(csvPreamble(run.context.organizationName, run.context.filtersLine, run.exportedAt)) + csvLine(CSV_COLUMNS);
  return batchStream(run, "csv", {
    head,
    render: (batch) => {
      let out = "";
      for (const story of batch) {
        if (story.entries.length === 0) out += csvLine(cycleEntryCsvRow(story, null));
        for (const entry of story.entries) out += csvLine(cycleEntryCsvRow(story, entry));
      }
      return out;
    },
    tail: () => "",
  });
}

// ---------------------------------------------------------------------------------------------
// xAPI

/**
 * A JSON array of xAPI 1.0.3 statements, one per cycle entry, one statement per line (so a
 * reader can count them as they arrive). `baseUrl` is the app's origin: story IRIs and Ripple's
 * extension IRIs are built from it.
 */
export function xapiExportStream(run: ExportRun & { baseUrl: string }): ReadableStream<Uint8Array> {
  const base = run.baseUrl.replace(/\/+$/, "");
  let first = true;
  return batchStream(run, "xapi", {
    head: "[\n",
    render: (batch) => {
      let out = "";
      for (const story of batch) {
        for (const entry of story.entries) {
          const id = rfcUuid(entry.id);
          if (!id) continue; // every database id is a UUID; nothing else can become a statement
          const statement = cycleEntryStatement({
            actor: { name: story.author, email: story.authorEmail },
            story: { id: story.id, title: story.title, url: `${base}/stories/${story.id}` },
            entry: { ...entry, id, indicators: entry.indicatorKeys },
            platform: "Ripple",
            baseUrl: base,
          });
          out += (first ? "" : ",\n") + JSON.stringify(statement);
          first = false;
        }
      }
      return out;
    },
    tail: () => (first ? "]\n" : "\n]\n"),
  });
}

// ---------------------------------------------------------------------------------------------
// XLSX

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
  const [{ matrix, totals }, realized] = await Promise.all([reportMatrix(run.actor, run.context.queryFilters), reportRealizedValue(run.actor, run.context.queryFilters)]);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let cancelled = false;
  const writing = writeWorkbook(run, { matrix, totals, realized }, out).catch((error: unknown) => {
    // Writing into the stream the reader has given up fails: that is the cancellation, not an error.
    if (cancelled) return;
    logger.error({ export: "xlsx", organizationId: run.actor.organizationId, err: error instanceof Error ? error.message : String(error) }, "export stream failed");
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return webStream(out, () => {
    cancelled = true;
    // Said once the writer has stopped (it stops at its next write or batch).
    void writing.then(() => logCancelled("xlsx", run));
  });
}

/**
 * A Node stream as a web stream that reads one chunk per pull, so a slow reader holds the
 * writer back. (Readable.toWeb in Node 20 counts the Node stream's byte high-water mark as a
 * number of chunks and would buffer most of the file.)
 */
function webStream(source: Readable, onCancel: () => void): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (error) {
          if (cancelled) return; // the source was destroyed because the reader left
          throw error;
        }
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      async cancel() {
        cancelled = true;
        onCancel();
        // Ending the iterator destroys the source, which stops the writer.
        await chunks.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

type SmallSheets = {
  matrix: Awaited<ReturnType<typeof reportMatrix>>["matrix"];
  totals: ReportTotals;
  realized: Awaited<ReturnType<typeof reportRealizedValue>>;
};

async function writeWorkbook(run: ExportRun, { matrix, totals, realized }: SmallSheets, out: PassThrough): Promise<void> {
  const { actor, context } = run;
  const filters = context.queryFilters;

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
        chain: CYCLES.filter((c) => cycles.includes(c)).map((c) => CYCLE_INFO[c].name.replace(/ value$/, "")).join(" → "),
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
        { cycle: CYCLE_INFO[group.cycle].name, unit: xlsxText(unitName(u.unit)), confirmed: null, confirmedCount: null, selfReported: u.total, selfReportedCount: u.count },
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
