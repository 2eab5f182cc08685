// The reports' CSV: one record per cycle entry, the story's columns repeated (RFC 4180), streamed.
// L&D and admins export the whole organisation, managers their teams (the report scope); the
// file holds only stories the person may read. Others get the same 404 as a missing page.
import { allowedTo } from "@/lib/domain/access";
import { exportResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.csv",
  authorize: allowedTo("reports.export"),
  handler: (request, { actor }) => exportResponse("csv", request, actor),
});
