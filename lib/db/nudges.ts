import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { slackAccountsOf } from "./chat";
import { writeOwnMembership } from "./profile";
import { prisma, type Prisma } from "./client";
import { auditedWrite } from "./audit";
import { loadActor } from "./auth";
import { readableStoryScope } from "./access";
import { REFLECTION_REMINDER_KIND } from "./reminders";
import type { Actor } from "@/lib/domain/actor";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import {
  dailyNudgeDue,
  isNudgeKind,
  nudgeChannelOf,
  NUDGE_DAYS,
  NUDGE_KINDS,
  type Due,
  type NudgeChannel,
  type NudgeContent,
  type NudgeDays,
  type NudgeKind,
  weeklyNudgeDue,
} from "@/lib/domain/nudges";
import { resolveTimeZone } from "@/lib/domain/time-zone";
import { effectiveReflectionDay, weekLabel, weekStartOf } from "@/lib/domain/week";
import { ExpectedError } from "@/lib/platform/errors";
import { authSecret } from "@/lib/platform/secret";
import type { NudgePreferencesInput } from "@/lib/validation/nudges";

// Nudges (lib/domain/nudges.ts) at the data layer: each person's preferences, who is due for
// which nudge (a system scan, across organisations), what a nudge says (worked out when it is
// sent), the delivery log, and the signed unsubscribe links.

/** Only what came due or was shared in the last week is nudged (turning nudges on does not mail a backlog). */
const LOOKBACK_MS = 7 * 86_400_000;

const COLUMN: Record<NudgeKind, "nudgeFollowUps" | "nudgeReflection" | "nudgeShared"> = {
  followUps: "nudgeFollowUps",
  reflection: "nudgeReflection",
  shared: "nudgeShared",
};

// ---- Chat link (Slack) ----

/**
 * Whether the person has linked a Slack account that nudges can be sent to (Admin › Chat, then
 * the one-time link). Until then the "Slack" choice stays hidden on the profile and is refused if posted.
 */
export async function hasChatLink(person: { organizationId: string; membershipId: string }): Promise<boolean> {
  return (await slackAccountsOf(person.organizationId, person.membershipId)).length > 0;
}

// ---- Preferences ----

export type NudgePreferences = Record<NudgeKind, NudgeChannel> & { hour: number; days: NudgeDays; chatLinked: boolean };

const ownMembership = (actor: Actor) => ({ id: actor.membershipId, organizationId: actor.organizationId });

export async function getNudgePreferences(actor: Actor): Promise<NudgePreferences> {
  const m = await prisma().membership.findFirstOrThrow({
    where: ownMembership(actor),
    select: { nudgeFollowUps: true, nudgeReflection: true, nudgeShared: true, nudgeHour: true, nudgeDays: true },
  });
  return {
    followUps: nudgeChannelOf(m.nudgeFollowUps),
    reflection: nudgeChannelOf(m.nudgeReflection),
    shared: nudgeChannelOf(m.nudgeShared),
    hour: m.nudgeHour,
    days: (NUDGE_DAYS as readonly string[]).includes(m.nudgeDays) ? (m.nudgeDays as NudgeDays) : "weekdays",
    chatLinked: await hasChatLink(actor),
  };
}

/** Saves the person's nudge settings, and audits which changed (names, not values). */
export async function updateNudgePreferences(actor: Actor, input: NudgePreferencesInput): Promise<NudgePreferences> {
  if (NUDGE_KINDS.some((k) => input[k] === "slack") && !(await hasChatLink(actor))) {
    const msg = "Link your Slack account first; until then choose e-mail or off.";
    throw new ExpectedError("invalid", msg, Object.fromEntries(NUDGE_KINDS.filter((k) => input[k] === "slack").map((k) => [k, [msg]])));
  }
  const before = await getNudgePreferences(actor);
  const changed = [...NUDGE_KINDS, "hour", "days"].filter((k) => before[k as keyof NudgePreferences] !== input[k as keyof NudgePreferencesInput]);
  if (!changed.length) return before;
  await auditedWrite(async (tx, audit) => {
    await writeOwnMembership(
      tx,
      audit,
      actor,
      changed.map((k) => `nudges.${k}`),
      { nudgeFollowUps: input.followUps, nudgeReflection: input.reflection, nudgeShared: input.shared, nudgeHour: input.hour, nudgeDays: input.days },
    );
  });
  return getNudgePreferences(actor);
}

// ---- Who is due (the hourly scan) ----

export type NudgeRef = { kind: NudgeKind; organizationId: string; membershipId: string; period: string };

