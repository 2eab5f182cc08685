import "server-only";
import { prisma, type Prisma } from "./client";
import { notFound } from "@/lib/platform/errors";
import { ownStoryScope } from "./stories";
import type { Actor } from "@/lib/domain/actor";
import { furthestCycle } from "@/lib/domain/framework";
import { followUpDueAt, nextCycle } from "@/lib/domain/story";
import { now } from "@/lib/platform/clock";

/** "Remind me in N weeks to add the next cycle" on the author's own story. */
export async function scheduleFollowUp(actor: Actor, storyId: string, weeks: number) {
  const story = await prisma().story.findFirst({ where: ownStoryScope(actor, storyId), select: { id: true, entries: { select: { cycle: true } } } });
  if (!story) throw notFound();
  const cycle = nextCycle(furthestCycle(story.entries.map((e) => e.cycle)));
  // One open reminder per story and person: a new one replaces the old.
  await prisma().followUp.updateMany({
    where: { storyId, organizationId: actor.organizationId, assigneeId: actor.membershipId, doneAt: null },
    data: { doneAt: now() },
  });
  return prisma().followUp.create({
    data: {
      organizationId: actor.organizationId,
      storyId,
      assigneeId: actor.membershipId,
      requestedById: actor.membershipId,
      cycle,
      dueAt: followUpDueAt(now(), weeks),
    },
    select: { id: true, dueAt: true, cycle: true },
  });
}

/** The actor's open follow-up on a story, if any. */
export function openFollowUpFor(actor: Actor, storyId: string) {
  return prisma().followUp.findFirst({
    where: { storyId, organizationId: actor.organizationId, assigneeId: actor.membershipId, doneAt: null, story: { deletedAt: null } },
    select: { id: true, dueAt: true, cycle: true, note: true },
    orderBy: { dueAt: "asc" },
  });
}

/** The actor's follow-ups that are due now: the one definition Home and the notifications share. */
export function dueFollowUpsWhere(actor: Actor) {
  return {
    organizationId: actor.organizationId,
    assigneeId: actor.membershipId,
    doneAt: null,
    dueAt: { lte: now() },
    story: { deletedAt: null },
  } satisfies Prisma.FollowUpWhereInput;
}

/** Follow-ups that are due now for the actor (shown on Home), oldest first. */
export async function listDueFollowUps(actor: Actor) {
  return prisma().followUp.findMany({
    where: dueFollowUpsWhere(actor),
    select: {
      id: true,
      dueAt: true,
      cycle: true,
      note: true,
      story: { select: { id: true, title: true } },
      requestedBy: { select: { id: true, user: { select: { name: true } } } },
    },
    orderBy: { dueAt: "asc" },
    take: 20,
  });
}

export async function dismissFollowUp(actor: Actor, followUpId: string): Promise<void> {
  const updated = await prisma().followUp.updateMany({
    where: { id: followUpId, organizationId: actor.organizationId, assigneeId: actor.membershipId, doneAt: null },
    data: { doneAt: now() },
  });
  if (updated.count === 0) throw notFound();
}

/**
 * The questions others asked the actor about one of their stories ("what happened next?"),
 * still open, oldest first: shown on the story, where the author answers them.
 */
export async function openQuestionsFor(actor: Actor, storyId: string) {
  const rows = await prisma().followUp.findMany({
    where: {
      storyId,
      organizationId: actor.organizationId,
      assigneeId: actor.membershipId,
      requestedById: { not: actor.membershipId },
      doneAt: null,
      story: { deletedAt: null },
    },
    select: { id: true, cycle: true, note: true, createdAt: true, requestedBy: { select: { user: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
    take: 10,
  });
  return rows.map((r) => ({ id: r.id, cycle: r.cycle, note: r.note, askedAt: r.createdAt, askedBy: r.requestedBy.user.name }));
}
