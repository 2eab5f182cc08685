import { readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// Files go to a temporary folder of this process, never to the project's .data/ folder.
// Hoisted above the imports, so the environment is read with it.
vi.hoisted(() => {
  process.env.RIPPLE_DATA_DIR = "memory://";
});

import { addFileEvidence, deleteStoryFiles, listStoryFiles, openEvidenceFile, removeEvidence } from "@/lib/db/evidence";
import { getDatabase } from "@/lib/db/registry";
import { quickCapture } from "@/lib/db/stories";
import type { Cycle } from "@/lib/domain/framework";
import { EVIDENCE_FILE_MESSAGE, MAX_EVIDENCE_BYTES } from "@/lib/domain/file-type";
import { LocalDiskStore, getBlobStore, newBlobKey } from "@/lib/platform/storage";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeStory, makeTeam } from "../factories";
import { refused } from "../support/assertions";

const prisma = () => getDatabase().prisma;
const storeRoot = () => (getBlobStore() as LocalDiskStore).root;

// The store removes its folder when the process exits normally; test workers may be stopped
// before that, so clean up here too.
afterAll(() => rmSync(storeRoot(), { recursive: true, force: true }));

/** A real 1×1 transparent PNG. */
const TINY_PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const TINY_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** A story captured the way people do (its first entry in the immediate cycle). */
const CAPTURED = { title: "Learned a trick from the community", captured: true } as const;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function storedBytes(key: string): Promise<Uint8Array | null> {
  const blob = await getBlobStore().get(key);
  return blob ? readAll(blob.stream) : null;
}

async function evidenceRow(id: string) {
  return prisma().evidence.findFirst({ where: { id } });
}

async function storyVersion(id: string) {
  return (await prisma().story.findFirstOrThrow({ where: { id }, select: { version: true } })).version;
}

describe("the blob store in tests", () => {
  it("writes to a temporary folder, never to the project's data folder", () => {
    const store = getBlobStore();
    expect(store).toBeInstanceOf(LocalDiskStore);
    expect(path.relative(os.tmpdir(), storeRoot()).startsWith("..")).toBe(false);
  });

  it("refuses keys that could leave its folder", async () => {
    const store = getBlobStore();
    for (const key of ["../escape", "a/../../b", "/etc/passwd", "", "a//b", "a\\b"]) {
      await expect(store.put(key, TINY_PNG, { contentType: "image/png" })).rejects.toThrow(/invalid key/);
    }
  });

  it("stores, streams and deletes; a missing key is null and deleting it again is fine", async () => {
    const store = getBlobStore();
    const key = newBlobKey("0190a5b4-0000-7000-8000-000000000000");
    await store.put(key, TINY_PDF, { contentType: "application/pdf" });
    const got = await store.get(key);
    expect(got?.size).toBe(TINY_PDF.byteLength);
    expect(await readAll(got!.stream)).toEqual(TINY_PDF);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });
});

