// REST API: the Reports page's headline figures, computed as the page computes them for the person.
import { reportContext } from "@/lib/db/report-context";
import { reportParticipation, reportProgression, reportRealizedValue } from "@/lib/db/reports";
import { reportScope } from "@/lib/domain/access";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { parseReportFilters } from "@/lib/validation/report-filters";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.reportFigures, async ({ actor, request }) => {
  const { filters } = await reportContext(actor, parseReportFilters(new URL(request.url).searchParams), "page");
  const [progression, realized, participation] = await Promise.all([
    reportProgression(actor, filters),
    reportRealizedValue(actor, filters),
    reportParticipation(actor, filters),
  ]);
  return {
    body: {
      scope: reportScope(actor),
      period: { from: filters.from ?? null, to: filters.to ?? null },
      totals: progression.totals,
      reached: progression.reached,
      realizedValue: realized.units.map((u) => ({
        unit: u.unit,
        currency: u.currency,
        confirmed: u.confirmed,
        selfReported: u.selfReported,
        confirmedCount: u.confirmedCount,
        selfReportedCount: u.selfReportedCount,
      })),
      participation: {
        people: participation.people,
        logging: participation.logging,
        reflecting: participation.reflecting,
        reflections: participation.reflections,
      },
    },
  };
});