const memberSelect = {
  id: true,
  organizationId: true,
  status: true,
  nudgeFollowUps: true,
  nudgeReflection: true,
  nudgeShared: true,
  nudgeHour: true,
  nudgeDays: true,
  reflectionDay: true,
  organization: { select: { reflectionDay: true } },
  user: { select: { timeZone: true } },
} as const;
type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

/** When, if at all, `kind` is due for this person at `at` (time and preference only). */
function dueFor(m: MemberRow, kind: NudgeKind, at: Date, channels: ReadonlySet<NudgeChannel>): Due {
  const channel = nudgeChannelOf(m[COLUMN[kind]]);
  if (channel === "off" || !channels.has(channel)) return { due: false };
  const timeZone = resolveTimeZone(m.user.timeZone);
  if (kind === "reflection")
    return weeklyNudgeDue({ at, timeZone, hour: m.nudgeHour, reflectionDay: effectiveReflectionDay(m.organization.reflectionDay, m.reflectionDay) });
  return dailyNudgeDue({ at, timeZone, hour: m.nudgeHour, days: m.nudgeDays === "every_day" ? "every_day" : "weekdays" });
}

/** The reflection week a reminder belongs to: the week of its local reminder day. */
const reflectionWeekOf = (period: string) => weekStartOf(new Date(`${period}T12:00:00Z`));

/**
 * One page of active members (in id order, after `after`), and the nudges due among them: the
 * hour has come, the period has no delivery yet, and there is something to say. `channels`: the
 * channels that can deliver now (e-mail only when SMTP is set up). `next`: the following page's
 * cursor, or null after the last.
 */
export async function findDueNudgesPage(
  at: Date,
  channels: ReadonlySet<NudgeChannel>,
  opts: { limit?: number; after?: string; organizationId?: string } = {},
): Promise<{ due: NudgeRef[]; next: string | null }> {
  const limit = opts.limit ?? 500;
  const members = await prisma().membership.findMany({
    where: {
      ...(opts.after ? { id: { gt: opts.after } } : {}),
      ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
      status: "ACTIVE",
      OR: [{ nudgeFollowUps: { not: "off" } }, { nudgeReflection: { not: "off" } }, { nudgeShared: { not: "off" } }],
    },
    select: memberSelect,
    orderBy: { id: "asc" },
    take: limit,
  });
  const next = members.length === limit ? members[members.length - 1]!.id : null;
  const candidates: (NudgeRef & { member: MemberRow })[] = [];
  for (const m of members)
    for (const kind of NUDGE_KINDS) {
      const d = dueFor(m, kind, at, channels);
      if (d.due) candidates.push({ kind, organizationId: m.organizationId, membershipId: m.id, period: d.period, member: m });
    }
  if (!candidates.length) return { due: [], next };
  const ids = [...new Set(candidates.map((c) => c.membershipId))];
  const orgIds = [...new Set(candidates.map((c) => c.organizationId))];
  const since = new Date(at.getTime() - LOOKBACK_MS);
  const [deliveries, followUps, shares, reflections] = await Promise.all([
    prisma().nudgeDelivery.findMany({
      where: { organizationId: { in: orgIds }, membershipId: { in: ids }, coveredUntil: { gt: since } },
      select: { membershipId: true, kind: true, period: true, coveredUntil: true },
    }),
    prisma().followUp.findMany({
      where: { organizationId: { in: orgIds }, assigneeId: { in: ids }, doneAt: null, dueAt: { lte: at, gt: since }, story: { deletedAt: null } },
      select: { assigneeId: true, dueAt: true },
    }),
    prisma().notification.findMany({
      where: {
        organizationId: { in: orgIds },
        recipientId: { in: ids },
        kind: NOTIFICATION_KINDS.storyShared,
        readAt: null,
        createdAt: { lte: at, gt: since },
      },
      select: { recipientId: true, createdAt: true },
    }),
    prisma().reflection.findMany({
      where: {
        organizationId: { in: orgIds },
        membershipId: { in: ids },
        weekStart: { in: [...new Set(candidates.map((c) => reflectionWeekOf(c.period).getTime()))].map((t) => new Date(t)) },
      },
      select: { membershipId: true, weekStart: true },
    }),
  ]);
  const due = candidates.filter((c) => {
    const mine = deliveries.filter((d) => d.membershipId === c.membershipId && d.kind === c.kind);
    if (mine.some((d) => d.period === c.period)) return false;
    const covered = Math.max(since.getTime(), ...mine.map((d) => d.coveredUntil.getTime()));
    if (c.kind === "followUps") return followUps.some((f) => f.assigneeId === c.membershipId && f.dueAt.getTime() > covered);
    if (c.kind === "shared") return shares.some((s) => s.recipientId === c.membershipId && s.createdAt.getTime() > covered);
    const week = reflectionWeekOf(c.period).getTime();
    return !reflections.some((r) => r.membershipId === c.membershipId && r.weekStart.getTime() === week);
  });
  return { due: due.map(({ member: _m, ...ref }) => ref), next };
}