describe("adding a file", () => {
  it("stores a PNG for the author: row, blob, and the same bytes streamed back", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const before = await storyVersion(story);

    const added = await addFileEvidence(admin, story, "IMMEDIATE", { name: "C:\\shots\\whiteboard.png", bytes: TINY_PNG });
    expect(added).toMatchObject({
      fileName: "whiteboard.png",
      mimeType: "image/png",
      sizeBytes: TINY_PNG.byteLength,
      cycle: "IMMEDIATE",
      storyVersion: before,
    });
    // Files do not change the autosaved document's version (no false conflicts in an open editor).
    expect(await storyVersion(story)).toBe(before);

    const row = await evidenceRow(added.id);
    expect(row).toMatchObject({
      kind: "FILE",
      organizationId: admin.organizationId,
      fileName: "whiteboard.png",
      mimeType: "image/png",
      sizeBytes: TINY_PNG.byteLength,
      url: null,
    });
    expect(row!.fileKey).toMatch(new RegExp(`^${admin.organizationId}/[0-9a-f-]{36}$`));
    expect(await storedBytes(row!.fileKey!)).toEqual(TINY_PNG);

    const opened = await openEvidenceFile(admin, added.id);
    expect(opened).toMatchObject({ size: TINY_PNG.byteLength, mimeType: "image/png", fileName: "whiteboard.png" });
    expect(await readAll(opened!.stream)).toEqual(TINY_PNG);
  });

  it("stores a PDF and creates the cycle entry when the story has none for that cycle yet", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const added = await addFileEvidence(admin, story, "APPLIED", { name: "Retro notes.pdf", bytes: TINY_PDF });
    expect(added).toMatchObject({ mimeType: "application/pdf", fileName: "Retro notes.pdf", cycle: "APPLIED" });
    const entries = await prisma().cycleEntry.findMany({ where: { storyId: story }, include: { evidence: true }, orderBy: { cycle: "asc" } });
    expect(entries.map((e) => e.cycle).sort()).toEqual(["APPLIED", "IMMEDIATE"]);
    const applied = entries.find((e) => e.cycle === "APPLIED")!;
    expect(applied.organizationId).toBe(admin.organizationId);
    expect(applied.evidence.map((e) => e.id)).toEqual([added.id]);

    const opened = await openEvidenceFile(admin, added.id);
    expect(await readAll(opened!.stream)).toEqual(TINY_PDF);
  });

  it("adds a second file to an existing entry without touching its text", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const first = await addFileEvidence(admin, story, "IMMEDIATE", { name: "a.png", bytes: TINY_PNG });
    const second = await addFileEvidence(admin, story, "IMMEDIATE", { name: "b.pdf", bytes: TINY_PDF });
    expect(second.storyVersion).toBe(first.storyVersion);
    const entries = await prisma().cycleEntry.findMany({ where: { storyId: story }, include: { evidence: true } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.narrative).toBe("Learned a trick from the community");
    expect(entries[0]!.evidence.filter((e) => e.kind === "FILE")).toHaveLength(2);
    expect((await listStoryFiles(admin, story)).map((f) => [f.fileName, f.cycle])).toEqual([
      ["a.png", "IMMEDIATE"],
      ["b.pdf", "IMMEDIATE"],
    ]);
  });

  it.each<[string, Uint8Array, string]>([
    ["a text file named .png", new TextEncoder().encode("just some notes, not a picture"), "notes.png"],
    ["an HTML page named .png", new TextEncoder().encode("<!doctype html><script>alert(1)</script>"), "cat.png"],
    ["an SVG", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "logo.svg"],
    ["an empty file", new Uint8Array(0), "empty.pdf"],
  ])("refuses %s with a clear message, and stores nothing", async (_label, bytes, name) => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const before = await storyVersion(story);
    const error = await refused(addFileEvidence(admin, story, "IMMEDIATE", { name, bytes }), "invalid");
    expect(error.message).toBe(EVIDENCE_FILE_MESSAGE);
    expect(error.fieldErrors?.file).toEqual([EVIDENCE_FILE_MESSAGE]);
    expect(await prisma().evidence.count({ where: { organizationId: admin.organizationId, kind: "FILE" } })).toBe(0);
    expect(await storyVersion(story)).toBe(before);
  });

  it("accepts exactly 10 MB and refuses 10 MB + 1 byte", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(TINY_PNG);
    const error = await refused(addFileEvidence(admin, story, "IMMEDIATE", { name: "huge.png", bytes: big }), "invalid");
    expect(error.message).toBe(EVIDENCE_FILE_MESSAGE);

    const added = await addFileEvidence(admin, story, "IMMEDIATE", { name: "exact.png", bytes: big.subarray(0, MAX_EVIDENCE_BYTES) });
    expect(added.sizeBytes).toBe(MAX_EVIDENCE_BYTES);
    const opened = await openEvidenceFile(admin, added.id);
    expect(opened?.size).toBe(MAX_EVIDENCE_BYTES);
    await opened!.stream.cancel();
  });

  it("lets nobody but the author add: a teammate, the admin and another organisation get not found", async () => {
    const { admin, organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const author = await makeMember(organizationId, { teamId: team.id });
    const teammate = await makeMember(organizationId, { teamId: team.id });
    const stranger = (await makeOrganization("Other")).admin;
    const story = await makeStory({ author: author, ...CAPTURED });
    await prisma().story.updateMany({ where: { id: story }, data: { status: "PUBLISHED", visibility: "ORG" } });

    for (const actor of [teammate, admin, stranger]) {
      await refused(addFileEvidence(actor, story, "IMMEDIATE", { name: "x.png", bytes: TINY_PNG }), "not_found");
    }
    // Not found comes before the file check: an outsider learns nothing about the story.
    await refused(addFileEvidence(teammate, story, "IMMEDIATE", { name: "x.txt", bytes: new Uint8Array(0) }), "not_found");
    await refused(addFileEvidence(author, "not-a-uuid", "IMMEDIATE", { name: "x.png", bytes: TINY_PNG }), "not_found");
    expect(await prisma().evidence.count({ where: { organizationId, kind: "FILE" } })).toBe(0);
  });

  it("removes the stored file again when the database write fails", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    const before = await storyVersion(story);
    // A cycle the database does not know makes the write fail after the file was stored.
    await expect(addFileEvidence(admin, story, "SIDEWAYS" as Cycle, { name: "x.png", bytes: TINY_PNG })).rejects.toThrow();
    // The organisation's folder exists (the file was written) and is empty again.
    expect(readdirSync(path.join(storeRoot(), admin.organizationId))).toEqual([]);
    expect(await storyVersion(story)).toBe(before);
    expect(await prisma().evidence.count({ where: { organizationId: admin.organizationId } })).toBe(0);
  });

  it("refuses a story in the trash", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, ...CAPTURED });
    await prisma().story.updateMany({ where: { id: story }, data: { deletedAt: new Date() } });
    await refused(addFileEvidence(admin, story, "IMMEDIATE", { name: "x.png", bytes: TINY_PNG }), "not_found");
  });
});

