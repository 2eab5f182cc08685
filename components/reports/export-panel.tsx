"use client";

// The reports' export card: one link per file the person may download. Without JavaScript each
// is a plain download link. With it, the file is fetched as a stream so the page can show how
// far it has got ("12,000 of 40,000 rows", from the server's X-Ripple-Rows), then saved under the
// server's file name. Errors say what happened and what to do.
// A large report (more than BACKGROUND_EXPORT_STORIES stories; or whenever the person ticks the
// box) is prepared in the background instead: the CSV, XLSX and xAPI links then ask for a file
// that a job makes while the page shows its progress, and that waits in "Your recent files".
import { Braces, FileSpreadsheet, FileText, Share2, Table } from "lucide-react";
import { useEffect, useId, useRef, useState, type MouseEvent } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ExportJobList, useExportJobs } from "@/components/reports/export-jobs";
import { requestExportAction } from "@/lib/actions/exports";
import { BACKGROUND_EXPORT_STORIES, EXPORT_FILE_DAYS, isBackgroundExportKind } from "@/lib/domain/export-files";
import { csvRecordCounter, fileNameFromContentDisposition, jsonLinesCounter, progressLabel, type RecordCounter } from "@/lib/domain/download";
import type { ExportKind } from "@/lib/domain/exports";
import { formatBytes, plural } from "@/lib/domain/format";
import { cn } from "@/lib/utils";

const KINDS: Record<ExportKind, { label: string; hint: string; icon: typeof Table; counter?: () => RecordCounter; noun?: string; fallbackName: string }> = {
  pdf: { label: "Leadership summary (PDF)", hint: "One to three pages for leadership", icon: FileText, fallbackName: "ripple-summary.pdf" },
  xlsx: { label: "Spreadsheet (XLSX)", hint: "Stories, cycle entries, matrix and figures", icon: FileSpreadsheet, fallbackName: "ripple-export.xlsx" },
  // The CSV starts with a line naming the export and its filters, then the column names.
  csv: { label: "CSV", hint: "One row per cycle entry", icon: Table, counter: () => csvRecordCounter(2), noun: "row", fallbackName: "ripple-export.csv" },
  xapi: {
    label: "xAPI statements",
    hint: "For a learning record store",
    icon: Share2,
    counter: jsonLinesCounter,
    noun: "statement",
    fallbackName: "ripple-xapi.json",
  },
  json: { label: "Full organisation (JSON)", hint: "Everything, to move or back up", icon: Braces, fallbackName: "ripple-organisation.json" },
};
const ORDER: ExportKind[] = ["pdf", "xlsx", "csv", "xapi", "json"];

type Progress = { kind: ExportKind; bytes: number; totalBytes: number | null; records: number | null; expected: number | null };
type Outcome = { kind: "done"; text: string } | { kind: "error"; text: string } | null;

/** How often the progress is redrawn, and how often it is announced to screen readers. */
const DRAW_MS = 120;
const ANNOUNCE_MS = 2500;

