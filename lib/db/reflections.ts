import "server-only";
import { prisma, type Prisma } from "./client";
import { ExpectedError, isUniqueViolation } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import {
  EMPTY_REFLECTION_DRAFT,
  normalizeReflectionDraft,
  REFLECTION_EMPTY_MESSAGE,
  sameReflectionDraft,
  type ReflectionDraftDoc,
} from "@/lib/domain/reflection";
import { effectiveReflectionDay, isReflectionDue, weekEndOf, weekLabel, weekStartOf } from "@/lib/domain/week";
import { now } from "@/lib/platform/clock";
import type { ReflectionInput } from "@/lib/validation/reflection";

/** Linked stories are shown only while they are still the author's own and not in the trash. */
function linkedStoriesSelect(actor: Actor) {
  return {
    where: { story: { organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: null } },
    select: { story: { select: { id: true, title: true, occurredAt: true } } },
    orderBy: [{ story: { occurredAt: "asc" } }, { storyId: "asc" }],
  } satisfies Prisma.Reflection$storyLinksArgs;
}

function reflectionSelect(actor: Actor) {
  return {
    id: true,
    weekStart: true,
    learned: true,
    performance: true,
    organizationImpact: true,
    skipped: true,
    sharedWithManager: true,
    updatedAt: true,
    storyLinks: linkedStoriesSelect(actor),
  } satisfies Prisma.ReflectionSelect;
}

export type ReflectionView = {
  id: string;
  weekStart: Date;
  weekLabel: string;
  learned: string;
  performance: string;
  organizationImpact: string;
  skipped: boolean;
  sharedWithManager: boolean;
  updatedAt: Date;
  stories: { id: string; title: string; occurredAt: Date }[];
};

type ReflectionRow = Prisma.ReflectionGetPayload<{ select: ReturnType<typeof reflectionSelect> }>;

function toView(row: ReflectionRow): ReflectionView {
  const { storyLinks, ...rest } = row;
  return { ...rest, stories: storyLinks.map((l) => l.story), weekLabel: weekLabel(row.weekStart) };
}

/** The actor's own reflection for one week (only ever their own), scoped by organisation. */
function ownReflectionWhere(actor: Actor, weekStart: Date): Prisma.ReflectionWhereInput {
  return { organizationId: actor.organizationId, membershipId: actor.membershipId, weekStart: weekStartOf(weekStart) };
}

export type ReflectionWeek = {
  weekStart: Date;
  weekLabel: string;
  reflection: ReflectionView | null;
  /** What the actor typed this week and has not saved as their reflection yet (any device). */
  draft: ReflectionDraftVersion;
  /** The actor's own stories that happened this week (and any already linked), to link. */
  stories: { id: string; title: string; occurredAt: Date; linked: boolean }[];
};

