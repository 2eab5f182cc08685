// The organisation archive: every record of the organisation in full fidelity (format
// "ripple.organization", lib/domain/org-archive.ts), to move it to another Ripple with
// `npm run db:import`. Admins only; everyone else gets the same 404 as a missing page.
// The archive carries no password hash, invitation token or session.
import { recordExport } from "@/lib/db/report-export";
import { exportOrganization } from "@/lib/db/org-archive";
import { allowedTo } from "@/lib/domain/access";
import { exportFileName } from "@/lib/domain/exports";
import { fileResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = createRoute({
  name: "reports.export.json",
  authorize: allowedTo("organization.export"),
  handler: async (_request, { actor }) => {
    const archive = await exportOrganization(actor);
    await recordExport(actor, "json");
    return fileResponse("json", archive.stream, exportFileName("json", archive.organization.slug, {}), { "Content-Length": String(archive.size) });
  },
});
