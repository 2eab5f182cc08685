// Serves an evidence file to someone who may read its story, streamed from the blob store.
// The type is the one sniffed at upload; the headers keep the browser from running anything.
import { openEvidenceFile } from "@/lib/db/evidence";
import { notFound } from "@/lib/platform/errors";
import { anySignedIn } from "@/lib/domain/actor";
import { contentDisposition } from "@/lib/domain/file-type";
import { createRoute } from "@/lib/server/route";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

export const GET = createRoute<typeof anySignedIn, { evidenceId: string }>({
  name: "evidence.download",
  authorize: anySignedIn,
  handler: async (_request, { actor, params }) => {
    const id = idSchema.safeParse(params.evidenceId);
    if (!id.success) throw notFound();
    const file = await openEvidenceFile(actor, id.data);
    if (!file) throw notFound();
    return new Response(file.stream, {
      status: 200,
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.fileName, file.mimeType),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, max-age=0, must-revalidate",
      },
    });
  },
});
