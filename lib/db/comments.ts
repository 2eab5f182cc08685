import "server-only";
import { storyFor, storyReaders, type StoryRef } from "./access";
import { prisma } from "./client";
import { tenantKey } from "./keys";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import { now } from "@/lib/platform/clock";
import { commentBodySchema } from "@/lib/validation/comments";

// Comments are story text: they never go to logs, and are read only through the story's scope.

export type CommentView = {
  id: string;
  /** Null for a removed comment: its author and body are not shown. */
  authorName: string | null;
  /** Null for a removed comment. */
  body: string | null;
  deleted: boolean;
  createdAt: Date;
  editedAt: Date | null;
  mine: boolean;
};

export const REMOVED_COMMENT = "Comment removed";

/** The thread on a story the actor may read, oldest first; [] when they may not. */
export async function listComments(actor: Actor, storyRef: StoryRef): Promise<CommentView[]> {
  const story = await storyFor(actor, storyRef, "read");
  if (!story) return [];
  // One statement: the thread with each author's name (a nested select would be three).
  const rows = await prisma().$queryRaw<
    { id: string; authorId: string; body: string; createdAt: Date; editedAt: Date | null; deletedAt: Date | null; name: string }[]
  >`
    SELECT c.id::text AS id, c."authorId"::text AS "authorId", c.body, c."createdAt", c."editedAt", c."deletedAt", u.name
    FROM "Comment" c
    JOIN "Membership" m ON m.id = c."authorId" AND m."organizationId" = c."organizationId"
    JOIN "User" u ON u.id = m."userId"
    WHERE c."organizationId" = ${actor.organizationId}::uuid AND c."storyId" = ${story.id}::uuid
    ORDER BY c."createdAt" ASC, c.id ASC
    LIMIT 500`;
  return rows.map((c) => {
    const deleted = c.deletedAt !== null;
    return {
      id: c.id,
      authorName: deleted ? null : c.name,
      body: deleted ? null : c.body,
      deleted,
      createdAt: c.createdAt,
      editedAt: deleted ? null : c.editedAt,
      mine: c.authorId === actor.membershipId,
    };
  });
}

/**
 * Adds a comment to a story the actor may read, and notifies the story's author and the
 * others in the thread who can still read the story (never the commenter): one query finds who
 * may read it, one write notifies them all.
 */
export async function addComment(actor: Actor, storyId: string, body: string): Promise<{ id: string; storyId: string }> {
  const parsed = commentBodySchema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Write a comment before posting.";
    throw new ExpectedError("invalid", message, { body: [message] });
  }
  const text = parsed.data;
  const story = await storyFor(actor, storyId, "comment");
  if (!story) throw notFound();
  const comment = await prisma().comment.create({
    data: { organizationId: actor.organizationId, storyId: story.id, authorId: actor.membershipId, body: text },
    select: { id: true },
  });

  const others = await prisma().comment.findMany({
    where: { organizationId: actor.organizationId, storyId: story.id, deletedAt: null },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  const ids = [...new Set([story.authorId, ...others.map((c) => c.authorId)])].filter((id) => id !== actor.membershipId);
  const recipients = await storyReaders(actor, story.id, ids);
  if (recipients.length) {
    // The clock's time, not Prisma's default: the digest compares these stamps with it.
    const createdAt = now();
    await prisma().notification.createMany({
      data: recipients.map((recipientId) => ({
        organizationId: actor.organizationId,
        recipientId,
        actorId: actor.membershipId,
        kind: NOTIFICATION_KINDS.comment,
        storyId: story.id,
        createdAt,
      })),
    });
  }
  return { id: comment.id, storyId: story.id };
}

/** Removes one of the actor's own comments (kept as "Comment removed" in the thread). */
export async function deleteComment(actor: Actor, commentId: string): Promise<{ storyId: string }> {
  const comment = await prisma().comment.findFirst({
    where: { id: commentId, organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: null },
    select: { id: true, storyId: true },
  });
  if (!comment) throw notFound();
  await prisma().comment.update({ where: tenantKey(actor.organizationId, comment.id), data: { deletedAt: now() } });
  return { storyId: comment.storyId };
}