/** One week of the actor's reflection: the reflection if any, and their stories to link. */
export async function getReflectionWeek(actor: Actor, weekStart: Date): Promise<ReflectionWeek> {
  const start = weekStartOf(weekStart);
  const db = prisma();
  const [row, draft, stories] = await Promise.all([
    db.reflection.findFirst({ where: ownReflectionWhere(actor, start), select: reflectionSelect(actor) }),
    db.reflectionDraft.findFirst({ where: ownDraftWhere(actor, start), select: draftSelect }),
    db.story.findMany({
      where: {
        organizationId: actor.organizationId,
        authorId: actor.membershipId,
        deletedAt: null,
        occurredAt: { gte: start, lt: weekEndOf(start) },
      },
      select: { id: true, title: true, occurredAt: true },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: 100,
    }),
  ]);
  const reflection = row ? toView(row) : null;
  const linkedIds = new Set(reflection?.stories.map((s) => s.id) ?? []);
  const offered = new Map(stories.map((s) => [s.id, { ...s, linked: linkedIds.has(s.id) }]));
  // A story linked earlier stays listed (and can be unlinked) even if its date moved out of the week.
  for (const s of reflection?.stories ?? []) if (!offered.has(s.id)) offered.set(s.id, { ...s, linked: true });
  return {
    weekStart: start,
    weekLabel: weekLabel(start),
    reflection,
    draft: draftVersion(draft, reflection),
    stories: [...offered.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// Drafts: autosaved like a story's document, with the same optimistic concurrency.

const draftSelect = {
  version: true,
  learned: true,
  performance: true,
  organizationImpact: true,
  storyIds: true,
  sharedWithManager: true,
  updatedAt: true,
} satisfies Prisma.ReflectionDraftSelect;

type DraftRow = Prisma.ReflectionDraftGetPayload<{ select: typeof draftSelect }>;

/**
 * A week's draft as the autosave sees it. With no draft row, version 0 stands for what the week
 * holds without one: the saved reflection's answers, or nothing.
 */
export type ReflectionDraftVersion = { version: number; doc: ReflectionDraftDoc; updatedAt: Date | null };

function ownDraftWhere(actor: Actor, weekStart: Date) {
  return {
    organizationId: actor.organizationId,
    membershipId: actor.membershipId,
    weekStart: weekStartOf(weekStart),
  } satisfies Prisma.ReflectionDraftWhereInput;
}

function draftVersion(row: DraftRow | null, reflection: ReflectionView | null): ReflectionDraftVersion {
  if (row) {
    const { version, updatedAt, ...doc } = row;
    return { version, doc, updatedAt };
  }
  if (!reflection || reflection.skipped) return { version: 0, doc: EMPTY_REFLECTION_DRAFT, updatedAt: null };
  return {
    version: 0,
    doc: {
      learned: reflection.learned,
      performance: reflection.performance,
      organizationImpact: reflection.organizationImpact,
      storyIds: reflection.stories.map((s) => s.id),
      sharedWithManager: reflection.sharedWithManager,
    },
    updatedAt: reflection.updatedAt,
  };
}

export type DraftSaveResult = { status: "saved"; version: number; savedAt: Date } | { status: "conflict"; server: ReflectionDraftVersion };

/**
 * Autosaves the current week's draft if nobody saved it since `baseVersion` (0: no draft yet).
 * Otherwise nothing is written: a draft with the same content counts as saved; a different one
 * comes back so the person can choose. A draft is not a reflection: nothing else reads it.
 */
export async function saveReflectionDraft(actor: Actor, baseVersion: number, input: ReflectionDraftDoc): Promise<DraftSaveResult> {
  const db = prisma();
  const where = ownDraftWhere(actor, now());
  const doc = normalizeReflectionDraft(input);
  if (baseVersion === 0) {
    try {
      const row = await db.reflectionDraft.create({ data: { ...where, ...doc, version: 1 }, select: { version: true, updatedAt: true } });
      return { status: "saved", version: row.version, savedAt: row.updatedAt };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  } else {
    const [row] = await db.reflectionDraft.updateManyAndReturn({
      where: { ...where, version: baseVersion },
      data: { ...doc, version: { increment: 1 } },
      select: { version: true, updatedAt: true },
    });
    if (row) return { status: "saved", version: row.version, savedAt: row.updatedAt };
  }
  const [draft, reflection] = await Promise.all([
    db.reflectionDraft.findFirst({ where, select: draftSelect }),
    db.reflection.findFirst({ where: ownReflectionWhere(actor, where.weekStart), select: reflectionSelect(actor) }),
  ]);
  const server = draftVersion(draft, reflection ? toView(reflection) : null);
  if (sameReflectionDraft(server.doc, doc)) return { status: "saved", version: server.version, savedAt: server.updatedAt ?? now() };
  return { status: "conflict", server };
}

/**
 * Creates or replaces this reflection (the current week's) and removes the week's draft in the
 * same transaction, retrying once when two saves of a new week race each other: the loser then
 * updates the row the winner created.
 */
async function upsertCurrentWeek(
  actor: Actor,
  weekStart: Date,
  data: { learned: string; performance: string; organizationImpact: string; skipped: boolean; sharedWithManager?: boolean; storyIds: string[] },
): Promise<ReflectionView> {
  const { storyIds, ...fields } = data;
  const args = {
    where: { organizationId_membershipId_weekStart: { organizationId: actor.organizationId, membershipId: actor.membershipId, weekStart } },
    create: {
      organizationId: actor.organizationId,
      membershipId: actor.membershipId,
      weekStart,
      ...fields,
      storyLinks: { create: storyIds.map((storyId) => ({ storyId })) },
    },
    update: { ...fields, storyLinks: { deleteMany: {}, create: storyIds.map((storyId) => ({ storyId })) } },
    select: reflectionSelect(actor),
  } satisfies Prisma.ReflectionUpsertArgs;
  const write = () =>
    prisma().$transaction(async (tx) => {
      const row = await tx.reflection.upsert(args);
      await tx.reflectionDraft.deleteMany({ where: ownDraftWhere(actor, weekStart) });
      return toView(row);
    });
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

/**
 * Saves the current week's reflection (one per person and week: saving again replaces it).
 * At least one answer is needed; linked stories must be the actor's own.
 */
export async function saveReflection(actor: Actor, input: ReflectionInput): Promise<ReflectionView> {
  const learned = input.learned.trim();
  const performance = input.performance.trim();
  const organizationImpact = input.organizationImpact.trim();
  if (!learned && !performance && !organizationImpact) {
    throw new ExpectedError("invalid", REFLECTION_EMPTY_MESSAGE, { learned: [REFLECTION_EMPTY_MESSAGE] });
  }
  const storyIds = [...new Set(input.storyIds)];
  if (storyIds.length) {
    const own = await prisma().story.count({
      where: { id: { in: storyIds }, organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: null },
    });
    if (own !== storyIds.length) {
      // Another person's story and one that does not exist look the same.
      const message = "One of the stories to link could not be found. You can link only your own stories; reload the page and choose again.";
      throw new ExpectedError("invalid", message, { storyIds: [message] });
    }
  }
  return upsertCurrentWeek(actor, weekStartOf(now()), {
    learned,
    performance,
    organizationImpact,
    skipped: false,
    sharedWithManager: input.sharedWithManager,
    storyIds,
  });
}

/** "Nothing this week": the current week counts as reflected, with no answers and no stories. */
export async function skipWeek(actor: Actor): Promise<ReflectionView> {
  return upsertCurrentWeek(actor, weekStartOf(now()), { learned: "", performance: "", organizationImpact: "", skipped: true, storyIds: [] });
}

/** The actor's own reflections, newest week first. */
export async function listReflectionHistory(actor: Actor, opts: { take?: number } = {}): Promise<ReflectionView[]> {
  const rows = await prisma().reflection.findMany({
    where: { organizationId: actor.organizationId, membershipId: actor.membershipId },
    select: reflectionSelect(actor),
    orderBy: [{ weekStart: "desc" }],
    take: Math.min(Math.max(opts.take ?? 52, 1), 200),
  });
  return rows.map(toView);
}

/** The actor's own reminder day (0 = Sunday ... 6 = Saturday). */
export async function setReflectionDay(actor: Actor, day: number): Promise<{ reflectionDay: number }> {
  const { count } = await prisma().membership.updateMany({
    where: { id: actor.membershipId, organizationId: actor.organizationId },
    data: { reflectionDay: day },
  });
  if (count !== 1) throw new ExpectedError("not_found", "We could not find your membership. Sign in again.");
  return { reflectionDay: day };
}

export type ReflectionReminder = {
  /** True from the reminder day to the end of the week, until this week has a reflection. */
  due: boolean;
  weekStart: Date;
  weekLabel: string;
  /** The effective reminder day: the person's own, else the organisation's. */
  day: number;
  /** Whether the day is the person's own choice rather than the organisation's. */
  ownDay: boolean;
};

/** Whether to remind the actor to reflect this week (used on Home and on the reflection page). */
export async function reflectionReminder(actor: Actor): Promise<ReflectionReminder> {
  const today = now();
  const weekStart = weekStartOf(today);
  const db = prisma();
  const [membership, existing] = await Promise.all([
    db.membership.findFirst({
      where: { id: actor.membershipId, organizationId: actor.organizationId },
      select: { reflectionDay: true, organization: { select: { reflectionDay: true } } },
    }),
    db.reflection.findFirst({ where: ownReflectionWhere(actor, weekStart), select: { id: true } }),
  ]);
  const day = effectiveReflectionDay(membership?.organization.reflectionDay, membership?.reflectionDay);
  return {
    due: isReflectionDue({ today, reflectionDay: day, hasReflectionThisWeek: Boolean(existing) }),
    weekStart,
    weekLabel: weekLabel(weekStart),
    day,
    ownDay: membership?.reflectionDay !== null && membership?.reflectionDay !== undefined,
  };
}
