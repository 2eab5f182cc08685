import "server-only";
import { prisma, type Prisma } from "./client";
import { tenantKey } from "./keys";
import { handleOf, readableStoryScope, storyFor, viewerContext, type StoryRef } from "./access";
import { can, type StoryAction } from "@/lib/domain/access";
import { notFound, ExpectedError } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import { CYCLES, furthestCycle, valueChain, type Cycle } from "@/lib/domain/framework";
import { nextCycle } from "@/lib/domain/story";
import { now } from "@/lib/platform/clock";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import { auditFromActor, auditedWrite } from "./audit";

export type TeamFeedFilters = { person?: string; cycle?: Cycle; channel?: string; from?: string; to?: string };

/**
 * The stories the actor's reports (direct and indirect) shared with them: only what the
 * access rules let the actor read, newest first.
 */
export async function teamFeed(actor: Actor, filters: TeamFeedFilters = {}) {
  const ctx = await viewerContext(actor);
  if (ctx.reportIds.length === 0) return { people: [], stories: [] };
  const scope = await readableStoryScope(actor, ctx);
  const higher = filters.cycle ? CYCLES.slice(CYCLES.indexOf(filters.cycle) + 1) : [];
  const where: Prisma.StoryWhereInput = {
    AND: [
      scope,
      { authorId: { in: filters.person && ctx.reportIds.includes(filters.person) ? [filters.person] : ctx.reportIds } },
      filters.cycle ? { entries: { some: { cycle: filters.cycle }, none: { cycle: { in: higher } } } } : {},
      filters.channel ? { channel: { key: filters.channel } } : {},
      filters.from ? { occurredAt: { gte: new Date(`${filters.from}T00:00:00.000Z`) } } : {},
      filters.to ? { occurredAt: { lt: new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000) } } : {},
    ],
  };
  const [people, rows] = await Promise.all([
    prisma().membership.findMany({
      where: { id: { in: ctx.reportIds }, organizationId: actor.organizationId, status: "ACTIVE" },
      select: { id: true, managerId: true, user: { select: { name: true } }, team: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    prisma().story.findMany({
      where,
      select: {
        id: true,
        title: true,
        occurredAt: true,
        visibility: true,
        status: true,
        highlightedAt: true,
        author: { select: { id: true, user: { select: { name: true } } } },
        channel: { select: { label: true } },
        entries: { select: { cycle: true, confirmedAt: true, figureValue: true, figureUnit: true } },
      },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 200,
    }),
  ]);
  return {
    people: people.map((p) => ({ id: p.id, name: p.user.name, team: p.team?.name ?? null, direct: p.managerId === actor.membershipId })),
    stories: rows.map((s) => {
      const cycles = s.entries.map((e) => e.cycle);
      const realized = s.entries.find((e) => e.cycle === "REALIZED" && e.figureValue !== null);
      return {
        id: s.id,
        title: s.title,
        occurredAt: s.occurredAt,
        visibility: s.visibility,
        author: s.author.user.name,
        channel: s.channel?.label ?? null,
        furthest: furthestCycle(cycles),
        chain: valueChain(cycles),
        highlighted: s.highlightedAt !== null,
        figure: realized ? { value: Number(realized.figureValue), unit: realized.figureUnit ?? "", confirmed: realized.confirmedAt !== null } : null,
      };
    }),
  };
}

/** Each report's latest weekly reflection that they chose to share with their manager. */
export async function sharedReflections(actor: Actor) {
  const ctx = await viewerContext(actor);
  if (ctx.reportIds.length === 0) return [];
  const rows = await prisma().reflection.findMany({
    where: { organizationId: actor.organizationId, membershipId: { in: ctx.reportIds }, sharedWithManager: true, membership: { status: "ACTIVE" } },
    select: {
      membershipId: true,
      weekStart: true,
      learned: true,
      performance: true,
      organizationImpact: true,
      skipped: true,
      membership: { select: { user: { select: { name: true } } } },
    },
    orderBy: { weekStart: "desc" },
    take: 500,
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.membershipId)) latest.set(r.membershipId, r);
  return [...latest.values()].map((r) => ({
    membershipId: r.membershipId,
    name: r.membership.user.name,
    weekStart: r.weekStart,
    learned: r.learned,
    performance: r.performance,
    organizationImpact: r.organizationImpact,
    skipped: r.skipped,
  }));
}

/** The story's handle (lib/db/access.ts, once per request) when the actor may take `action` on it; not found otherwise. */
async function requireMay(actor: Actor, storyId: string, action: StoryAction) {
  const story = await storyFor(actor, storyId, action);
  if (!story) throw notFound();
  return story;
}

/**
 * "What happened next?": a follow-up for the author, due now, and its one notification (linked
 * to the follow-up, so the due-follow-up mechanism does not announce it a second time), with
 * the audit event, in one transaction.
 */
export async function askWhatHappenedNext(actor: Actor, storyId: string, note: string) {
  const story = await requireMay(actor, storyId, "ask_next");
  const entries = await prisma().cycleEntry.findMany({ where: { storyId: story.id, organizationId: actor.organizationId }, select: { cycle: true } });
  const cycle = nextCycle(furthestCycle(entries.map((e) => e.cycle)));
  const at = now();
  return auditedWrite(async (tx, audit) => {
    const followUp = await tx.followUp.create({
      data: { organizationId: actor.organizationId, storyId: story.id, assigneeId: story.authorId, requestedById: actor.membershipId, cycle, note, dueAt: at },
      select: { id: true, cycle: true },
    });
    await tx.notification.create({
      data: {
        organizationId: actor.organizationId,
        recipientId: story.authorId,
        actorId: actor.membershipId,
        kind: NOTIFICATION_KINDS.question,
        storyId: story.id,
        followUpId: followUp.id,
        createdAt: at,
      },
    });
    await audit({ ...auditFromActor(actor), action: "review.asked_next", targetType: "story", targetId: story.id });
    return followUp;
  });
}

/** Confirms the realized-value figure, stamped with the confirmer and the date. */
export async function confirmFigure(actor: Actor, storyId: string) {
  const story = await requireMay(actor, storyId, "confirm_figure");
  const entry = await prisma().cycleEntry.findFirst({
    where: { storyId: story.id, organizationId: actor.organizationId, cycle: "REALIZED", figureValue: { not: null } },
    select: { id: true },
  });
  if (!entry) throw new ExpectedError("invalid", "There is no realized-value figure to confirm yet.");
  const at = now();
  await auditedWrite(async (tx, audit) => {
    await tx.cycleEntry.update({ where: tenantKey(actor.organizationId, entry.id), data: { confirmedById: actor.membershipId, confirmedAt: at } });
    await tx.notification.create({
      data: {
        organizationId: actor.organizationId,
        recipientId: story.authorId,
        actorId: actor.membershipId,
        kind: NOTIFICATION_KINDS.confirmation,
        storyId: story.id,
        createdAt: at,
      },
    });
    await audit({ ...auditFromActor(actor), action: "review.figure_confirmed", targetType: "story", targetId: story.id });
  });
  return { confirmedAt: at };
}

/** A reviewer's own reading of the cycles and indicators, kept beside the author's tagging. */
export async function recordReading(actor: Actor, storyId: string, reading: { cycles: Cycle[]; indicatorKeys: string[]; note: string }) {
  await requireMay(actor, storyId, "record_reading");
  const known = new Set((await prisma().indicator.findMany({ where: { organizationId: actor.organizationId }, select: { key: true } })).map((i) => i.key));
  const data = { cycles: [...new Set(reading.cycles)], indicatorKeys: reading.indicatorKeys.filter((k) => known.has(k)), note: reading.note };
  return prisma().storyReading.upsert({
    where: { organizationId_storyId_reviewerId: { organizationId: actor.organizationId, storyId, reviewerId: actor.membershipId } },
    create: { organizationId: actor.organizationId, storyId, reviewerId: actor.membershipId, ...data },
    update: data,
    select: { id: true },
  });
}

/** Every reviewer's reading of a story the actor may read (empty otherwise). */
export async function listReadings(actor: Actor, storyRef: StoryRef) {
  const story = await storyFor(actor, storyRef, "read");
  if (!story) return [];
  // One statement: the readings with each reviewer's name (a nested select would be three).
  const rows = await prisma().$queryRaw<
    { id: string; cycles: Cycle[]; indicatorKeys: string[]; note: string; updatedAt: Date; reviewerId: string; name: string }[]
  >`
    SELECT r.id::text AS id, r.cycles::text[] AS cycles, r."indicatorKeys", r.note, r."updatedAt", r."reviewerId"::text AS "reviewerId", u.name
    FROM "StoryReading" r
    JOIN "Membership" m ON m.id = r."reviewerId" AND m."organizationId" = r."organizationId"
    JOIN "User" u ON u.id = m."userId"
    WHERE r."storyId" = ${story.id}::uuid AND r."organizationId" = ${actor.organizationId}::uuid
    ORDER BY r."updatedAt" ASC`;
  return rows.map((r) => ({
    id: r.id,
    cycles: r.cycles,
    indicatorKeys: r.indicatorKeys,
    note: r.note,
    updatedAt: r.updatedAt,
    reviewer: r.name,
    mine: r.reviewerId === actor.membershipId,
  }));
}

/**
 * Picks (or unpicks) a story for leadership: it then leads L&D's reports. Picking a story that
 * was not picked notifies its author, once per story (picking it again after an unpick does not).
 */
export async function setHighlight(actor: Actor, storyId: string, on: boolean) {
  const story = await requireMay(actor, storyId, "highlight");
  const at = now();
  await auditedWrite(async (tx, audit) => {
    const where = { id: story.id, organizationId: actor.organizationId };
    const changed = on
      ? await tx.story.updateMany({ where: { ...where, highlightedAt: null }, data: { highlightedAt: at, highlightedById: actor.membershipId } })
      : await tx.story.updateMany({ where: { ...where, highlightedAt: { not: null } }, data: { highlightedAt: null, highlightedById: null } });
    if (changed.count === 0) return;
    await audit({ ...auditFromActor(actor), action: "review.highlighted", targetType: "story", targetId: story.id, meta: { on } });
    if (!on) return;
    const told = await tx.notification.count({
      where: { organizationId: actor.organizationId, recipientId: story.authorId, kind: NOTIFICATION_KINDS.highlighted, storyId: story.id },
    });
    if (told === 0) {
      await tx.notification.create({
        data: {
          organizationId: actor.organizationId,
          recipientId: story.authorId,
          actorId: actor.membershipId,
          kind: NOTIFICATION_KINDS.highlighted,
          storyId: story.id,
          createdAt: at,
        },
      });
    }
  });
  return { highlighted: on };
}

export const ACKNOWLEDGEMENT_KIND = "thanks";

/**
 * A one-click thank-you to the author from someone who may read the story (not the author).
 * Idempotent by its unique key (story, giver, kind): a double click, or two tabs at once, records
 * one acknowledgement and one notification; the audit event comes with the first.
 */
export async function acknowledgeStory(actor: Actor, storyId: string): Promise<{ acknowledged: true; created: boolean }> {
  const story = await requireMay(actor, storyId, "acknowledge");
  const at = now();
  const created = await auditedWrite(async (tx, audit) => {
    const inserted = await tx.acknowledgement.createMany({
      data: [{ organizationId: actor.organizationId, storyId: story.id, giverId: actor.membershipId, kind: ACKNOWLEDGEMENT_KIND, createdAt: at }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return false;
    await tx.notification.create({
      data: {
        organizationId: actor.organizationId,
        recipientId: story.authorId,
        actorId: actor.membershipId,
        kind: NOTIFICATION_KINDS.acknowledgement,
        storyId: story.id,
        createdAt: at,
      },
    });
    await audit({ ...auditFromActor(actor), action: "story.acknowledged", targetType: "story", targetId: story.id });
    return true;
  });
  return { acknowledged: true, created };
}

/** Who thanked the author for a story the actor may read (empty otherwise), first thanks first. */
export async function listAcknowledgements(actor: Actor, storyRef: StoryRef) {
  const story = await storyFor(actor, storyRef, "read");
  if (!story) return [];
  const rows = await prisma().acknowledgement.findMany({
    where: { storyId: story.id, organizationId: actor.organizationId },
    select: { id: true, giverId: true, createdAt: true, giver: { select: { user: { select: { name: true } } } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, name: r.giver.user.name, at: r.createdAt, mine: r.giverId === actor.membershipId }));
}

/**
 * What the actor's reports shared with them, newest share first, with unread markers: the
 * "story.shared" notifications, read once the actor opens the story (markStorySeen). Only stories
 * the actor may still read.
 */
export async function sharedWithMe(actor: Actor, opts: { take?: number } = {}) {
  const scope = await readableStoryScope(actor);
  const where: Prisma.NotificationWhereInput = {
    organizationId: actor.organizationId,
    recipientId: actor.membershipId,
    kind: NOTIFICATION_KINDS.storyShared,
    story: { is: scope },
  };
  const [unread, rows] = await Promise.all([
    prisma().notification.count({ where: { ...where, readAt: null } }),
    prisma().notification.findMany({
      where,
      select: {
        id: true,
        readAt: true,
        createdAt: true,
        story: {
          select: { id: true, title: true, occurredAt: true, author: { select: { user: { select: { name: true } } } }, entries: { select: { cycle: true } } },
        },
      },
      orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(Math.trunc(opts.take ?? 8), 1), 50),
    }),
  ]);
  return {
    unread,
    items: rows.flatMap((r) =>
      r.story
        ? [
            {
              id: r.story.id,
              title: r.story.title,
              author: r.story.author.user.name,
              sharedAt: r.createdAt,
              unread: r.readAt === null,
              chain: valueChain(r.story.entries.map((e) => e.cycle)),
            },
          ]
        : [],
    ),
  };
}

/** What the actor may do on a story beyond reading (for showing the right controls). */
export async function reviewAbilities(actor: Actor, storyRef: StoryRef) {
  const d = await handleOf(actor, storyRef);
  const may = (action: StoryAction) => d !== null && can(actor, d.rel, d.facts, action);
  return {
    askNext: may("ask_next"),
    confirm: may("confirm_figure"),
    reading: may("record_reading"),
    highlight: may("highlight"),
    acknowledge: may("acknowledge"),
  };
}
