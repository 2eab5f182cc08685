import "server-only";
// Background exports (README "Exports"): the `export.file` job writes a report file (CSV, XLSX,
// xAPI) with the same code as the streamed download, into the file store, and counts its
// progress on the ExportFile row as it goes; `export.expire` deletes the files past their expiry.
//
// - Same content as the streamed download: the same writer, for the requester's filters and
//   access, stamped with the time they asked (not the time the job ran).
// - Access: the requester as they are when the job runs, and only while they are still an active
//   member with the role they asked with; otherwise the export fails with a message and no file.
// - Restarts: a run cut short (a crash, a restart) is retried from the start and writes its file
//   under the export's own key, replacing any half-run's file (the store renames a finished file
//   into place, so nobody ever sees half a file); the job's key makes the "ready" record happen once.
import { z } from "zod";
import { reportContext } from "@/lib/db/report-context";
import { countExportRows } from "@/lib/db/report-export";
import {
  expireExportFiles,
  exportFileForRun,
  exportFileKey,
  failExportFile,
  finishExportFile,
  reportExportProgress,
  requestExportFile,
  retryExportFile,
  startExportRun,
  type ExportFileView,
} from "@/lib/db/export-files";
import type { Actor } from "@/lib/domain/actor";
import { exportRowsOf, exportRowsTotal, type BackgroundExportKind } from "@/lib/domain/export-files";
import type { ReportFilterParam } from "@/lib/domain/report-filters";
import { publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { getBlobStore } from "@/lib/platform/storage";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { defineJob } from "./define";
import { enqueue, wakeWorkers } from "./enqueue";
import { csvExportStream } from "./exports/csv";
import type { ExportRun } from "./exports/stream";
import { xapiExportStream } from "./exports/xapi";
import { xlsxExportStream } from "./exports/xlsx";

/** How often, at most, a running export writes its progress. */
const PROGRESS_EVERY_MS = 500;
/** A run longer than this is failed by pg-boss and retried. */
const EXPIRE_SECONDS = 60 * 60;

export const EXPORT_NO_ACCESS =
  "You no longer have the access you asked for this file with (your role changed, or you left the organisation), so it was not made.";
export const EXPORT_FAILED = "The file could not be made because of an error on our side. Try again; if it fails again, tell your administrator.";

export const exportFileJob = defineJob({
  name: "export.file",
  payload: z.object({ organizationId: z.uuid(), exportId: z.uuid(), run: z.number().int().min(0).max(1000) }),
  // One job per run the person asked for (the first, then each retry they ask for).
  key: (p) => `export-file:${p.exportId}:${p.run}`,
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  expireInSeconds: EXPIRE_SECONDS,
  pollingIntervalSeconds: 1,
  async handler(p, job) {
    const file = await exportFileForRun(p.organizationId, p.exportId);
    // Gone (the organisation or the person was removed), done, or superseded by a newer run: nothing to do.
    if (!file || file.run !== p.run || file.status === "ready" || file.status === "expired" || file.status === "failed") return;
    if (!file.actor) {
      await failExportFile(p.organizationId, p.exportId, EXPORT_NO_ACCESS, true);
      return;
    }
    const actor = file.actor;
    const final = job.attempt > exportFileJob.retry.limit;
    try {
      const context = await reportContext(actor, parseReportFilters(new URLSearchParams(file.filters)), "export");
      const counts = await countExportRows(actor, context.filters);
      await startExportRun(p.organizationId, p.exportId, exportRowsTotal(file.kind, counts));

      let written = 0;
      let savedAt = 0;
      let saving: Promise<void> = Promise.resolve();
      const run: ExportRun = {
        actor,
        context,
        exportedAt: file.requestedAt,
        onBatch: (batch) => {
          written += exportRowsOf(file.kind, batch);
          const t = Date.now();
          if (t - savedAt < PROGRESS_EVERY_MS) return;
          savedAt = t;
          const rows = written;
          saving = saving.then(() => reportExportProgress(p.organizationId, p.exportId, rows)).catch(() => undefined);
        },
      };
      const stream =
        file.kind === "csv" ? csvExportStream(run) : file.kind === "xlsx" ? await xlsxExportStream(run) : xapiExportStream({ ...run, baseUrl: publicUrl() });
      const fileKey = exportFileKey(p.organizationId, p.exportId);
      const sizeBytes = await getBlobStore().putStream(fileKey, stream);
      await saving;
      await job.commit((tx) =>
        finishExportFile(tx, p.organizationId, p.exportId, { fileKey, fileName: context.fileName(file.kind), sizeBytes, rowsWritten: written }),
      );
    } catch (error) {
      logger.warn(
        { export: file.kind, exportId: p.exportId, attempt: job.attempt, final, err: error instanceof Error ? error.name : typeof error },
        "export job failed",
      );
      await failExportFile(p.organizationId, p.exportId, EXPORT_FAILED, final).catch(() => undefined);
      throw error;
    }
  },
});

/** Runs older than this (queued or running) are failed by the sweep: their job is gone or stuck past all its retries. */
const STUCK_AFTER_MS = 6 * 3600_000;

export const expireExportFilesJob = defineJob({
  name: "export.expire",
  payload: z.object({}),
  policy: "short",
  schedule: { cron: "17 * * * *", payload: {} },
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  async handler() {
    const swept = await expireExportFiles({ stuckAfterMs: STUCK_AFTER_MS });
    if (swept.deleted || swept.stuck || swept.forgotten) logger.info(swept, "export files swept");
  },
});

/** Asks for a file in the background: the record, its audit event and its job in one transaction, then the workers here look at once. */
export async function requestBackgroundExport(
  actor: Actor,
  kind: BackgroundExportKind,
  filters: Partial<Record<ReportFilterParam, string>>,
): Promise<ExportFileView> {
  const file = await requestExportFile(actor, kind, filters, (tx, f) =>
    enqueue(exportFileJob, { organizationId: actor.organizationId, exportId: f.id, run: f.run }, { tx }),
  );
  wakeWorkers(exportFileJob);
  return file;
}

/** Asks again for a file whose making failed (the requester only). */
export async function retryBackgroundExport(actor: Actor, exportId: string): Promise<ExportFileView> {
  const file = await retryExportFile(actor, exportId, (tx, f) =>
    enqueue(exportFileJob, { organizationId: actor.organizationId, exportId: f.id, run: f.run }, { tx }),
  );
  wakeWorkers(exportFileJob);
  return file;
}
