// The reports' XLSX: About, Stories, Cycle entries, Matrix and Figures sheets, streamed.
// L&D and admins export the whole organisation, managers their teams (the report scope); the
// file holds only stories the person may read. Others get the same 404 as a missing page.
import { allowedTo } from "@/lib/domain/access";
import { exportResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.xlsx",
  authorize: allowedTo("reports.export"),
  handler: (request, { actor }) => exportResponse("xlsx", request, actor),
});
