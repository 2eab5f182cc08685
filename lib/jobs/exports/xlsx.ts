import "server-only";
// The reports' spreadsheet: About, Stories, Cycle entries, Matrix and Figures sheets, streamed.
import { PassThrough } from "node:stream";
import { exportStoryBatches } from "@/lib/db/report-export";
import { reportMatrix, reportRealizedValue, type ReportTotals } from "@/lib/db/reports";
import { spreadsheetNumberFormat, unitName } from "@/lib/domain/figures";
import { CYCLES, CYCLE_INFO, furthestCycle } from "@/lib/domain/framework";
import { EXPORT_LABELS, contributorsSummary, xlsxText } from "@/lib/domain/exports";
import { logCancelled, logFailed, webStream, type ExportRun } from "./stream";
import { XlsxWriter, type CellValue, type SheetWriter } from "./xlsx-writer";

/** Excel's row limit per sheet; longer tables continue on a second sheet of the same name. */
const XLSX_MAX_ROWS = 1_048_576;

const DATE_FORMAT = "yyyy-mm-dd hh:mm";
const NUMBER_FORMAT = "#,##0.##";
const HEADER_FILL = "FFE8EEF6";

type Column = { header: string; width: number; date?: boolean; number?: boolean };

const STORY_COLUMNS: Column[] = [
  { header: "Story ID", width: 38 },
  { header: "Title", width: 48 },
  { header: "Author", width: 24 },
  { header: "Team", width: 20 },
  { header: "Occurred (UTC)", width: 18, date: true },
  { header: "Channel", width: 20 },
  { header: "Visibility", width: 14 },
  { header: "Tags", width: 24 },
  { header: "Contributors", width: 48 },
  { header: "Value chain", width: 44 },
  { header: "Furthest cycle", width: 18 },
  { header: "Cycle entries", width: 12, number: true },
];

const ENTRY_COLUMNS: Column[] = [
  { header: "Story ID", width: 38 },
  { header: "Story", width: 40 },
  { header: "Author", width: 24 },
  { header: "Team", width: 20 },
  { header: "Cycle", width: 18 },
  { header: "Indicators", width: 36 },
  { header: "Narrative", width: 60 },
  { header: "Figure", width: 12, number: true },
  { header: "Unit", width: 18 },
  { header: "Figure status", width: 15 },
  { header: "Confirmed by", width: 24 },
  { header: "Confirmed (UTC)", width: 18, date: true },
  { header: "Recorded (UTC)", width: 18, date: true },
];

