// The evidence download, through its real route handler (app/api/evidence/[evidenceId]) on a
// real database and blob store: the bytes, and the headers that keep a browser from sniffing a
// file into something else or running anything in it. The session is the only stand-in.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { TINY_PNG_BYTES, makeMember, makeOrganization } from "../factories";
import { session } from "../support/session";

vi.hoisted(() => {
  process.env.RIPPLE_DATA_DIR = "memory://";
});
vi.mock("@/lib/auth/session", () => import("../support/session"));

const { addFileEvidence } = await import("@/lib/db/evidence");
const { getDatabase } = await import("@/lib/db/registry");
const { quickCapture } = await import("@/lib/db/stories");
const { getBlobStore } = await import("@/lib/platform/storage");
const { quickCaptureSchema } = await import("@/lib/validation/story");
const route = await import("@/app/api/evidence/[evidenceId]/route");

afterAll(() => rmSync((getBlobStore() as unknown as { root: string }).root, { recursive: true, force: true }));

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

let author: Actor;
let colleague: Actor;
let stranger: Actor;
const files = {} as Record<"png" | "pdf", string>;

beforeAll(async () => {
  const { admin, organizationId } = await makeOrganization("Evidence Ltd");
  author = await makeMember(organizationId);
  colleague = admin;
  stranger = (await makeOrganization("Elsewhere Ltd")).admin;
  const { id } = await quickCapture(author, quickCaptureSchema.parse({ what: "A diagram from the community call", channel: "social" }));
  await getDatabase().prisma.story.updateMany({ where: { id }, data: { visibility: "ORG", status: "PUBLISHED" } });
  files.png = (await addFileEvidence(author, id, "IMMEDIATE", { name: "diagram.png", bytes: TINY_PNG_BYTES })).id;
  files.pdf = (await addFileEvidence(author, id, "IMMEDIATE", { name: "notes <script>.pdf", bytes: PDF })).id;
});

async function download(actor: Actor | null, evidenceId: string): Promise<Response> {
  session.actor = actor;
  return route.GET(new Request(`http://localhost:3000/api/evidence/${evidenceId}`), { params: Promise.resolve({ evidenceId }) });
}

/** The Content-Security-Policy's directives, by name. */
function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!.toLowerCase(), values.join(" ")] as const;
      }),
  );
}

describe("downloading an evidence file", () => {
  it.each([
    ["png", "image/png", "inline", () => TINY_PNG_BYTES],
    ["pdf", "application/pdf", "attachment", () => PDF],
  ] as const)("%s: the stored bytes, typed as sniffed at upload, with nosniff and a sandbox that allows nothing", async (kind, type, disposition, bytes) => {
    for (const reader of [author, colleague]) {
      const res = await download(reader, files[kind]);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes());
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Content-Length")).toBe(String(bytes().byteLength));
      expect(res.headers.get("Content-Disposition")?.split(";")[0]).toBe(disposition);
      // The browser may not guess another type (an HTML page hidden in a "PNG")...
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      // ...and whatever it renders runs in a sandbox with no permission (no scripts, no forms,
      // a unique origin) and may load nothing.
      const csp = directives(res.headers.get("Content-Security-Policy"));
      expect(csp.has("sandbox")).toBe(true);
      expect(csp.get("sandbox")).toBe("");
      expect(csp.get("default-src")).toBe("'none'");
      expect(res.headers.get("Cache-Control")).toMatch(/^private\b/);
    }
  });

  it("the file name cannot break out of the Content-Disposition header", async () => {
    const res = await download(author, files.pdf);
    await res.body?.cancel();
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="notes <script>.pdf"; filename*=UTF-8''notes%20%3Cscript%3E.pdf`);
  });

  it("another organisation, a signed-out visitor and an id that is not a UUID get no file", async () => {
    const elsewhere = await download(stranger, files.png);
    const missing = await download(stranger, randomUUID());
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get("Content-Type")).toMatch(/^application\/json/);
    // Exactly the answer for a file that does not exist.
    expect(missing.status).toBe(404);
    expect(await elsewhere.json()).toEqual(await missing.json());
    expect((await download(null, files.png)).status).toBe(401);
    expect((await download(author, "not-a-uuid")).status).toBe(404);
  });
});
