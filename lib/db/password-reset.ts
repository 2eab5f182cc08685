import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./client";
import { assertCan } from "./access";
import { auditFromActor, auditedWrite, recordAudit } from "./audit";
import { limitKey, reserveAttempt, type Limit } from "./rate-limit";
import { revokeUserSessions } from "./sessions";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { hashPassword } from "@/lib/platform/password";
import { addressLimitKey } from "@/lib/domain/forwarded";
import { describeWait, PASSWORD_RESET_LIMITS } from "@/lib/domain/rate-limit";
import type { Actor } from "@/lib/domain/actor";
import { publicUrl } from "@/lib/platform/env";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { emailConfigured, sendMail } from "@/lib/platform/mailer";

// Password reset links: "Forgot password" sends one by e-mail (when SMTP is configured); an
// admin can make one for a member (shown once). Only the SHA-256 of a link's token is stored,
// as for invitations; a link works once, until it expires; using it sets the new password and
// ends every session of the person, in one audited transaction.

/** How long a link sent by e-mail works. */
export const RESET_LINK_MINUTES = 60;
/** How long a link made by an admin works: they hand it over themselves, which can take a while. */
export const ADMIN_RESET_LINK_HOURS = 24;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function resetPath(token: string): string {
  return `/reset-password/${token}`;
}

/** What "Forgot password" answers, whatever the address: the same words either way. */
export type ForgotPasswordOutcome = { status: "check_email"; email: string };

function forgotLimits(email: string, address: string | null): Limit[] {
  return [
    { key: limitKey("reset:account", email), policy: PASSWORD_RESET_LIMITS.account },
    ...(address ? [{ key: limitKey("reset:address", addressLimitKey(address)), policy: PASSWORD_RESET_LIMITS.address }] : []),
  ];
}