// ---- What a nudge says (when it is sent) ----

export type NudgeToSend = {
  ref: NudgeRef;
  channel: NudgeChannel;
  email: string;
  name: string;
  content: NudgeContent;
  /** What the delivery covers: recorded with it. */
  coveredUntil: Date;
};

/**
 * The nudge `ref` as it stands at `at`, or null when there is nothing to send any more: the
 * person left or turned it off, its period is over, it was delivered, or what it was about is
 * done (reflected, follow-up answered, story read or no longer shared with them).
 */
export async function loadNudge(ref: NudgeRef, at: Date, channels: ReadonlySet<NudgeChannel>): Promise<NudgeToSend | null> {
  const m = await prisma().membership.findFirst({
    where: { id: ref.membershipId, organizationId: ref.organizationId, status: "ACTIVE" },
    select: { ...memberSelect, userId: true, user: { select: { timeZone: true, email: true, name: true } } },
  });
  if (!m) return null;
  const d = dueFor(m, ref.kind, at, channels);
  if (!d.due || d.period !== ref.period) return null;
  const where = { organizationId: ref.organizationId, membershipId: ref.membershipId, kind: ref.kind };
  if (await prisma().nudgeDelivery.count({ where: { ...where, period: ref.period } })) return null;
  const last = await prisma().nudgeDelivery.findFirst({ where, select: { coveredUntil: true }, orderBy: { coveredUntil: "desc" } });
  const after = new Date(Math.max(at.getTime() - LOOKBACK_MS, last?.coveredUntil.getTime() ?? 0));
  const base = { ref, channel: nudgeChannelOf(m[COLUMN[ref.kind]]), email: m.user.email, name: m.user.name, coveredUntil: at };

  if (ref.kind === "reflection") {
    const week = reflectionWeekOf(ref.period);
    if (await prisma().reflection.count({ where: { organizationId: ref.organizationId, membershipId: ref.membershipId, weekStart: week } })) return null;
    return { ...base, content: { kind: "reflection", weekLabel: weekLabel(week) } };
  }
  if (ref.kind === "followUps") {
    const rows = await prisma().followUp.findMany({
      where: { organizationId: ref.organizationId, assigneeId: ref.membershipId, doneAt: null, dueAt: { lte: at, gt: after }, story: { deletedAt: null } },
      select: { cycle: true, requestedById: true, story: { select: { id: true, title: true } }, requestedBy: { select: { user: { select: { name: true } } } } },
      orderBy: { dueAt: "asc" },
      take: 50,
    });
    if (!rows.length) return null;
    const items = rows.map((f) => ({
      text:
        f.requestedById === ref.membershipId
          ? f.cycle
            ? `“${f.story.title}”: ${CYCLE_INFO[f.cycle].name.toLowerCase()}`
            : `“${f.story.title}”`
          : `${f.requestedBy.user.name} asked what happened next on “${f.story.title}”`,
      href: `/stories/${f.story.id}`,
    }));
    return { ...base, content: { kind: "followUps", items } };
  }
  // Shared with you: only stories the person may still read (the one scope), unread.
  const actor = await loadActor(m.userId, m.id);
  if (!actor) return null;
  const rows = await prisma().notification.findMany({
    where: {
      organizationId: ref.organizationId,
      recipientId: ref.membershipId,
      kind: NOTIFICATION_KINDS.storyShared,
      readAt: null,
      createdAt: { lte: at, gt: after },
      story: { is: await readableStoryScope(actor) },
    },
    select: { story: { select: { id: true, title: true } }, actor: { select: { user: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  const items = rows
    .filter((r) => r.story)
    .map((r) => ({ text: `${r.actor?.user.name ?? "Someone"} shared “${r.story!.title}”`, href: `/stories/${r.story!.id}` }));
  if (!items.length) return null;
  return { ...base, content: { kind: "shared", items } };
}

/**
 * Records a delivery, in the transaction that marks its job done. The weekly reminder also
 * becomes an in-app notification, as before. A second delivery of the same period fails on the
 * unique key (and rolls back its job's commit).
 */
export async function recordNudgeDelivery(tx: Prisma.TransactionClient, nudge: NudgeToSend, messageId: string, sentAt: Date): Promise<void> {
  const { ref } = nudge;
  await tx.nudgeDelivery.create({
    data: {
      organizationId: ref.organizationId,
      membershipId: ref.membershipId,
      kind: ref.kind,
      period: ref.period,
      channel: nudge.channel,
      coveredUntil: nudge.coveredUntil,
      messageId: messageId.slice(0, 200),
      sentAt,
    },
  });
  if (ref.kind === "reflection")
    await tx.notification.create({
      data: { organizationId: ref.organizationId, recipientId: ref.membershipId, kind: REFLECTION_REMINDER_KIND, createdAt: sentAt },
    });
}

// ---- Unsubscribe links ----

/** What an unsubscribe link stops: a kind of nudge, or the daily notification digest. */
export type UnsubscribeKind = NudgeKind | "digest";
const isUnsubscribeKind = (k: unknown): k is UnsubscribeKind => k === "digest" || isNudgeKind(k);

function signature(organizationId: string, membershipId: string, kind: UnsubscribeKind): Buffer {
  return createHmac("sha256", authSecret()).update(`ripple-unsubscribe:v1\n${organizationId}\n${membershipId}\n${kind}`, "utf8").digest();
}

/** The token of one person's unsubscribe link for one kind: `<org>.<membership>.<kind>.<HMAC>`. Needs no sign-in, never expires. */
export function unsubscribeToken(person: { organizationId: string; membershipId: string }, kind: UnsubscribeKind): string {
  return `${person.organizationId}.${person.membershipId}.${kind}.${signature(person.organizationId, person.membershipId, kind).toString("base64url")}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The person and kind a token was made for, or null for anything tampered with (compared in constant time). */
export function verifyUnsubscribeToken(token: string): { organizationId: string; membershipId: string; kind: UnsubscribeKind } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [organizationId, membershipId, kind, sig] = parts as [string, string, string, string];
  if (!UUID.test(organizationId) || !UUID.test(membershipId) || !isUnsubscribeKind(kind) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = signature(organizationId, membershipId, kind);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { organizationId, membershipId, kind };
}

export type UnsubscribeView = { kind: UnsubscribeKind; organizationName: string; email: string; subscribed: boolean };

/** What the confirm page shows for a token (opening it changes nothing), or null for an invalid one or a person who left. */
export async function unsubscribeView(token: string): Promise<UnsubscribeView | null> {
  const t = verifyUnsubscribeToken(token);
  if (!t) return null;
  const m = await prisma().membership.findFirst({
    where: { id: t.membershipId, organizationId: t.organizationId },
    select: {
      emailDigest: true,
      nudgeFollowUps: true,
      nudgeReflection: true,
      nudgeShared: true,
      organization: { select: { name: true } },
      user: { select: { email: true } },
    },
  });
  if (!m) return null;
  const subscribed = t.kind === "digest" ? m.emailDigest : m[COLUMN[t.kind]] === "email";
  return { kind: t.kind, organizationName: m.organization.name, email: maskEmail(m.user.email), subscribed };
}

/** "ava@demo.ripple.test" → "a••@demo.ripple.test": the page says whose link it is without showing the address to whoever holds it. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "••" : `${email[0]}••@${email.slice(at + 1)}`;
}

/**
 * Stops the e-mails of one kind for the person the token was made for (and nothing else), audited
 * in the same transaction. A nudge sent by e-mail is turned off; one sent to chat is left alone
 * (the link came in an e-mail). Returns null for an invalid token; `changed` false when it was off already.
 */
export async function unsubscribe(token: string, via: "one-click" | "page"): Promise<{ kind: UnsubscribeKind; changed: boolean } | null> {
  const t = verifyUnsubscribeToken(token);
  if (!t) return null;
  return auditedWrite(async (tx, audit) => {
    const where = { id: t.membershipId, organizationId: t.organizationId };
    const { count } =
      t.kind === "digest"
        ? await tx.membership.updateMany({ where: { ...where, emailDigest: true }, data: { emailDigest: false } })
        : await tx.membership.updateMany({ where: { ...where, [COLUMN[t.kind]]: "email" }, data: { [COLUMN[t.kind]]: "off" } });
    if (count === 0) {
      const exists = await tx.membership.count({ where });
      return exists ? { kind: t.kind, changed: false } : null;
    }
    const m = await tx.membership.findFirstOrThrow({ where, select: { user: { select: { email: true } } } });
    await audit({
      organizationId: t.organizationId,
      actorId: t.membershipId,
      action: "profile.unsubscribed",
      subject: m.user.email,
      targetType: "membership",
      targetId: t.membershipId,
      meta: { kind: t.kind, via },
    });
    return { kind: t.kind, changed: true };
  });
}