/**
 * An .xlsx workbook written as a stream (./xlsx-writer.ts: sheet XML written as text into the
 * zip's deflate stream, inline strings, so no object per cell and no table of every string): "About" (organisation, filters, counts), "Stories", "Cycle entries",
 * "Matrix" and "Figures". Header rows are frozen, dates are real dates (UTC). The two big sheets
 * fill from one pass over the stories: Stories straight into the zip, Cycle entries into a
 * temporary file that is copied into the zip after (a zip holds one entry at a time).
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

  const wb = new XlsxWriter(
    { title: `Ripple export · ${xlsxText(context.organizationName)}`, subject: xlsxText(context.filtersLine), creator: "Ripple", created: run.exportedAt },
    (chunk) => {
      if (!out.destroyed) out.write(chunk);
    },
  );

  let cancelled = false;
  out.once("close", () => {
    cancelled = true;
    wb.abort();
  });
  /** Waits until the compressor and the reader have taken what was written (or the reader has gone away). */
  const drained = async () => {
    await wb.drained();
    if (out.destroyed || !out.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.once("drain", done);
      out.once("close", done);
    });
  };

  try {
    // About
    const about = wb.sheet("About", { widths: [22, 90], showGridLines: false });
    const key = wb.style({ font: "bold" });
    const value = wb.style({ wrap: true, vertical: "top", horizontal: "left" });
    const plain = [key, value];
    const title = wb.style({ font: "title", wrap: true, vertical: "top", horizontal: "left" });
    about.row(["Ripple export", xlsxText(context.organizationName)], [wb.style({ font: "title" }), title]);
    about.row(["Filters", xlsxText(context.filtersLine)], plain);
    about.row(["Exported (UTC)", run.exportedAt], [key, wb.style({ numFmt: DATE_FORMAT, wrap: true, vertical: "top", horizontal: "left" })]);
    about.row(["Exported by", xlsxText(actor.name)], plain);
    about.row(["Stories", totals.visible], plain);
    about.row(["Not shown", notShown(totals)], plain);
    about.row([], plain);
    about.row(
      [
        "Sheets",
        "Stories: one row per story. Cycle entries: one row per cycle entry. Matrix: stories per indicator and cycle. Figures: realized value (what the realized-value cycle records) by unit, confirmed and self-reported kept apart, then the figures of the other cycles, each row naming its cycle.",
      ],
      plain,
    );
    about.row(["Dates", "All dates and times are in UTC."], plain);
    about.close();

    // Stories and Cycle entries, from one pass over the stories: the Stories sheet goes into the
    // zip as it is written, the Cycle entries sheet into a temporary file (deflated), copied into
    // the zip after (a zip holds one entry at a time).
    const sheet = sheetWriter(wb, "Stories", STORY_COLUMNS);
    const entries = sheetWriter(wb, "Cycle entries", ENTRY_COLUMNS, { spooled: true });
    for await (const batch of exportStoryBatches(actor, filters, { batchSize: run.batchSize })) {
      if (cancelled) return;
      for (const s of batch) {
        const cycles = s.entries.map((e) => e.cycle);
        const furthest = furthestCycle(cycles);
        const title = xlsxText(s.title);
        const author = xlsxText(s.author);
        const team = xlsxText(s.team);
        sheet.add([
          s.id,
          title,
          author,
          team,
          s.occurredAt,
          xlsxText(s.channel),
          EXPORT_LABELS.visibility[s.visibility],
          xlsxText(s.tags.join("; ")),
          xlsxText(contributorsSummary(s.contributors)),
          CYCLES.filter((c) => cycles.includes(c))
            .map((c) => CYCLE_INFO[c].name.replace(/ value$/, ""))
            .join(" → "),
          furthest ? CYCLE_INFO[furthest].name : "",
          s.entries.length,
        ]);
        for (const e of s.entries) {
          const hasFigure = e.figureValue !== null && e.figureValue !== "";
          entries.add([
            s.id,
            title,
            author,
            team,
            CYCLE_INFO[e.cycle].name,
            xlsxText(e.indicators.join("; ")),
            xlsxText(e.narrative),
            hasFigure ? Number(e.figureValue) : null,
            hasFigure ? xlsxText(e.figureUnit) : "",
            hasFigure ? (e.confirmed ? "Confirmed" : "Self-reported") : "",
            hasFigure && e.confirmed ? xlsxText(e.confirmedBy) : "",
            hasFigure && e.confirmed ? e.confirmedAt : null,
            e.recordedAt,
          ]);
        }
      }
      await drained();
      run.onBatch?.(batch);
    }
    sheet.close();
    entries.close();
    for (const part of entries.parts) {
      if (cancelled) return;
      await wb.append(part, drained);
    }

    // Matrix
    const mx = sheetWriter(wb, "Matrix", [
      { header: "Indicator", width: 40 },
      { header: "Indicator's cycle", width: 18 },
      ...CYCLES.map((c) => ({ header: CYCLE_INFO[c].name, width: 15, number: true })),
      { header: "Total", width: 10, number: true },
    ]);
    for (const row of matrix.rows) {
      mx.add([
        xlsxText(row.retired ? `${row.label} (retired)` : row.label),
        row.cycle ? CYCLE_INFO[row.cycle].name : "",
        ...CYCLES.map((c) => row.cells[c]),
        row.total,
      ]);
    }
    const bold = wb.style({ font: "bold" });
    const boldNumber = wb.style({ font: "bold", numFmt: NUMBER_FORMAT });
    mx.add(
      ["Total (indicator mentions)", "", ...CYCLES.map((c) => matrix.totals[c]), matrix.grandTotal],
      [bold, bold, ...CYCLES.map(() => boldNumber), boldNumber],
    );
    mx.close();

    // Figures: realized value first (the REALIZED cycle's figures, confirmed and self-reported
    // apart), then the other cycles' figures, each row naming its cycle. Money cells carry their
    // currency's number format.
    const fig = sheetWriter(wb, "Figures", [
      { header: "Cycle", width: 18 },
      { header: "Unit", width: 28 },
      { header: "Confirmed", width: 14, number: true },
      { header: "Confirmed figures", width: 18, number: true },
      { header: "Self-reported", width: 14, number: true },
      { header: "Self-reported figures", width: 20, number: true },
    ]);
    /** The columns' styles, with the money columns (2 and 4: confirmed, self-reported) in the unit's format. */
    const money = (unit: string, columns: number[]) => {
      const format = wb.style({ numFmt: spreadsheetNumberFormat(unit) });
      const styles = [...fig.styles];
      for (const c of columns) styles[c] = format;
      return styles;
    };
    for (const u of realized.units) {
      fig.add(
        [CYCLE_INFO.REALIZED.name, xlsxText(unitName(u.unit)), u.confirmed, u.confirmedCount, u.selfReported, u.selfReportedCount],
        money(u.unit, [2, 4]),
      );
    }
    for (const group of realized.otherCycles) {
      for (const u of group.units) {
        // Only realized figures are ever confirmed: the other cycles' figures are self-reported.
        fig.add([CYCLE_INFO[group.cycle].name, xlsxText(unitName(u.unit)), null, null, u.total, u.count], money(u.unit, [4]));
      }
    }
    fig.close();

    await wb.close();
    out.end();
  } finally {
    await wb.dispose();
  }
}

