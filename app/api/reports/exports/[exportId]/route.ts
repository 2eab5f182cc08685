// A background export's file, for the person who asked for it, while they still have the access
// they asked with and until it expires. Anyone else, and anything else, gets the same 404 as a
// missing page. Each download is audited.
import { openExportFile } from "@/lib/db/export-files";
import { allowedTo } from "@/lib/domain/access";
import { notFound } from "@/lib/platform/errors";
import { fileResponse } from "@/lib/server/exports/http";
import { createRoute } from "@/lib/server/route";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

export const GET = createRoute<ReturnType<typeof allowedTo>, { exportId: string }>({
  name: "reports.exports.download",
  authorize: allowedTo("reports.export"),
  handler: async (_request, { actor, params }) => {
    const id = idSchema.safeParse(params.exportId);
    if (!id.success) throw notFound();
    const file = await openExportFile(actor, id.data);
    return fileResponse(file.kind, file.stream, file.fileName, { "Content-Length": String(file.size) });
  },
});
