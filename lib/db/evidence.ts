import "server-only";
import { prisma } from "./client";
import { tenantKey } from "./keys";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { readableStoryScope } from "./access";
import { ownStoryScope } from "./stories";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import { EVIDENCE_FILE_MESSAGE, checkEvidenceFile, evidenceFileName, isEvidenceMime, type EvidenceFileItem, type EvidenceMime } from "@/lib/domain/file-type";
import { getBlobStore, newBlobKey } from "@/lib/platform/storage";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { idSchema } from "@/lib/validation/common";

const isId = (value: string) => idSchema.safeParse(value).success;

/** For logs: what went wrong, never a message (it could quote stored values). */
const errorCode = (error: unknown) => ({ name: error instanceof Error ? error.name : typeof error, code: (error as { code?: unknown } | null)?.code });

export type AddedFileEvidence = {
  id: string;
  fileName: string;
  mimeType: EvidenceMime;
  sizeBytes: number;
  cycle: Cycle;
  /** The story's version after the upload, for an editor that saves with optimistic concurrency. */
  storyVersion: number;
};

/**
 * Adds an uploaded file to a cycle of the author's own story (anyone else: not found). The
 * bytes decide the type; the entry for the cycle is created when the story has none yet, and
 * the story's version is left alone (files are not part of the autosaved document). When the database write fails,
 * the stored file is removed again.
 */
export async function addFileEvidence(actor: Actor, storyId: string, cycle: Cycle, file: { name: string; bytes: Uint8Array }): Promise<AddedFileEvidence> {
  if (!isId(storyId)) throw notFound();
  const db = prisma();
  const story = await db.story.findFirst({ where: ownStoryScope(actor, storyId), select: { id: true } });
  if (!story) throw notFound();

  const type = checkEvidenceFile(file.bytes);
  if (!type) throw new ExpectedError("invalid", EVIDENCE_FILE_MESSAGE, { file: [EVIDENCE_FILE_MESSAGE] });
  const fileName = evidenceFileName(file.name, type);
  const sizeBytes = file.bytes.byteLength;

  const store = getBlobStore();
  const key = newBlobKey(actor.organizationId);
  await store.put(key, file.bytes, { contentType: type.mime });
  try {
    return await db.$transaction(async (tx) => {
      // Files are saved at once and apart from the story document, so they do not change the
      // story's version: an editor autosaving text meanwhile must not see a false conflict.
      const owned = await tx.story.findFirst({ where: ownStoryScope(actor, storyId), select: { id: true } });
      if (!owned) throw notFound();
      const entry = await tx.cycleEntry.upsert({
        where: { organizationId_storyId_cycle: { organizationId: actor.organizationId, storyId, cycle } },
        create: { organizationId: actor.organizationId, storyId, cycle, recordedAt: now() },
        update: {},
        select: { id: true, organizationId: true },
      });
      if (entry.organizationId !== actor.organizationId) throw notFound();
      const evidence = await tx.evidence.create({
        data: { organizationId: actor.organizationId, cycleEntryId: entry.id, kind: "FILE", fileKey: key, fileName, mimeType: type.mime, sizeBytes },
        select: { id: true },
      });
      const { version } = await tx.story.findUniqueOrThrow({ where: tenantKey(actor.organizationId, storyId), select: { version: true } });
      return { id: evidence.id, fileName, mimeType: type.mime, sizeBytes, cycle, storyVersion: version };
    });
  } catch (error) {
    await store.delete(key).catch((err: unknown) => logger.warn({ err: errorCode(err) }, "could not remove an orphaned evidence file"));
    throw error;
  }
}

export type OpenedEvidenceFile = {
  stream: ReadableStream<Uint8Array>;
  size: number;
  /** The type sniffed at upload; application/octet-stream if the row holds anything else. */
  mimeType: EvidenceMime | "application/octet-stream";
  fileName: string;
};

/**
 * An evidence file the actor may read (its story is readable to them), as a stream, or null:
 * not found and not allowed look the same.
 */
export async function openEvidenceFile(actor: Actor, evidenceId: string): Promise<OpenedEvidenceFile | null> {
  if (!isId(evidenceId)) return null;
  const row = await prisma().evidence.findFirst({
    where: { id: evidenceId, organizationId: actor.organizationId, kind: "FILE", cycleEntry: { story: await readableStoryScope(actor) } },
    select: { fileKey: true, fileName: true, mimeType: true },
  });
  if (!row?.fileKey) return null;
  const blob = await getBlobStore().get(row.fileKey);
  if (!blob) {
    logger.warn({ evidenceId }, "evidence file missing from the blob store");
    return null;
  }
  const mimeType = row.mimeType && isEvidenceMime(row.mimeType) ? row.mimeType : "application/octet-stream";
  return { stream: blob.stream, size: blob.size, mimeType, fileName: row.fileName ?? "evidence" };
}

