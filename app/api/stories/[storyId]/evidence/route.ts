// Upload an evidence file to a cycle of one's own story: multipart form-data with `cycle` and
// `file`. The bytes decide the type (lib/domain/file-type.ts); the data layer decides who may.
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { addFileEvidence } from "@/lib/db/evidence";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { anySignedIn } from "@/lib/domain/actor";
import { EVIDENCE_FILE_MESSAGE, MAX_EVIDENCE_BYTES } from "@/lib/domain/file-type";
import { fromOwnSite } from "@/lib/server/request-context";
import { createRoute } from "@/lib/server/route";
import { idSchema } from "@/lib/validation/common";
import { evidenceUploadSchema } from "@/lib/validation/evidence";

export const dynamic = "force-dynamic";

/** The file plus room for the multipart framing and the other fields. */
const MAX_BODY_BYTES = MAX_EVIDENCE_BYTES + 64 * 1024;
const TOO_LARGE = `That file is larger than 10 MB. ${EVIDENCE_FILE_MESSAGE}`;

/** The body, or null as soon as it grows past `limit` (a missing or false Content-Length cannot get round it). */
async function readBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export const POST = createRoute<typeof anySignedIn, { storyId: string }>({
  name: "evidence.upload",
  authorize: anySignedIn,
  handler: async (request, { actor, params }) => {
    const storyId = idSchema.safeParse(params.storyId);
    if (!storyId.success) throw notFound();
    // Uploads come from Ripple's own pages: refuse a browser request sent from another site.
    if (!fromOwnSite(request)) return NextResponse.json({ error: "This upload did not come from Ripple. Reload the page and try again." }, { status: 403 });

    const declared = Number(request.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return NextResponse.json({ error: TOO_LARGE }, { status: 413 });
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      return NextResponse.json({ error: "Send the file as multipart/form-data with the fields cycle and file." }, { status: 400 });
    }
    const body = await readBody(request.body, MAX_BODY_BYTES);
    if (!body) return NextResponse.json({ error: TOO_LARGE }, { status: 413 });

    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return NextResponse.json({ error: "The upload could not be read. Try again." }, { status: 400 });
    }
    const fields = evidenceUploadSchema.safeParse({ cycle: form.get("cycle") ?? undefined });
    if (!fields.success) throw new ExpectedError("invalid", fields.error.issues[0]?.message ?? "Choose one of the five cycles.");
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ExpectedError("invalid", `Choose a file to upload. ${EVIDENCE_FILE_MESSAGE}`);

    const created = await addFileEvidence(actor, storyId.data, fields.data.cycle, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    revalidatePath(`/stories/${storyId.data}`, "layout");
    return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
});
