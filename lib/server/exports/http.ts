import "server-only";
// The HTTP answer of every export: the file as an attachment, named after the organisation and
// the filters, never sniffed or cached. For the streamed exports also the whole route: the
// filters from the address, the view's context, an "export.created" audit event (the kind and
// the filters, never story text), then the file as a stream.
import { reportContext } from "@/lib/db/report-context";
import { countExportRows, recordExport } from "@/lib/db/report-export";
import type { Actor } from "@/lib/domain/actor";
import { EXPORT_FORMATS, type ExportKind } from "@/lib/domain/exports";
import { reportFilterParams } from "@/lib/domain/report-filters";
import { env } from "@/lib/platform/env";
import { now } from "@/lib/platform/clock";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { csvExportStream } from "@/lib/jobs/exports/csv";
import type { ExportRun, StreamedExportKind } from "@/lib/jobs/exports/stream";
import { xapiExportStream } from "@/lib/jobs/exports/xapi";
import { xlsxExportStream } from "@/lib/jobs/exports/xlsx";

/** A file to download: its kind's content type, `fileName` (made by exportFileName), and `headers` besides. */
export function fileResponse(kind: ExportKind, body: BodyInit, fileName: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": EXPORT_FORMATS[kind].contentType,
      // exportFileName only ever makes [a-z0-9._-] names, safe as they are in the header.
      "Content-Disposition": `attachment; filename="${fileName}"`,
      ...headers,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The whole answer of a streamed export route, for an actor the route has already let in.
 * X-Ripple-Rows says how many records are coming (CSV records, xAPI statements, XLSX story and
 * entry rows) so the page can show progress.
 */
export async function exportResponse(kind: StreamedExportKind, request: Request, actor: Actor): Promise<Response> {
  const requested = parseReportFilters(new URL(request.url).searchParams);
  const context = await reportContext(actor, requested, "export");
  const counts = await countExportRows(actor, context.filters);
  await recordExport(actor, kind, reportFilterParams(requested));
  const run: ExportRun = { actor, context, exportedAt: now() };
  const body =
    kind === "csv" ? csvExportStream(run) : kind === "xlsx" ? await xlsxExportStream(run) : xapiExportStream({ ...run, baseUrl: appBaseUrl(request) });
  const rows = kind === "csv" ? counts.rows : kind === "xapi" ? counts.entries : counts.stories + counts.entries;
  return fileResponse(kind, body, context.fileName(kind), { "X-Ripple-Rows": String(rows), "X-Ripple-Stories": String(counts.stories) });
}

/** The app's origin for IRIs: the configured public address, else the request's. */
export function appBaseUrl(request: Request): string {
  return (env().NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}
