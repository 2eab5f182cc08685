import "server-only";
import { prisma } from "./client";
import { notFound } from "@/lib/platform/errors";
import { ownStoryScope } from "./stories";
import { auditedWrite, auditFromActor } from "./audit";
import { deleteStoredFiles, storyFileKeys } from "./evidence";
import type { Actor } from "@/lib/domain/actor";
import { TRASH_DAYS, trashExpiresAt } from "@/lib/domain/story";
import { now } from "@/lib/platform/clock";

/** Moves the author's story to the trash; it can be restored for 30 days. */
export async function trashStory(actor: Actor, storyId: string): Promise<void> {
  const updated = await prisma().story.updateMany({ where: ownStoryScope(actor, storyId), data: { deletedAt: now(), version: { increment: 1 } } });
  if (updated.count === 0) throw notFound();
}

export async function restoreStory(actor: Actor, storyId: string): Promise<void> {
  const updated = await prisma().story.updateMany({
    where: { ...ownStoryScope(actor, storyId, { includeTrashed: true }), deletedAt: { not: null } },
    data: { deletedAt: null, version: { increment: 1 } },
  });
  if (updated.count === 0) throw notFound();
}

/**
 * Erases the author's story for good (right to erasure): its entries, evidence files,
 * contributors, comments and follow-ups. The audit event keeps only that it happened.
 */
export async function eraseStory(actor: Actor, storyId: string, reason: "author" | "expired" = "author"): Promise<void> {
  const story = await prisma().story.findFirst({ where: ownStoryScope(actor, storyId, { includeTrashed: true }), select: { id: true } });
  if (!story) throw notFound();
  // The rows and the audit event together; the stored files once they have gone (nothing can
  // reach a file without its row, and one that cannot be removed is logged).
  const fileKeys = await storyFileKeys(actor, storyId);
  await auditedWrite(async (tx, audit) => {
    await tx.story.deleteMany({ where: ownStoryScope(actor, storyId, { includeTrashed: true }) });
    // API answers kept for replay (Idempotency-Key) that carry the story: its words go with it.
    await tx.$executeRaw`DELETE FROM "ApiIdempotency" WHERE "organizationId" = ${actor.organizationId}::uuid AND body LIKE ${`%${storyId}%`}`;
    await audit({ ...auditFromActor(actor), action: "story.erased", targetType: "story", targetId: storyId, meta: { reason } });
  });
  await deleteStoredFiles(storyId, fileKeys);
}

/** The author's trash, newest first, with when each story will be erased. */
export async function listTrash(actor: Actor) {
  await purgeExpiredTrash(actor);
  const rows = await prisma().story.findMany({
    where: { organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: { not: null } },
    select: { id: true, title: true, deletedAt: true, occurredAt: true },
    orderBy: { deletedAt: "desc" },
  });
  return rows.map((r) => ({ ...r, deletedAt: r.deletedAt!, erasesAt: trashExpiresAt(r.deletedAt!) }));
}

/** Erases the actor's stories that have been in the trash for more than 30 days. */
export async function purgeExpiredTrash(actor: Actor): Promise<number> {
  const cutoff = new Date(now().getTime() - TRASH_DAYS * 86_400_000);
  const expired = await prisma().story.findMany({
    where: { organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: { lte: cutoff } },
    select: { id: true },
  });
  for (const s of expired) await eraseStory(actor, s.id, "expired");
  return expired.length;
}