function notShown(t: ReportTotals): string {
  const parts: string[] = [];
  if (t.privateCount > 0) parts.push(`${t.privateCount} private ${t.privateCount === 1 ? "story" : "stories"}`);
  if (t.hiddenCount > 0) parts.push(`${t.hiddenCount} ${t.hiddenCount === 1 ? "story" : "stories"} not shared with you`);
  return parts.length === 0 ? "Nothing: every story in scope is in this file." : `${parts.join(" and ")}: counted in the reports, never shown.`;
}

/** A data sheet: bold frozen header row with an auto-filter, column widths and formats; past Excel's row limit it continues on a new sheet. */
function sheetWriter(wb: XlsxWriter, name: string, columns: Column[], { spooled = false } = {}) {
  let part = 1;
  const parts: SheetWriter[] = [];
  const styles = columns.map((c) => wb.style(c.date ? { numFmt: DATE_FORMAT } : c.number ? { numFmt: NUMBER_FORMAT } : { vertical: "top" }));
  const header = wb.style({ font: "bold", fill: HEADER_FILL, numFmt: "@" });
  const headerStyles = columns.map(() => header);
  const open = (title: string): SheetWriter => {
    const options = { widths: columns.map((c) => c.width), frozenHeader: true, autoFilter: true };
    const sheet = spooled ? wb.spooledSheet(title, options) : wb.sheet(title, options);
    parts.push(sheet);
    sheet.row(
      columns.map((c) => c.header),
      headerStyles,
    );
    return sheet;
  };
  let ws = open(name);
  return {
    /** The columns' own styles (a row may pass others). */
    styles,
    /** The sheets written (one, or more past Excel's row limit). */
    parts,
    add(values: CellValue[], rowStyles: readonly number[] = styles) {
      if (ws.rows >= XLSX_MAX_ROWS) {
        ws.close();
        part += 1;
        ws = open(`${name} (${part})`);
      }
      ws.row(values, rowStyles);
    },
    close() {
      ws.close();
    },
  };
}
