import "server-only";
import { cache } from "react";
import { prisma, type Prisma } from "./client";
import { auditFromActor, auditedWrite, type AuditEventInput } from "./audit";
import { ExpectedError } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import { isTimeZone } from "@/lib/domain/time-zone";
import { effectiveReflectionDay } from "@/lib/domain/week";
import type { ProfileInput } from "@/lib/validation/profile";

// A person's own settings: their name and time zone (on the account, User: the same in every
// organisation), and per membership their notification preferences, reminder day and the
// channels quick capture starts from.

export type Profile = {
  name: string;
  email: string;
  /** Null until the person (or their browser's guess) chose one: dates are in UTC meanwhile. */
  timeZone: string | null;
  notifyInApp: boolean;
  emailDigest: boolean;
  /** The person's own reminder day, or null for the organisation's. */
  reflectionDay: number | null;
  organizationReflectionDay: number;
  /** The key of the person's default capture channel, or null (the last one used). */
  defaultChannel: string | null;
  /** Whether the account has a password (not single sign-on only): the password form shows. */
  hasPassword: boolean;
};

const ownMembership = (actor: Actor) => ({ id: actor.membershipId, organizationId: actor.organizationId });
const liveChannel = { retiredAt: null } as const;

export async function getProfile(actor: Actor): Promise<Profile> {
  const m = await prisma().membership.findFirstOrThrow({
    where: ownMembership(actor),
    select: {
      notifyInApp: true,
      emailDigest: true,
      reflectionDay: true,
      organization: { select: { reflectionDay: true } },
      defaultChannel: { select: { key: true, retiredAt: true } },
      user: { select: { name: true, email: true, timeZone: true, passwordHash: true } },
    },
  });
  return {
    name: m.user.name,
    email: m.user.email,
    timeZone: isTimeZone(m.user.timeZone) ? m.user.timeZone : null,
    notifyInApp: m.notifyInApp,
    emailDigest: m.emailDigest,
    reflectionDay: m.reflectionDay,
    organizationReflectionDay: effectiveReflectionDay(m.organization.reflectionDay, null),
    defaultChannel: m.defaultChannel && !m.defaultChannel.retiredAt ? m.defaultChannel.key : null,
    hasPassword: Boolean(m.user.passwordHash),
  };
}

/** Saves the profile form, and audits which settings changed (their names, not their values). */
/**
 * A person's own settings on their membership, audited as "profile.changed" with the names of the
 * fields that changed (never their values), in the caller's transaction: the profile and the nudges.
 */
export async function writeOwnMembership(
  tx: Prisma.TransactionClient,
  audit: (event: AuditEventInput) => Promise<void>,
  actor: Actor,
  changed: readonly string[],
  data: Prisma.MembershipUncheckedUpdateManyInput,
): Promise<void> {
  const { count } = await tx.membership.updateMany({ where: ownMembership(actor), data });
  if (count !== 1) throw new ExpectedError("not_found", "We could not find your membership. Sign in again.");
  await audit({
    ...auditFromActor(actor),
    action: "profile.changed",
    subject: actor.email,
    targetType: "membership",
    targetId: actor.membershipId,
    meta: { changed: [...changed] },
  });
}

export async function updateProfile(actor: Actor, input: ProfileInput): Promise<Profile> {
  const channel = input.defaultChannel
    ? await prisma().channel.findFirst({ where: { organizationId: actor.organizationId, key: input.defaultChannel, ...liveChannel }, select: { id: true } })
    : null;
  if (input.defaultChannel && !channel) {
    const msg = "That channel is no longer in your organisation's list. Choose another.";
    throw new ExpectedError("invalid", msg, { defaultChannel: [msg] });
  }
  const before = await getProfile(actor);
  const changed = [
    before.name !== input.name && "name",
    before.timeZone !== input.timeZone && "timeZone",
    before.notifyInApp !== input.notifyInApp && "notifyInApp",
    before.emailDigest !== input.emailDigest && "emailDigest",
    before.reflectionDay !== input.reflectionDay && "reflectionDay",
    before.defaultChannel !== input.defaultChannel && "defaultChannel",
  ].filter((f): f is string => Boolean(f));
  if (changed.length === 0) return before;
  await auditedWrite(async (tx, audit) => {
    await tx.user.update({ where: { id: actor.userId }, data: { name: input.name, timeZone: input.timeZone } });
    await writeOwnMembership(tx, audit, actor, changed, {
      notifyInApp: input.notifyInApp,
      emailDigest: input.emailDigest,
      reflectionDay: input.reflectionDay,
      defaultChannelId: channel?.id ?? null,
    });
  });
  return getProfile(actor);
}

/**
 * The zone the person's browser reported, saved only while they have none (their first visit):
 * from then on every date is in it, until they choose another on their profile.
 */
export async function guessTimeZone(actor: Actor, timeZone: string): Promise<{ saved: boolean }> {
  const saved = await auditedWrite(async (tx, audit) => {
    const { count } = await tx.user.updateMany({ where: { id: actor.userId, timeZone: null }, data: { timeZone } });
    if (count === 1)
      await audit({
        ...auditFromActor(actor),
        action: "profile.changed",
        subject: actor.email,
        targetType: "membership",
        targetId: actor.membershipId,
        meta: { changed: ["timeZone"], guessed: true },
      });
    return count === 1;
  });
  return { saved };
}

/** Quick capture remembers the channel on the person's membership, in the capture's transaction. */
export async function rememberCaptureChannel(tx: Prisma.TransactionClient, actor: Actor, channelId: string): Promise<void> {
  await tx.membership.updateMany({ where: ownMembership(actor), data: { lastChannelId: channelId } });
}

/**
 * What the app's shell needs of the person's settings: the channel quick capture preselects
 * (their default, else the last one they used; retired channels are skipped) and whether the
 * bell shows the unread count.
 */
// Once per request (React's cache, keyed by the request's actor): the shell and the home page both read them.
export const shellPreferences = cache(async (actor: Actor): Promise<{ captureChannel: string | null; notifyInApp: boolean }> => {
  const m = await prisma().membership.findFirst({
    where: ownMembership(actor),
    select: { notifyInApp: true, defaultChannel: { select: { key: true, retiredAt: true } }, lastChannel: { select: { key: true, retiredAt: true } } },
  });
  const usable = (c: { key: string; retiredAt: Date | null } | null | undefined) => (c && !c.retiredAt ? c.key : null);
  return { captureChannel: usable(m?.defaultChannel) ?? usable(m?.lastChannel), notifyInApp: m?.notifyInApp ?? true };
});
