import "server-only";
import { prisma } from "./client";
import { auditFromActor, recordAudit } from "./audit";
import { ExpectedError } from "@/lib/platform/errors";
import { limitKey, refundAttempt, reserveAttempt, type Limit } from "./rate-limit";
import { createSession, loadSessionActor, revokeSession, revokeUserSessions, type SessionIds } from "./sessions";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/platform/password";
import { addressLimitKey } from "@/lib/domain/forwarded";
import { describeWait, SIGN_IN_LIMITS } from "@/lib/domain/rate-limit";
import type { Actor } from "@/lib/domain/actor";
import { now } from "@/lib/platform/clock";
import { isTimeZone } from "@/lib/domain/time-zone";
import type { ChangePasswordInput } from "@/lib/validation/auth";

export { loadSessionActor };

export type CredentialCheck =
  | { ok: true; userId: string; membershipId: string; organizationId: string; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Where an attempt comes from. `trustedDevice`: the id in a valid device cookie for this
 * e-mail (a browser where this account signed in before), verified by lib/auth. `address`:
 * the client's network address when it is known (TRUSTED_PROXY_HOPS), else null. No context
 * (null): an unknown address and no device cookie.
 */
export type SignInContext = { address: string | null; trustedDevice: string | null };

/** The limits one sign-in attempt is charged against (see SIGN_IN_LIMITS). */
export function signInLimits(email: string, ctx: SignInContext | null): Limit[] {
  if (ctx?.trustedDevice) return [{ key: limitKey("signin:device", `${ctx.trustedDevice}\n${email}`), policy: SIGN_IN_LIMITS.device }];
  return [
    { key: limitKey("signin:account", email), policy: SIGN_IN_LIMITS.account },
    ...(ctx?.address ? [{ key: limitKey("signin:address", addressLimitKey(ctx.address)), policy: SIGN_IN_LIMITS.address }] : []),
  ];
}

/**
 * The account behind an e-mail and its first active membership, in one query that costs
 * the same round trip whether the e-mail is known or not (Prisma would load the membership
 * with a second query only when the user exists, which a stopwatch could tell).
 */
async function findAccount(email: string) {
  const [row] = await prisma().$queryRaw<{ userId: string | null; passwordHash: string | null; membershipId: string | null; organizationId: string | null }[]>`
    SELECT u."id" AS "userId", u."passwordHash", m."id" AS "membershipId", m."organizationId"
    FROM (SELECT ${email}::text AS "email") AS q
    LEFT JOIN "User" u ON u."email" = q."email"
    LEFT JOIN LATERAL (
      SELECT "id", "organizationId" FROM "Membership"
      WHERE "userId" = u."id" AND "status" = 'ACTIVE'
      ORDER BY "createdAt" ASC LIMIT 1
    ) AS m ON TRUE`;
  return row?.userId ? { ...row, userId: row.userId } : null;
}

/**
 * Checks an e-mail and password. The attempt is charged against its limits *before* the
 * password is verified, under a row lock, so concurrent attempts cannot get more guesses
 * than the limits allow; a success gives the charge back. An unknown e-mail costs the same
 * password verification as a known one. Every outcome is audited.
 */
export async function checkCredentials(email: string, password: string, ctx: SignInContext | null = null): Promise<CredentialCheck> {
  const at = now();
  const account = await findAccount(email);
  const organizationId = account?.organizationId ?? null;
  const limits = signInLimits(email, ctx);
  const reservation = await reserveAttempt(limits, at, (tx) => recordAudit({ action: "auth.sign_in_blocked", subject: email, organizationId }, tx));
  if (!reservation.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };

  const valid = account?.passwordHash ? await verifyPassword(account.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!account || !valid || !account.membershipId || !account.organizationId) {
    await recordAudit({ action: "auth.sign_in_failed", subject: email, organizationId });
    return { ok: false, reason: "invalid" };
  }
  const { userId, membershipId } = account;
  const org = account.organizationId;
  const sessionId = await prisma().$transaction(async (tx) => {
    await refundAttempt(tx, limits, at);
    const id = await createSession(tx, { userId, membershipId, organizationId: org }, at);
    await recordAudit({ action: "auth.sign_in", subject: email, organizationId, actorId: membershipId }, tx);
    return id;
  });
  return { ok: true, userId, membershipId, organizationId: org, sessionId };
}

/** For single sign-on: the active membership of a verified e-mail address, if any, with a new session. */
export async function findMembershipForEmail(
  email: string,
): Promise<{ userId: string; membershipId: string; organizationId: string; sessionId: string } | null> {
  const membership = await prisma().membership.findFirst({
    where: { status: "ACTIVE", user: { email } },
    select: { id: true, userId: true, organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) return null;
  const at = now();
  const sessionId = await prisma().$transaction(async (tx) => {
    const id = await createSession(tx, { userId: membership.userId, membershipId: membership.id, organizationId: membership.organizationId }, at);
    await recordAudit({ action: "auth.sign_in", subject: email, organizationId: membership.organizationId, actorId: membership.id, meta: { via: "oidc" } }, tx);
    return id;
  });
  return { userId: membership.userId, membershipId: membership.id, organizationId: membership.organizationId, sessionId };
}

/** Sign-out: ends the session server-side, so a copy of its cookie is worth nothing afterwards. */
export async function signOutSession(ids: SessionIds): Promise<void> {
  const actor = await loadSessionActor(ids);
  await prisma().$transaction(async (tx) => {
    const ended = await revokeSession(tx, ids, now());
    if (ended && actor) await recordAudit({ ...auditFromActor(actor), action: "auth.sign_out", subject: actor.email }, tx);
  });
}

/**
 * Changes the actor's password and ends all their other sessions, in every organisation
 * (`keepSessionId`: the session making the change, which stays signed in). The current
 * password is required and its checks are throttled like sign-in attempts.
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput, keepSessionId: string | null): Promise<{ endedSessions: number }> {
  const at = now();
  const user = await prisma().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user.passwordHash) throw new ExpectedError("conflict", "You sign in with single sign-on, so Ripple has no password of yours to change.");
  const limits: Limit[] = [{ key: limitKey("password-change", actor.userId), policy: SIGN_IN_LIMITS.device }];
  const reservation = await reserveAttempt(limits, at);
  if (!reservation.allowed) throw new ExpectedError("rate_limited", `Too many attempts. Try again in ${describeWait(reservation.retryAfterSeconds)}.`);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const msg = "That is not your current password.";
    throw new ExpectedError("invalid", msg, { currentPassword: [msg] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return prisma().$transaction(async (tx) => {
    await refundAttempt(tx, limits, at);
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    const endedSessions = await revokeUserSessions(tx, actor.userId, at, keepSessionId);
    await recordAudit({ ...auditFromActor(actor), action: "auth.password_changed", subject: actor.email, meta: { endedSessions } }, tx);
    return { endedSessions };
  });
}

/**
 * Loads the actor of a membership, without a session: for scripts and tests that act as a
 * person. Requests go through loadSessionActor. A deactivated membership has no actor.
 */
export async function loadActor(userId: string, membershipId: string): Promise<Actor | null> {
  const m = await prisma().membership.findFirst({
    where: { id: membershipId, userId, status: "ACTIVE" },
    select: {
      id: true,
      organizationId: true,
      role: true,
      teamId: true,
      managerId: true,
      organization: { select: { name: true } },
      user: { select: { id: true, name: true, email: true, timeZone: true } },
    },
  });
  if (!m) return null;
  return {
    userId: m.user.id,
    membershipId: m.id,
    organizationId: m.organizationId,
    organizationName: m.organization.name,
    role: m.role,
    teamId: m.teamId,
    managerId: m.managerId,
    name: m.user.name,
    email: m.user.email,
    timeZone: isTimeZone(m.user.timeZone) ? m.user.timeZone : undefined,
  };
}