/** The person behind an address and their first active organisation (for the audit log), in one query. */
async function findPerson(email: string) {
  const [row] = await prisma().$queryRaw<
    { userId: string | null; name: string | null; hasPassword: boolean | null; organizationId: string | null; membershipId: string | null }[]
  >`
    SELECT u."id" AS "userId", u."name", (u."passwordHash" IS NOT NULL) AS "hasPassword", m."organizationId", m."id" AS "membershipId"
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
 * PUBLIC, "Forgot password". The answer is the same whether or not the address has an account,
 * and does not wait for the e-mail: the message is handed to the mail server after the answer
 * is decided, so an existing account does not answer slower by an SMTP round trip. A known
 * address gets a link (the address's owner is the only one who can use it); an account that
 * signs in with single sign-on gets a note instead; an unknown address gets nothing. Each
 * address gets at most a few of these an hour (silently, the answer stays the same), and one
 * network address (when known) asks for a few dozen an hour at most.
 */
export async function requestPasswordReset(email: string, ctx: { address: string | null }): Promise<ForgotPasswordOutcome> {
  if (!emailConfigured()) {
    throw new ExpectedError("conflict", "Ripple cannot send e-mail here. Ask your organisation's admin for a password reset link.");
  }
  const at = now();
  const limits = forgotLimits(email, ctx.address);
  const reservation = await reserveAttempt(limits, at);
  const accountLimited = !reservation.allowed && reservation.blocked.includes(limits[0]!.key);
  if (!reservation.allowed && !accountLimited) {
    throw new ExpectedError("rate_limited", `Too many reset requests from your network. Try again in ${describeWait(reservation.retryAfterSeconds)}.`);
  }
  const outcome: ForgotPasswordOutcome = { status: "check_email", email };
  if (accountLimited) return outcome;

  const person = await findPerson(email);
  // Both branches make a token and its hash: only the known one stores it.
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashResetToken(token);
  if (!person) {
    // Recorded too (without an organisation): the same writes, and a trace of who is probing.
    await auditedWrite((_tx, audit) => audit({ action: "auth.password_reset_requested", subject: email, meta: { known: false } }));
    return outcome;
  }

  const expiresAt = new Date(at.getTime() + RESET_LINK_MINUTES * 60_000);
  if (person.hasPassword) await prunePasswordResets(at);
  await auditedWrite(async (tx, audit) => {
    if (person.hasPassword) await tx.passwordReset.create({ data: { userId: person.userId, tokenHash, createdAt: at, expiresAt } });
    await audit({
      action: "auth.password_reset_requested",
      subject: email,
      organizationId: person.organizationId,
      actorId: person.membershipId,
      ...(person.hasPassword ? {} : { meta: { sso: true } }),
    });
  });
  const mail = person.hasPassword
    ? {
        subject: "Reset your Ripple password",
        text: [
          person.name ? `Hello ${person.name},` : "Hello,",
          "",
          "Someone (we hope you) asked to reset the password of your Ripple account.",
          "",
          `To choose a new password, open this link within ${RESET_LINK_MINUTES} minutes: ${publicUrl()}${resetPath(token)}`,
          "",
          "The link works once. Setting a new password signs you out everywhere.",
          "If it was not you, ignore this e-mail: your password stays as it is.",
        ].join("\n"),
      }
    : {
        subject: "About your Ripple password",
        text: [
          "Someone asked to reset the password of the Ripple account with this e-mail address.",
          "",
          "You sign in to Ripple with single sign-on, so Ripple keeps no password of yours: sign in with your organisation's sign-in button instead.",
          "",
          "If it was not you, you can ignore this e-mail.",
        ].join("\n"),
      };
  void sendMail({ to: email, ...mail }).catch((error: unknown) => {
    logger.error({ err: error instanceof Error ? error.name : "unknown" }, "password reset e-mail not sent");
  });
  return outcome;
}

async function openReset(token: string, at: Date) {
  if (!token || token.length > 200) return null;
  return prisma().passwordReset.findFirst({
    where: { tokenHash: hashResetToken(token), usedAt: null, expiresAt: { gt: at } },
    select: { id: true, userId: true, expiresAt: true, createdById: true, user: { select: { email: true } } },
  });
}

/** PUBLIC: what the reset page shows (the account's address), or null for a link that is unknown, used or expired. */
export async function getPasswordReset(token: string): Promise<{ email: string } | null> {
  const reset = await openReset(token, now());
  return reset ? { email: reset.user.email } : null;
}

const invalidLink = () =>
  new ExpectedError("not_found", "This link is no longer valid: it was used already or it expired. Ask for a new one on the sign-in page.");

/**
 * PUBLIC: sets the new password of the link's person, once. In one transaction: the link is
 * claimed (a second use finds it used), the password replaced, the person's other links
 * cancelled, every session of theirs ended (in every organisation), and the change audited.
 */
export async function resetPassword(token: string, newPassword: string): Promise<{ email: string; endedSessions: number }> {
  const at = now();
  const reset = await openReset(token, at);
  if (!reset) throw invalidLink();
  const passwordHash = await hashPassword(newPassword);
  const membership = await prisma().membership.findFirst({
    where: { userId: reset.userId, status: "ACTIVE" },
    select: { id: true, organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  const endedSessions = await prisma().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
    if (claimed.count !== 1) throw invalidLink();
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: at } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    const ended = await revokeUserSessions(tx, reset.userId, at);
    await recordAudit(
      {
        action: "auth.password_reset",
        subject: reset.user.email,
        organizationId: membership?.organizationId ?? null,
        actorId: membership?.id ?? null,
        meta: { endedSessions: ended, via: reset.createdById ? "admin_link" : "email" },
      },
      tx,
    );
    return ended;
  });
  return { email: reset.user.email, endedSessions };
}

/**
 * An admin makes a reset link for a member of their organisation (without e-mail, or for
 * someone who lost access to theirs). The link is returned once and never stored. Refused for
 * an account that also belongs to another organisation (its password is not this admin's to
 * reset) and for one that signs in with single sign-on.
 */
export async function createAdminResetLink(actor: Actor, membershipId: string): Promise<{ path: string; expiresAt: Date; name: string }> {
  assertCan(actor, "admin.manage");
  const member = await prisma().membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId, status: "ACTIVE" },
    select: { id: true, userId: true, user: { select: { name: true, email: true, passwordHash: true, _count: { select: { memberships: true } } } } },
  });
  if (!member) throw notFound();
  if (!member.user.passwordHash) throw new ExpectedError("conflict", `${member.user.name} signs in with single sign-on: Ripple keeps no password of theirs.`);
  if (member.user._count.memberships > 1)
    throw new ExpectedError(
      "conflict",
      `${member.user.name}'s account also belongs to another organisation, so only they can reset its password ("Forgot password" on the sign-in page).`,
    );
  const at = now();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(at.getTime() + ADMIN_RESET_LINK_HOURS * 3_600_000);
  await prunePasswordResets(at);
  await auditedWrite(async (tx, audit) => {
    const created = await tx.passwordReset.create({
      data: { userId: member.userId, tokenHash: hashResetToken(token), createdById: actor.membershipId, createdAt: at, expiresAt },
      select: { id: true },
    });
    await audit({
      ...auditFromActor(actor),
      action: "auth.password_reset_link_created",
      subject: member.user.email,
      targetType: "membership",
      targetId: member.id,
      meta: { resetId: created.id },
    });
  });
  return { path: resetPath(token), expiresAt, name: member.user.name };
}

/** Links that can no longer be used are of no use: tidy them away (called when new ones are made). */
export async function prunePasswordResets(at: Date): Promise<number> {
  const { count } = await prisma().passwordReset.deleteMany({ where: { OR: [{ expiresAt: { lt: at } }, { usedAt: { not: null } }] } });
  return count;
}
