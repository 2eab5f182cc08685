// The leadership summary as a PDF: one to three A4 pages with the organisation, the period and
// filters, headline figures, progression and matrix charts and the best end-to-end stories.
// L&D and admins report on the whole organisation, managers on their teams (the report scope);
// the file holds only stories the person may read. Others get the same 404 as a missing page.
import { leadershipSummary } from "@/lib/db/leadership-summary";
import { recordExport } from "@/lib/db/report-export";
import { allowedTo } from "@/lib/domain/access";
import { renderLeadershipSummary } from "@/lib/pdf/leadership-summary";
import { createRoute } from "@/lib/server/route";
import { parseReportFilters } from "@/lib/validation/report-filters";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.pdf",
  authorize: allowedTo("reports.export"),
  handler: async (request, { actor }) => {
    const params = parseReportFilters(new URL(request.url).searchParams);
    const summary = await leadershipSummary(actor, params);
    const pdf = await renderLeadershipSummary(summary.input);
    await recordExport(actor, "pdf", params);
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        // exportFileName only ever makes [a-z0-9._-] names, safe as they are in the header.
        "Content-Disposition": `attachment; filename="${summary.fileName}"`,
        "Content-Length": String(pdf.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
});
