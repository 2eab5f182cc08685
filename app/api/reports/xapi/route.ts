// The reports' xAPI 1.0.3 statements, one per cycle entry, as a streamed JSON array.
// L&D and admins export the whole organisation, managers their teams (the report scope); the
// file holds only stories the person may read. Others get the same 404 as a missing page.
import { allowedTo } from "@/lib/domain/access";
import { exportResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.xapi",
  authorize: allowedTo("reports.export"),
  handler: (request, { actor }) => exportResponse("xapi", request, actor),
});
