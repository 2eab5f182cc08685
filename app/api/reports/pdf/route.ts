// The leadership summary as a PDF: one to three A4 pages with the organisation, the period and
// filters, headline figures, progression and matrix charts and the best end-to-end stories.
// L&D and admins report on the whole organisation, managers on their teams (the report scope);
// the file holds only stories the person may read. Others get the same 404 as a missing page.
import { leadershipSummary } from "@/lib/db/leadership-summary";
import { recordExport } from "@/lib/db/report-export";
import { allowedTo } from "@/lib/domain/access";
import { reportFilterParams } from "@/lib/domain/report-filters";
import { renderLeadershipSummary } from "@/lib/pdf/leadership-summary";
import { fileResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";
import { parseReportFilters } from "@/lib/validation/report-filters";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.pdf",
  authorize: allowedTo("reports.export"),
  handler: async (request, { actor }) => {
    const requested = parseReportFilters(new URL(request.url).searchParams);
    const summary = await leadershipSummary(actor, requested);
    const pdf = await renderLeadershipSummary(summary.input);
    await recordExport(actor, "pdf", reportFilterParams(requested));
    return fileResponse("pdf", new Uint8Array(pdf), summary.fileName, { "Content-Length": String(pdf.length) });
  },
});
