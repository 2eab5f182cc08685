// The person's recent background exports (status, progress, size, expiry), as JSON: the reports
// page asks every second while one is being made. Only their own; others get the same 404 as a
// missing page.
import { NextResponse } from "next/server";
import { listExportFiles } from "@/lib/db/export-files";
import { allowedTo } from "@/lib/domain/access";
import { createRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.exports.list",
  authorize: allowedTo("reports.export"),
  handler: async (_request, { actor }) => NextResponse.json({ exports: await listExportFiles(actor) }, { headers: { "Cache-Control": "private, no-store" } }),
});
