import "server-only";
import { prisma } from "./client";
import { recordAudit } from "./audit";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { SIGN_IN_POLICY, throttle } from "@/lib/domain/rate-limit";
import type { Actor } from "@/lib/domain/actor";
import { now } from "@/lib/server/clock";

export type CredentialCheck =
  | { ok: true; userId: string; membershipId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

async function recentFailures(where: { subject: string }, windowMs: number) {
  const rows = await prisma().auditEvent.findMany({
    where: { action: "auth.sign_in_failed", subject: where.subject, createdAt: { gt: new Date(now().getTime() - windowMs) } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.map((r) => r.createdAt);
}

/**
 * Checks an e-mail and password. Failures are recorded as audit events; after too many for
 * one account or one address, sign-in is refused for a while, right or wrong.
 */
export async function checkCredentials(email: string, password: string, address: string | null): Promise<CredentialCheck> {
  const at = now();
  const account = throttle(await recentFailures({ subject: email }, SIGN_IN_POLICY.perAccount.windowMs), at, SIGN_IN_POLICY.perAccount);
  const byAddress = address
    ? throttle(await recentFailures({ subject: `ip:${address}` }, SIGN_IN_POLICY.perAddress.windowMs), at, SIGN_IN_POLICY.perAddress)
    : ({ allowed: true } as const);
  if (!account.allowed || !byAddress.allowed) {
    await recordAudit({ action: "auth.sign_in_blocked", subject: email });
    const retry = Math.max(account.allowed ? 0 : account.retryAfterSeconds, byAddress.allowed ? 0 : byAddress.retryAfterSeconds);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: retry };
  }

  const user = await prisma().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      memberships: { where: { status: "ACTIVE" }, select: { id: true, organizationId: true }, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  const membership = user?.memberships[0];
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || !membership) {
    const organizationId = membership?.organizationId ?? null;
    await recordAudit({ action: "auth.sign_in_failed", subject: email, organizationId });
    if (address) await recordAudit({ action: "auth.sign_in_failed", subject: `ip:${address}`, organizationId });
    return { ok: false, reason: "invalid" };
  }
  await recordAudit({ action: "auth.sign_in", subject: email, organizationId: membership.organizationId, actorId: membership.id });
  return { ok: true, userId: user.id, membershipId: membership.id };
}

/** For single sign-on: the active membership of a verified e-mail address, if any. */
export async function findMembershipForEmail(email: string): Promise<{ userId: string; membershipId: string } | null> {
  const membership = await prisma().membership.findFirst({
    where: { status: "ACTIVE", user: { email } },
    select: { id: true, userId: true, organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) return null;
  await recordAudit({ action: "auth.sign_in", subject: email, organizationId: membership.organizationId, actorId: membership.id, meta: { via: "oidc" } });
  return { userId: membership.userId, membershipId: membership.id };
}

/** Loads the actor for a session. A deactivated membership or a changed user has no actor. */
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
      user: { select: { id: true, name: true, email: true } },
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
  };
}