export function ExportPanel({ query, kinds, storyCount }: { query: string; kinds: ExportKind[]; storyCount: number }) {
  const id = useId();
  const offersBackground = kinds.some(isBackgroundExportKind);
  const [background, setBackground] = useState(storyCount > BACKGROUND_EXPORT_STORIES);
  const [asking, setAsking] = useState(false);
  const exportJobs = useExportJobs();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const abortRef = useRef<AbortController | null>(null);
  const shown = ORDER.filter((k) => kinds.includes(k));

  useEffect(() => () => abortRef.current?.abort(), []);

  if (shown.length === 0) return null;

  async function download(kind: ExportKind, href: string) {
    const info = KINDS[kind];
    const controller = new AbortController();
    abortRef.current = controller;
    setOutcome(null);
    const start: Progress = { kind, bytes: 0, totalBytes: null, records: null, expected: null };
    setProgress(start);
    setAnnouncement(`Preparing the ${info.label} file…`);
    try {
      const response = await fetch(href, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        setOutcome({ kind: "error", text: await failureMessage(response, info.label) });
        return;
      }
      const header = (name: string) => {
        const n = Number(response.headers.get(name));
        return response.headers.has(name) && Number.isFinite(n) && n >= 0 ? n : null;
      };
      const counter = info.counter ? info.counter() : null;
      const expected = counter ? header("X-Ripple-Rows") : null;
      const totalBytes = header("Content-Length");
      const name = fileNameFromContentDisposition(response.headers.get("Content-Disposition")) ?? info.fallbackName;
      const type = response.headers.get("Content-Type") ?? "application/octet-stream";

      const reader = response.body.getReader();
      const decoder = counter ? new TextDecoder() : null;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let current: Progress = { ...start, totalBytes, expected, records: counter ? 0 : null };
      let drawnAt = 0;
      let announcedAt = Date.now();
      setProgress(current);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        current = {
          ...current,
          bytes: current.bytes + value.byteLength,
          records: counter && decoder ? counter.push(decoder.decode(value, { stream: true })) : null,
        };
        const t = Date.now();
        if (t - drawnAt >= DRAW_MS) {
          drawnAt = t;
          setProgress(current);
        }
        if (t - announcedAt >= ANNOUNCE_MS) {
          announcedAt = t;
          setAnnouncement(describe(current, info.noun));
        }
      }
      setProgress(current);
      save(new Blob(chunks, { type }), name);
      const size = formatBytes(current.bytes, "progress");
      const counted = current.records !== null && info.noun ? `, ${plural(current.records, info.noun, `${info.noun}s`)}` : "";
      setOutcome({ kind: "done", text: `Saved ${name} (${size}${counted}).` });
      setAnnouncement(`Saved ${name}.`);
    } catch {
      if (controller.signal.aborted) {
        setOutcome({ kind: "error", text: "Download cancelled. Nothing was saved." });
      } else {
        setOutcome({
          kind: "error",
          text: `The ${info.label} download stopped before the end. Nothing was saved. Check your connection and try again.`,
        });
      }
      setAnnouncement("");
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
    }
  }

  async function prepare(kind: ExportKind) {
    if (!isBackgroundExportKind(kind)) return;
    setAsking(true);
    setOutcome(null);
    try {
      const result = await requestExportAction(null, { kind, query });
      if (!result.ok) setOutcome({ kind: "error", text: result.message });
      else setAnnouncement(`Preparing your ${KINDS[kind].label} file. It appears under "Your recent files".`);
      await exportJobs.refresh();
    } catch {
      setOutcome({ kind: "error", text: "That did not reach the server. Check your connection and try again." });
    } finally {
      setAsking(false);
    }
  }

  function onClick(kind: ExportKind, href: string) {
    return (event: MouseEvent<HTMLAnchorElement>) => {
      // Let the browser handle "open in new tab" and friends as a plain download.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (progress || asking) return;
      if (background && isBackgroundExportKind(kind)) void prepare(kind);
      else void download(kind, href);
    };
  }

  const busy = progress !== null;
  const busyInfo = progress ? KINDS[progress.kind] : null;
  const percent =
    progress && progress.records !== null && progress.expected
      ? Math.min(1, progress.records / progress.expected)
      : progress && progress.totalBytes
        ? Math.min(1, progress.bytes / progress.totalBytes)
        : null;

  return (
    <Card className="gap-4 sm:gap-4" role="region" aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`} as="h2" className="text-base">
          Export
        </CardTitle>
        <CardDescription>Each file uses the filters you chose and holds only the stories you may read. Private stories are never included.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="grid gap-2 sm:grid-cols-2" aria-label="Export formats">
          {shown.map((kind) => {
            const info = KINDS[kind];
            const Icon = info.icon;
            const href = `/api/reports/${kind}${query}`;
            const active = progress?.kind === kind;
            return (
              <li key={kind}>
                <a
                  href={href}
                  download
                  onClick={onClick(kind, href)}
                  aria-disabled={busy && !active ? true : undefined}
                  aria-describedby={`${id}-${kind}-hint`}
                  data-export-kind={kind}
                  className={cn(
                    buttonVariants({ variant: "outline" }),
                    "h-auto min-h-11 w-full justify-start px-3 py-2 text-left whitespace-normal",
                    busy && !active && "pointer-events-none opacity-50",
                  )}
                >
                  <Icon aria-hidden="true" className="size-5 text-muted-foreground" />
                  <span className="grid">
                    <span>{info.label}</span>
                    <span id={`${id}-${kind}-hint`} className="text-xs font-normal text-muted-foreground">
                      {info.hint}
                    </span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>

        {offersBackground ? (
          <label className="flex min-h-11 items-start gap-2 text-sm sm:min-h-0">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-primary"
              checked={background}
              onChange={(e) => setBackground(e.target.checked)}
              data-testid="export-background"
            />
            <span>
              Prepare CSV, XLSX and xAPI files in the background
              <span className="block text-xs text-muted-foreground">
                {storyCount > BACKGROUND_EXPORT_STORIES ? "Recommended for a report this large. " : ""}You can leave the page; the file waits below for{" "}
                {EXPORT_FILE_DAYS} days.
              </span>
            </span>
          </label>
        ) : null}

        {progress && busyInfo ? (
          <div className="grid gap-2 rounded-md border bg-muted/40 p-3" data-testid="export-progress">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span id={`${id}-progress-label`} className="text-sm font-medium">
                Downloading {busyInfo.label}
              </span>
              <Button type="button" variant="ghost" size="sm" onClick={() => abortRef.current?.abort()}>
                Cancel
              </Button>
            </div>
            {percent !== null ? (
              <progress aria-labelledby={`${id}-progress-label`} className="h-2 w-full accent-primary" max={1} value={percent} />
            ) : (
              <progress aria-labelledby={`${id}-progress-label`} className="h-2 w-full accent-primary" />
            )}
            <p className="text-sm text-muted-foreground tabular-nums" aria-hidden="true">
              {describe(progress, busyInfo.noun)}
            </p>
          </div>
        ) : null}

        {/* Announced politely, and not on every chunk. */}
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>

        {outcome?.kind === "error" ? (
          <Alert variant="destructive">
            <AlertDescription>{outcome.text}</AlertDescription>
          </Alert>
        ) : null}
        {outcome?.kind === "done" ? (
          <p className="text-sm text-muted-foreground" data-testid="export-done">
            {outcome.text}
          </p>
        ) : null}

        {offersBackground ? (
          <ExportJobList
            jobs={exportJobs.jobs}
            failedToLoad={exportJobs.failedToLoad}
            announcement={exportJobs.announcement}
            refresh={exportJobs.refresh}
            headingId={`${id}-jobs`}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}

function describe(p: Progress, noun: string | undefined): string {
  if (p.records !== null && noun) return progressLabel({ records: p.records, expected: p.expected, bytes: p.bytes, noun });
  if (p.totalBytes) return `${formatBytes(p.bytes, "progress")} of ${formatBytes(p.totalBytes, "progress")}`;
  return progressLabel({ records: null, expected: null, bytes: p.bytes });
}

async function failureMessage(response: Response, label: string): Promise<string> {
  if (response.status === 401) return "Your session has ended. Sign in again, then download the file.";
  if (response.status === 404 || response.status === 403) return `The ${label} export is not available to you.`;
  if (response.status === 429) return "Too many downloads at once. Wait a minute, then try again.";
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
  const message = typeof body?.error === "string" ? body.error : null;
  return message ? `The ${label} could not be made: ${message}` : `The ${label} could not be made. Try again in a moment.`;
}

/** Saves the file under the server's name through a temporary object URL. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the memory is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
