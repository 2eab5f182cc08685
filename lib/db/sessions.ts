import "server-only";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import { now } from "@/lib/platform/clock";
import { isTimeZone } from "@/lib/domain/time-zone";

type Tx = Prisma.TransactionClient;

/** A session lasts this long from sign-in (the session cookie's lifetime too). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The ids a session cookie carries: the session's key is its organisation and its id. */
export type SessionIds = { sessionId: string; userId: string; membershipId: string; organizationId: string };

/** Opens a session for a sign-in, in the transaction that records it; returns its id (the cookie carries it, with the organisation's). */
export async function createSession(tx: Tx, who: { userId: string; membershipId: string; organizationId: string }, at: Date): Promise<string> {
  // The person's sessions that ended long ago are of no more use: tidy them away here.
  await tx.session.deleteMany({ where: { userId: who.userId, expiresAt: { lt: new Date(at.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } } });
  const session = await tx.session.create({
    data: {
      organizationId: who.organizationId,
      userId: who.userId,
      membershipId: who.membershipId,
      createdAt: at,
      expiresAt: new Date(at.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

/** Ends one session (sign-out). Returns whether it was still open. */
export async function revokeSession(tx: Tx, ids: Pick<SessionIds, "organizationId" | "sessionId">, at: Date): Promise<boolean> {
  const { count } = await tx.session.updateMany({ where: { organizationId: ids.organizationId, id: ids.sessionId, revokedAt: null }, data: { revokedAt: at } });
  return count > 0;
}

/** Ends every open session of one membership (deactivation, role change). */
export async function revokeMembershipSessions(tx: Tx, organizationId: string, membershipId: string, at: Date): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { organizationId, membershipId, revokedAt: null }, data: { revokedAt: at } });
  return count;
}

/** Ends every open session of a person, in every organisation, except `keep` (a password change ends the others). */
export async function revokeUserSessions(tx: Tx, userId: string, at: Date, keep: string | null = null): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: at },
  });
  return count;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor of a session cookie's ids, or null unless the session is open (not revoked, not
 * expired) and belongs to that person's active membership. Checked on every request.
 */
export async function loadSessionActor(ids: SessionIds): Promise<Actor | null> {
  if (![ids.sessionId, ids.userId, ids.membershipId, ids.organizationId].every((id) => UUID.test(id))) return null;
  const s = await prisma().session.findFirst({
    where: {
      organizationId: ids.organizationId,
      id: ids.sessionId,
      userId: ids.userId,
      membershipId: ids.membershipId,
      revokedAt: null,
      expiresAt: { gt: now() },
      membership: { status: "ACTIVE" },
    },
    select: {
      membership: {
        select: {
          id: true,
          organizationId: true,
          role: true,
          teamId: true,
          managerId: true,
          organization: { select: { name: true } },
          user: { select: { id: true, name: true, email: true, timeZone: true } },
        },
      },
    },
  });
  if (!s) return null;
  const m = s.membership;
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
