// Background exports (README "Exports"): the report files written by a job into the file store
// rather than streamed in one long request. What they are, how far one has got, when it goes.
// Pure: no database, no clock (the time comes in).
import type { ExportKind } from "./exports";
import type { ReportFilterParam } from "./report-filters";

/** The files that can be made in the background: the streamed exports. */
export const BACKGROUND_EXPORT_KINDS = ["csv", "xlsx", "xapi"] as const satisfies readonly ExportKind[];
export type BackgroundExportKind = (typeof BACKGROUND_EXPORT_KINDS)[number];

export function isBackgroundExportKind(kind: string): kind is BackgroundExportKind {
  return (BACKGROUND_EXPORT_KINDS as readonly string[]).includes(kind);
}

/**
 * Above this many stories in the report, the page prepares the file in the background by default
 * (a streamed download of that size takes long enough that a closed tab or a dropped connection
 * loses it). Below it, the file downloads at once; the person can still choose the background.
 */
export const BACKGROUND_EXPORT_STORIES = 5_000;

/** A ready file is kept this long, then deleted by the `export.expire` maintenance job. */
export const EXPORT_FILE_DAYS = 7;
/** The record of an export (status, size, its error) is kept this long after it expired or failed, then removed. */
export const EXPORT_RECORD_DAYS = 30;
/** How many of a person's exports the page lists. */
export const RECENT_EXPORTS = 10;

export type ExportFileStatus = "queued" | "running" | "ready" | "failed" | "expired";

/** What the page shows of one export (never the file's key); the list route sends it as JSON. */
export type ExportFileView = {
  id: string;
  kind: BackgroundExportKind;
  status: ExportFileStatus;
  rowsWritten: number;
  rowsTotal: number | null;
  sizeBytes: number | null;
  fileName: string | null;
  error: string | null;
  filters: Partial<Record<ReportFilterParam, string>>;
  requestedAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
};

export function expiresAt(finishedAt: Date): Date {
  return new Date(finishedAt.getTime() + EXPORT_FILE_DAYS * 86_400_000);
}

/**
 * The rows a batch of stories adds to a file of `kind`, counted as the files count them (and as
 * the X-Ripple-Rows header of the streamed download does): CSV records (one per entry, one for a
 * story without entries), xAPI statements (one per entry), XLSX rows (one per story on Stories
 * and one per entry on Cycle entries).
 */
export function exportRowsOf(kind: BackgroundExportKind, batch: readonly { entries: readonly unknown[] }[]): number {
  let rows = 0;
  for (const story of batch) {
    const n = story.entries.length;
    rows += kind === "csv" ? Math.max(1, n) : kind === "xapi" ? n : 1 + n;
  }
  return rows;
}

/** The total the progress counts towards, from the export's counts (lib/db/report-export.ts countExportRows). */
export function exportRowsTotal(kind: BackgroundExportKind, counts: { stories: number; entries: number; rows: number }): number {
  return kind === "csv" ? counts.rows : kind === "xapi" ? counts.entries : counts.stories + counts.entries;
}

/** Progress as a whole percentage (0–100), or null while the total is not known yet. A finished file is 100. */
export function exportPercent(file: { status: ExportFileStatus; rowsWritten: number; rowsTotal: number | null }): number | null {
  if (file.status === "ready") return 100;
  if (file.rowsTotal === null) return null;
  if (file.rowsTotal === 0) return file.status === "running" ? 99 : 0;
  // Never 100 before the file is stored: the last step (storing it) still has to happen.
  return Math.min(99, Math.floor((file.rowsWritten / file.rowsTotal) * 100));
}

/** Whether the page should keep asking how the person's exports are doing. */
export function exportsInProgress(files: readonly { status: ExportFileStatus }[]): boolean {
  return files.some((f) => f.status === "queued" || f.status === "running");
}