describe("opening a file", () => {
  it("is null for a person from another organisation, exactly as for an id that does not exist", async () => {
    const { admin } = await makeOrganization();
    const other = (await makeOrganization("Other")).admin;
    const story = await makeStory({ author: admin, ...CAPTURED });
    await prisma().story.updateMany({ where: { id: story }, data: { status: "PUBLISHED", visibility: "ORG" } });
    const added = await addFileEvidence(admin, story, "IMMEDIATE", { name: "x.png", bytes: TINY_PNG });
    expect(await openEvidenceFile(other, added.id)).toBeNull();
    expect(await openEvidenceFile(admin, "0190a5b4-0000-7000-8000-000000000000")).toBeNull();
    expect(await openEvidenceFile(admin, "../../etc/passwd")).toBeNull();
    expect(await listStoryFiles(other, story)).toEqual([]);
  });

  it("follows the story's visibility: a colleague sees it once published to the organisation, not as a draft or private", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const colleague = await makeMember(organizationId);
    const story = await makeStory({ author: author, ...CAPTURED });
    const added = await addFileEvidence(author, story, "POTENTIAL", { name: "x.pdf", bytes: TINY_PDF });
    const setStory = (data: { status?: "DRAFT" | "PUBLISHED"; visibility?: "PRIVATE" | "TEAM" | "ORG"; deletedAt?: Date | null }) =>
      prisma().story.updateMany({ where: { id: story }, data });

    await setStory({ status: "DRAFT", visibility: "ORG" });
    expect(await openEvidenceFile(colleague, added.id)).toBeNull();

    await setStory({ status: "PUBLISHED", visibility: "PRIVATE" });
    expect(await openEvidenceFile(colleague, added.id)).toBeNull();
    expect(await openEvidenceFile(author, added.id)).not.toBeNull();

    await setStory({ status: "PUBLISHED", visibility: "ORG" });
    const opened = await openEvidenceFile(colleague, added.id);
    expect(opened).toMatchObject({ mimeType: "application/pdf", fileName: "x.pdf" });
    expect(await readAll(opened!.stream)).toEqual(TINY_PDF);
    expect((await listStoryFiles(colleague, story)).map((f) => f.id)).toEqual([added.id]);

    await setStory({ deletedAt: new Date() });
    expect(await openEvidenceFile(colleague, added.id)).toBeNull();
  });

  it("is null for a link: only files are served", async () => {
    const { admin } = await makeOrganization();
    const { id } = await quickCapture(admin, quickCaptureSchema.parse({ what: "With a link", channel: "social", link: "https://example.org/x" }));
    const link = await prisma().evidence.findFirstOrThrow({ where: { cycleEntry: { storyId: id } } });
    expect(await openEvidenceFile(admin, link.id)).toBeNull();
  });
});

