import "server-only";
import { prisma, type Prisma } from "./client";
import { loadActor } from "./auth";
import { dueFollowUpsWhere } from "./follow-ups";
import { readableStoryScope } from "./access";
import type { Actor } from "@/lib/domain/actor";
import { DIGEST_SENT_KIND, NOTIFICATION_KINDS, notificationHref, notificationText } from "@/lib/domain/notifications";
import { now } from "@/lib/platform/clock";

export type NotificationView = {
  id: string;
  kind: string;
  text: string;
  /** Where it leads; null when the story is no longer shared with the recipient. */
  href: string | null;
  actorName: string | null;
  storyTitle: string | null;
  createdAt: Date;
  read: boolean;
};

const ownScope = (actor: Actor) => ({ organizationId: actor.organizationId, recipientId: actor.membershipId, kind: { not: DIGEST_SENT_KIND } });

type Row = {
  id: string;
  kind: string;
  storyId: string | null;
  readAt: Date | null;
  createdAt: Date;
  actor: { user: { name: string } } | null;
  followUp: { note: string } | null;
};
const rowSelect = {
  id: true,
  kind: true,
  storyId: true,
  readAt: true,
  createdAt: true,
  actor: { select: { user: { select: { name: true } } } },
  followUp: { select: { note: true } },
} as const;

/** Titles of the stories the actor may still read: one query, through the one scope. */
async function readableTitles(actor: Actor, storyIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(storyIds.filter((s): s is string => Boolean(s)))];
  if (ids.length === 0) return new Map();
  const stories = await prisma().story.findMany({ where: { AND: [{ id: { in: ids } }, await readableStoryScope(actor)] }, select: { id: true, title: true } });
  return new Map(stories.map((s) => [s.id, s.title]));
}

async function toViews(actor: Actor, rows: Row[]): Promise<NotificationView[]> {
  const titles = await readableTitles(
    actor,
    rows.map((r) => r.storyId),
  );
  return rows.map((r) => {
    const facts = {
      kind: r.kind,
      actorName: r.actor?.user.name ?? null,
      storyId: r.storyId,
      storyTitle: r.storyId ? (titles.get(r.storyId) ?? null) : null,
      note: r.followUp?.note ?? null,
    };
    return {
      id: r.id,
      kind: r.kind,
      text: notificationText(facts),
      href: notificationHref(facts),
      actorName: facts.actorName,
      storyTitle: facts.storyTitle,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    };
  });
}

/**
 * The actor's due, undone follow-ups that have no notification yet. A follow-up has at most one
 * (Notification.followUpId is unique): a manager's question is announced when it is asked, a
 * reminder the author set when it comes due.
 */
async function followUpsWithoutNotification(actor: Actor) {
  return prisma().followUp.findMany({
    where: { ...dueFollowUpsWhere(actor), notification: { is: null } },
    select: { id: true, storyId: true, dueAt: true, requestedById: true },
    orderBy: { dueAt: "asc" },
    take: 20,
  });
}

/**
 * Makes sure each due, undone follow-up of the actor has its notification. Idempotent, also when
 * two renders race: the unique follow-up key makes the second insert a no-op.
 */
async function ensureFollowUpNotifications(actor: Actor): Promise<void> {
  const missing = await followUpsWithoutNotification(actor);
  if (!missing.length) return;
  await prisma().notification.createMany({
    data: missing.map((f) => ({
      organizationId: actor.organizationId,
      recipientId: actor.membershipId,
      actorId: f.requestedById === actor.membershipId ? null : f.requestedById,
      kind: NOTIFICATION_KINDS.followUpDue,
      storyId: f.storyId,
      followUpId: f.id,
      createdAt: now() > f.dueAt ? now() : f.dueAt,
    })),
    skipDuplicates: true,
  });
}

/** The actor's notifications, newest first. Due follow-ups get their notification here. */
export async function listNotifications(actor: Actor, opts: { take?: number } = {}): Promise<NotificationView[]> {
  await ensureFollowUpNotifications(actor);
  const rows = await prisma().notification.findMany({
    where: ownScope(actor),
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(Math.trunc(opts.take ?? 50), 1), 200),
  });
  return toViews(actor, rows);
}

/**
 * Unread notifications, counting due follow-ups whose notification the list has not made yet
 * (read-only, so the shell and the page can render at the same time without duplicates).
 */
export async function unreadCount(actor: Actor): Promise<number> {
  const [rows, pending] = await Promise.all([
    prisma().notification.count({ where: { ...ownScope(actor), readAt: null } }),
    followUpsWithoutNotification(actor),
  ]);
  return rows + pending.length;
}

/** Marks some of the actor's own notifications read; others' ids are ignored. */
export async function markRead(actor: Actor, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const res = await prisma().notification.updateMany({ where: { ...ownScope(actor), id: { in: ids }, readAt: null }, data: { readAt: now() } });
  return res.count;
}

/**
 * The actor has seen a story: its notifications of these kinds (by default, that it was shared
 * with them) are read. Home's unread markers are these notifications.
 */
