"use client";

// The person's background exports on the reports page: each one's status, its progress while it
// is being made (rows written of the total, and the percentage, updated every second without a
// reload), then a download link with the file's size and how long it is kept; a failed one says
// why and can be asked for again. The list comes from /api/reports/exports, so it is the same
// after navigating away and back. Changes of status are announced to screen readers.
import { Download, RotateCw } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTimeZone } from "@/components/layout/time-zone";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { retryExportAction } from "@/lib/actions/exports";
import { EXPORT_FILE_DAYS, exportPercent, exportsInProgress, type BackgroundExportKind, type ExportFileView } from "@/lib/domain/export-files";
import { formatBytes, formatDate, formatNumber, plural } from "@/lib/domain/format";
import { cn } from "@/lib/utils";

/** One export as the list route sends it (its filters are not shown). */
export type ExportJob = Omit<ExportFileView, "filters">;

const LABEL: Record<BackgroundExportKind, string> = { csv: "CSV", xlsx: "Spreadsheet (XLSX)", xapi: "xAPI statements" };
const POLL_MS = 1000;

/** What changed between two loads of the list, for screen readers (nothing on the first load). */
function announce(before: ExportJob[] | null, after: ExportJob[]): string | null {
  if (!before) return null;
  const was = new Map(before.map((j) => [j.id, j.status]));
  let message: string | null = null;
  for (const j of after) {
    const previous = was.get(j.id);
    if (previous === j.status) continue;
    if (j.status === "ready") message = `Your ${LABEL[j.kind]} file is ready to download.`;
    else if (j.status === "failed") message = `Your ${LABEL[j.kind]} file could not be made.`;
  }
  return message;
}

/** The person's exports, kept fresh while one is being made. `refresh()` after asking for one. */
export function useExportJobs() {
  const [jobs, setJobs] = useState<ExportJob[] | null>(null);
  const [failedToLoad, setFailedToLoad] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const loader = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last: ExportJob[] | null = null;
    const load = async (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        const res = await fetch("/api/reports/exports", { credentials: "same-origin", cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { exports: ExportJob[] };
        if (!alive) return;
        const said = announce(last, body.exports);
        last = body.exports;
        setJobs(body.exports);
        setFailedToLoad(false);
        if (said) setAnnouncement(said);
        if (exportsInProgress(body.exports)) timer = setTimeout(() => void load(), POLL_MS);
      } catch {
        if (!alive) return;
        setFailedToLoad(true);
        // Try again a little later (a restart of the server, a dropped connection).
        timer = setTimeout(() => void load(), POLL_MS * 5);
      }
    };
    loader.current = load;
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, []);

  const refresh = useCallback(() => loader.current(), []);
  return { jobs, failedToLoad, announcement, refresh };
}

export function ExportJobList({
  jobs,
  failedToLoad,
  announcement,
  refresh,
  headingId,
}: {
  jobs: ExportJob[] | null;
  failedToLoad: boolean;
  announcement: string;
  refresh: () => Promise<void>;
  headingId: string;
}) {
  const timeZone = useTimeZone();
  const [retryError, setRetryError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);

  async function retry(id: string) {
    setRetrying(id);
    setRetryError(null);
    try {
      const result = await retryExportAction(null, { exportId: id });
      if (!result.ok) setRetryError(result.message);
      await refresh();
    } catch {
      setRetryError("That did not reach the server. Check your connection and try again.");
    } finally {
      setRetrying(null);
    }
  }

  return (
    <div className="grid gap-2" data-testid="export-jobs">
      <h3 id={headingId} className="text-sm font-medium">
        Your recent files
      </h3>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {failedToLoad ? <p className="text-sm text-muted-foreground">Could not check on your files just now; trying again…</p> : null}
      {jobs && jobs.length === 0 ? (
        <p className="text-sm text-muted-foreground">Files you prepare in the background appear here, ready to download for {EXPORT_FILE_DAYS} days.</p>
      ) : null}
      {retryError ? (
        <Alert variant="destructive">
          <AlertDescription>{retryError}</AlertDescription>
        </Alert>
      ) : null}
      {jobs && jobs.length > 0 ? (
        <ul className="grid gap-2" aria-labelledby={headingId}>
          {jobs.map((job) => (
            <li key={job.id} className="grid gap-2 rounded-md border p-3" data-testid="export-job" data-status={job.status}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <span className="font-medium">{LABEL[job.kind]}</span>
                <span className="text-xs text-muted-foreground">Asked for {formatDate(job.requestedAt, "dayMonthTime", timeZone)}</span>
              </div>
              <JobBody job={job} timeZone={timeZone} retrying={retrying === job.id} onRetry={() => void retry(job.id)} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function JobBody({ job, timeZone, retrying, onRetry }: { job: ExportJob; timeZone: string; retrying: boolean; onRetry: () => void }) {
  const label = LABEL[job.kind];
  if (job.status === "queued" || job.status === "running") {
    const percent = exportPercent(job);
    const counted =
      job.rowsTotal === null
        ? job.status === "queued"
          ? "Waiting to start…"
          : "Counting rows…"
        : `${formatNumber(Math.min(job.rowsWritten, job.rowsTotal))} of ${plural(job.rowsTotal, "row", "rows")} written${percent === null ? "" : ` (${percent}%)`}`;
    return (
      <div className="grid gap-1">
        <div
          role="progressbar"
          aria-label={`${label} file`}
          aria-valuemin={0}
          aria-valuemax={100}
          {...(percent === null ? {} : { "aria-valuenow": percent })}
          aria-valuetext={counted}
          className="h-2 w-full overflow-hidden rounded-full bg-muted"
        >
          <div
            className={cn("h-full rounded-full bg-primary transition-[width] duration-500", percent === null && "w-1/3 animate-pulse")}
            style={percent === null ? undefined : { width: `${Math.max(2, percent)}%` }}
          />
        </div>
        <p className="text-sm text-muted-foreground tabular-nums" data-testid="export-job-progress">
          {counted}
        </p>
        <p className="text-xs text-muted-foreground">You can leave this page: the file keeps being made and waits for you here.</p>
      </div>
    );
  }
  if (job.status === "ready") {
    return (
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">
          {job.sizeBytes !== null ? formatBytes(job.sizeBytes) : null}
          {job.expiresAt ? ` · available until ${formatDate(job.expiresAt, "dayTime", timeZone)}` : null}
        </p>
        <a
          href={`/api/reports/exports/${job.id}`}
          download={job.fileName ?? true}
          className={cn(buttonVariants({ variant: "default", size: "sm" }), "min-h-11 sm:min-h-9")}
          data-testid="export-job-download"
        >
          <Download aria-hidden="true" className="size-4" />
          Download <span className="sr-only">the {label} file</span>
        </a>
      </div>
    );
  }
  if (job.status === "failed") {
    return (
      <div className="grid gap-2">
        <Alert variant="destructive" role="note">
          <AlertDescription>{job.error ?? "The file could not be made."}</AlertDescription>
        </Alert>
        <div>
          <Button type="button" variant="outline" size="sm" className="min-h-11 sm:min-h-9" onClick={onRetry} disabled={retrying}>
            <RotateCw aria-hidden="true" className="size-4" />
            {retrying ? "Asking again…" : "Try again"} <span className="sr-only">to make the {label} file</span>
          </Button>
        </div>
      </div>
    );
  }
  return <p className="text-sm text-muted-foreground">Expired: files are kept for {EXPORT_FILE_DAYS} days. Ask for it again above.</p>;
}