/**
 * Removes one piece of evidence (a link or a file) from the author's own story: the row, then
 * the stored file. Anyone else: not found. Returns the story and its (unchanged) version.
 */
export async function removeEvidence(actor: Actor, evidenceId: string): Promise<{ storyId: string; storyVersion: number }> {
  if (!isId(evidenceId)) throw notFound();
  const db = prisma();
  // Which story it belongs to (inside the organisation); the author check is the scope below.
  const found = await db.evidence.findFirst({
    where: { id: evidenceId, organizationId: actor.organizationId },
    select: { cycleEntry: { select: { storyId: true } } },
  });
  if (!found) throw notFound();
  const storyId = found.cycleEntry.storyId;

  const removed = await db.$transaction(async (tx) => {
    const row = await tx.evidence.findFirst({
      where: { id: evidenceId, organizationId: actor.organizationId, cycleEntry: { story: ownStoryScope(actor, storyId) } },
      select: { id: true, kind: true, fileKey: true },
    });
    if (!row) return null;
    await tx.evidence.delete({ where: tenantKey(actor.organizationId, row.id) });
    const story = await tx.story.findUniqueOrThrow({ where: tenantKey(actor.organizationId, storyId), select: { version: true } });
    return { fileKey: row.kind === "FILE" ? row.fileKey : null, storyVersion: story.version };
  });
  if (!removed) throw notFound();

  if (removed.fileKey) {
    await getBlobStore()
      .delete(removed.fileKey)
      .catch((err: unknown) => logger.warn({ err: errorCode(err), evidenceId }, "could not remove an evidence file"));
  }
  return { storyId, storyVersion: removed.storyVersion };
}

export type StoryEvidenceFile = EvidenceFileItem & { cycle: Cycle };

/** The files of a story the actor may read, oldest first; empty when it is not readable. */
export async function listStoryFiles(actor: Actor, storyId: string): Promise<StoryEvidenceFile[]> {
  if (!isId(storyId)) return [];
  const rows = await prisma().evidence.findMany({
    where: { organizationId: actor.organizationId, kind: "FILE", cycleEntry: { storyId, story: await readableStoryScope(actor) } },
    select: { id: true, fileName: true, mimeType: true, sizeBytes: true, cycleEntry: { select: { cycle: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName ?? "evidence",
    mimeType: r.mimeType ?? "application/octet-stream",
    sizeBytes: r.sizeBytes ?? 0,
    cycle: r.cycleEntry.cycle,
  }));
}

/**
 * For erasing a story for good: deletes the stored files of all its file evidence (the rows go
 * with the story's cascade). Author only, trashed stories included; anyone else: not found.
 * Call it just before deleting the story. Returns how many files were deleted.
 */
export async function deleteStoryFiles(actor: Actor, storyId: string): Promise<number> {
  return deleteStoredFiles(storyId, await storyFileKeys(actor, storyId));
}

/** The blob keys of a story's files. Author only, trashed stories included; anyone else: not found. */
export async function storyFileKeys(actor: Actor, storyId: string): Promise<string[]> {
  if (!isId(storyId)) throw notFound();
  const db = prisma();
  const scope = ownStoryScope(actor, storyId, { includeTrashed: true });
  const story = await db.story.findFirst({ where: scope, select: { id: true } });
  if (!story) throw notFound();
  const rows = await db.evidence.findMany({
    where: { organizationId: actor.organizationId, kind: "FILE", fileKey: { not: null }, cycleEntry: { story: scope } },
    select: { fileKey: true },
  });
  return rows.map((r) => r.fileKey!);
}

/** Deletes stored files by key; one that cannot be removed is logged. Returns how many were deleted. */
export async function deleteStoredFiles(storyId: string, keys: readonly string[]): Promise<number> {
  const store = getBlobStore();
  const results = await Promise.allSettled(keys.map((key) => store.delete(key)));
  const failed = results.filter((r) => r.status === "rejected").length;
  if (failed) logger.warn({ storyId, failed }, "could not remove some evidence files");
  return results.length - failed;
}