export async function markStorySeen(actor: Actor, storyId: string, kinds: readonly string[] = [NOTIFICATION_KINDS.storyShared]): Promise<number> {
  const res = await prisma().notification.updateMany({
    where: { ...ownScope(actor), storyId, kind: { in: [...kinds] }, readAt: null },
    data: { readAt: now() },
  });
  return res.count;
}

export async function markAllRead(actor: Actor): Promise<number> {
  await ensureFollowUpNotifications(actor);
  const res = await prisma().notification.updateMany({ where: { ...ownScope(actor), readAt: null }, data: { readAt: now() } });
  return res.count;
}

/** Marks one of the actor's notifications read and says where it leads (null: nowhere, or not theirs). */
export async function openNotification(actor: Actor, id: string): Promise<{ href: string | null } | null> {
  const row = await prisma().notification.findFirst({ where: { ...ownScope(actor), id }, select: rowSelect });
  if (!row) return null;
  if (!row.readAt) await markRead(actor, [id]);
  const [view] = await toViews(actor, [row]);
  return { href: view!.href };
}

// ---- E-mail digest (a system job, across organisations) ----

export type PendingDigest = {
  membershipId: string;
  organizationId: string;
  email: string;
  name: string;
  notificationIds: string[];
  lines: string[];
  coveredUntil: Date;
};

const DIGEST_MIN_AGE_MS = 60 * 60_000;
const DIGEST_EVERY_MS = 24 * 60 * 60_000;
/** Kinds that are not in the digest: reminders have their own e-mail, digest marks are not notifications. */
const NOT_DIGESTED = [DIGEST_SENT_KIND, NOTIFICATION_KINDS.reflectionReminder];

/**
 * People who have unread notifications older than an hour that no digest has covered, and who
 * have had no digest in the last day. A digest covers notifications up to an hour before it was
 * made (its mark's createdAt), so newer ones go into the next one.
 */
export async function findPendingDigests(
  at: Date,
  limit = 500,
  opts: { person?: { organizationId: string; membershipId: string } } = {},
): Promise<PendingDigest[]> {
  return (await findPendingDigestsPage(at, limit, opts)).pending;
}

/** One page of members (in id order, after `after`) with their pending digests; `next`: the following page's cursor, or null. */
export async function findPendingDigestsPage(
  at: Date,
  limit = 500,
  opts: { person?: { organizationId: string; membershipId: string }; after?: string } = {},
): Promise<{ pending: PendingDigest[]; next: string | null }> {
  const coveredUntil = new Date(at.getTime() - DIGEST_MIN_AGE_MS);
  const members = await prisma().membership.findMany({
    where: {
      ...(opts.person ? { organizationId: opts.person.organizationId, id: opts.person.membershipId } : opts.after ? { id: { gt: opts.after } } : {}),
      status: "ACTIVE",
      // The person turned the digest off on their profile.
      emailDigest: true,
      notifications: {
        some: { readAt: null, kind: { notIn: NOT_DIGESTED }, createdAt: { lte: coveredUntil } },
        none: { kind: DIGEST_SENT_KIND, createdAt: { gt: new Date(at.getTime() - DIGEST_EVERY_MS) } },
      },
    },
    select: { id: true, userId: true, organizationId: true, nudgeFollowUps: true, nudgeShared: true, user: { select: { email: true, name: true } } },
    orderBy: { id: "asc" },
    take: limit,
  });
  const out: PendingDigest[] = [];
  for (const m of members) {
    const actor = await loadActor(m.userId, m.id);
    if (!actor) continue;
    const last = await prisma().notification.findFirst({
      where: { organizationId: m.organizationId, recipientId: m.id, kind: DIGEST_SENT_KIND },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    });
    const rows = await prisma().notification.findMany({
      where: {
        organizationId: m.organizationId,
        recipientId: m.id,
        readAt: null,
        // What a nudge of its own announces (lib/db/nudges.ts) is not repeated in the digest.
        kind: {
          notIn: [
            ...NOT_DIGESTED,
            // (a question is a follow-up due at once: the follow-ups nudge lists it)
            ...(m.nudgeFollowUps !== "off" ? [NOTIFICATION_KINDS.followUpDue, NOTIFICATION_KINDS.question] : []),
            ...(m.nudgeShared !== "off" ? [NOTIFICATION_KINDS.storyShared] : []),
          ],
        },
        createdAt: { lte: coveredUntil, ...(last ? { gt: last.createdAt } : {}) },
      },
      select: rowSelect,
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    if (!rows.length) continue;
    const views = await toViews(actor, rows);
    out.push({
      membershipId: m.id,
      organizationId: m.organizationId,
      email: m.user.email,
      name: m.user.name,
      notificationIds: views.map((v) => v.id),
      lines: views.map((v) => v.text),
      coveredUntil,
    });
  }
  return { pending: out, next: members.length === limit ? members[members.length - 1]!.id : null };
}

/** Records that a digest was sent: a read notification of kind "digest.sent", never listed. */
export async function recordDigestSent(digest: PendingDigest, tx: Prisma.TransactionClient = prisma()): Promise<void> {
  await tx.notification.create({
    data: {
      organizationId: digest.organizationId,
      recipientId: digest.membershipId,
      kind: DIGEST_SENT_KIND,
      readAt: digest.coveredUntil,
      createdAt: digest.coveredUntil,
    },
  });
}