describe("removing evidence", () => {
  it("refuses anyone but the author (not found), and lets the author remove the row and the file", async () => {
    const { admin, organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const other = (await makeOrganization("Other")).admin;
    const story = await makeStory({ author: author, ...CAPTURED });
    await prisma().story.updateMany({ where: { id: story }, data: { status: "PUBLISHED", visibility: "ORG" } });
    const added = await addFileEvidence(author, story, "IMMEDIATE", { name: "x.png", bytes: TINY_PNG });
    const key = (await evidenceRow(added.id))!.fileKey!;

    for (const actor of [admin, other]) await refused(removeEvidence(actor, added.id), "not_found");
    await refused(removeEvidence(author, "nope"), "not_found");
    expect(await evidenceRow(added.id)).not.toBeNull();
    expect(await storedBytes(key)).toEqual(TINY_PNG);

    const before = await storyVersion(story);
    const removed = await removeEvidence(author, added.id);
    expect(removed).toEqual({ storyId: story, storyVersion: before });
    expect(await storyVersion(story)).toBe(before);
    expect(await evidenceRow(added.id)).toBeNull();
    expect(await storedBytes(key)).toBeNull();
    expect(await openEvidenceFile(author, added.id)).toBeNull();
    await refused(removeEvidence(author, added.id), "not_found");
  });

  it("removes a link too", async () => {
    const { admin } = await makeOrganization();
    const { id } = await quickCapture(admin, quickCaptureSchema.parse({ what: "With a link", channel: "social", link: "https://example.org/x" }));
    const link = await prisma().evidence.findFirstOrThrow({ where: { cycleEntry: { storyId: id } } });
    await removeEvidence(admin, link.id);
    expect(await evidenceRow(link.id)).toBeNull();
  });
});

describe("deleteStoryFiles", () => {
  it("deletes every stored file of the author's story (trashed too), and refuses anyone else", async () => {
    const { admin, organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const story = await makeStory({ author: author, ...CAPTURED });
    const keep = await makeStory({ author: author, ...CAPTURED });
    const a = await addFileEvidence(author, story, "IMMEDIATE", { name: "a.png", bytes: TINY_PNG });
    const b = await addFileEvidence(author, story, "REALIZED", { name: "b.pdf", bytes: TINY_PDF });
    const c = await addFileEvidence(author, keep, "IMMEDIATE", { name: "c.png", bytes: TINY_PNG });
    const keys = await Promise.all([a, b, c].map(async (e) => (await evidenceRow(e.id))!.fileKey!));

    await refused(deleteStoryFiles(admin, story), "not_found");
    expect(await storedBytes(keys[0]!)).not.toBeNull();

    await prisma().story.updateMany({ where: { id: story }, data: { deletedAt: new Date() } });
    expect(await deleteStoryFiles(author, story)).toBe(2);
    expect(await storedBytes(keys[0]!)).toBeNull();
    expect(await storedBytes(keys[1]!)).toBeNull();
    expect(await storedBytes(keys[2]!)).toEqual(TINY_PNG);

    // Erasing the story takes the rows with it (cascade); the other story is untouched.
    await prisma().story.deleteMany({ where: { id: story } });
    expect(await prisma().evidence.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
    expect(await openEvidenceFile(author, c.id)).not.toBeNull();
  });
});
