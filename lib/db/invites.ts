import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { prisma, type Prisma } from "./client";
import { tenantKey } from "./keys";
import { auditFromActor, auditedWrite, recordAudit, recordAuditMany } from "./audit";
import { assertCan } from "./access";
import { assertManagerInOrg, assertTeamInOrg } from "./admin";
import { ExpectedError, isUniqueViolation, notFound } from "@/lib/platform/errors";
import { checkInviteRows, readInviteText, type InviteDirectory } from "@/lib/domain/bulk-invite";
import { parseInviteRows } from "@/lib/validation/bulk-invite";
import { hashPassword } from "@/lib/platform/password";
import { timeZoneOf, type Actor } from "@/lib/domain/actor";
import { formatDate } from "@/lib/domain/format";
import { timeZoneLabel } from "@/lib/domain/time-zone";
import { inviteExpiresAt, inviteState } from "@/lib/domain/org";
import { ROLE_LABEL, type Role } from "@/lib/domain/roles";
import { publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { now } from "@/lib/platform/clock";
import { sendMail } from "@/lib/platform/mailer";
import type { AcceptInviteInput } from "@/lib/validation/admin";

/** Only the hash of an invitation token is stored; the token itself is in the link. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function invitePath(token: string): string {
  return `/invite/${token}`;
}

/**
 * The invitation e-mail, the one text for a single invitation (sent at once) and a bulk one
 * (sent by the email.invite job). An address with an account in another organisation is told so
 * by e-mail, never the admin, and gets no link it could not use.
 */
/** The invitation e-mail; its expiry in the inviting admin's time zone, UTC unless given. */
export function inviteEmail(p: {
  to: string;
  inviterName: string;
  organizationName: string;
  role: Role;
  path: string;
  expiresAt: Date;
  accountElsewhere: boolean;
  timeZone?: string;
}) {
  const zone = p.timeZone ?? "UTC";
  const invitedAs = `${p.inviterName} invited you to join ${p.organizationName} on Ripple as ${ROLE_LABEL[p.role]}.`;
  return {
    to: p.to,
    subject: `${p.inviterName} invited you to ${p.organizationName} on Ripple`,
    text: (p.accountElsewhere
      ? [
          invitedAs,
          "",
          "This e-mail address already has a Ripple account with another organisation, and for now one account belongs to one organisation, so the invitation cannot be accepted with this address.",
          "",
          `If you want to join, ask ${p.inviterName} to invite another address of yours.`,
        ]
      : [
          invitedAs,
          "",
          `Accept the invitation: ${publicUrl()}${p.path}`,
          "",
          `The link works once and expires on ${formatDate(p.expiresAt, "dayTime", zone)} (${timeZoneLabel(zone)} time).`,
        ]
    ).join("\n"),
  };
}

export async function createInvite(
  actor: Actor,
  input: { email?: string | undefined; role: Role; teamId?: string | null | undefined; managerId?: string | null | undefined },
) {
  assertCan(actor, "admin.manage");
  await assertTeamInOrg(actor, input.teamId ?? null);
  await assertManagerInOrg(actor, input.managerId ?? null);
  // Whether the address already has an account is said only when it is a member here, which
  // the admin can see on the People page anyway. An account in another organisation is never
  // revealed: the invitation is made as for anyone, and the e-mail tells the address's owner.
  let accountElsewhere = false;
  if (input.email) {
    const existing = await prisma().user.findUnique({
      where: { email: input.email },
      select: { memberships: { where: { organizationId: actor.organizationId }, select: { status: true } } },
    });
    const here = existing?.memberships[0];
    if (here) {
      const msg =
        here.status === "ACTIVE"
          ? "This person is already a member of your organisation."
          : "This person is a deactivated member of your organisation. Reactivate them on the People page instead.";
      throw new ExpectedError("conflict", msg, { email: [msg] });
    }
    accountElsewhere = Boolean(existing);
  }
  const token = randomBytes(32).toString("base64url");
  const created = now();
  const invite = await auditedWrite(async (tx, audit) => {
    const created_ = await tx.invite.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email ?? null,
        role: input.role,
        teamId: input.teamId ?? null,
        managerId: input.managerId ?? null,
        tokenHash: hashInviteToken(token),
        createdById: actor.membershipId,
        expiresAt: inviteExpiresAt(created),
      },
      select: { id: true, expiresAt: true },
    });
    await audit({
      ...auditFromActor(actor),
      action: "invite.created",
      targetType: "invite",
      targetId: created_.id,
      meta: { role: input.role, teamId: input.teamId ?? null, managerId: input.managerId ?? null },
    });
    return created_;
  });
  const path = invitePath(token);
  let emailed = false;
  if (input.email) {
    try {
      emailed = await sendMail(
        inviteEmail({
          to: input.email,
          inviterName: actor.name,
          organizationName: actor.organizationName,
          role: input.role,
          path,
          expiresAt: invite.expiresAt,
          accountElsewhere,
          timeZone: timeZoneOf(actor),
        }),
      );
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : "unknown" }, "invite e-mail not sent");
    }
  }
  return { id: invite.id, token, path, expiresAt: invite.expiresAt, emailed };
}

export async function listInvites(actor: Actor) {
  assertCan(actor, "admin.manage");
  const rows = await prisma().invite.findMany({
    where: { organizationId: actor.organizationId },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      createdAt: true,
      team: { select: { name: true } },
      manager: { select: { user: { select: { name: true } } } },
      createdBy: { select: { user: { select: { name: true } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const at = now();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    teamName: r.team?.name ?? null,
    managerName: r.manager?.user.name ?? null,
    createdByName: r.createdBy.user.name,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    state: inviteState(r, at),
  }));
}

export async function revokeInvite(actor: Actor, inviteId: string) {
  assertCan(actor, "admin.manage");
  const invite = await prisma().invite.findFirst({
    where: { id: inviteId, organizationId: actor.organizationId },
    select: { id: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!invite) throw notFound();
  const state = inviteState(invite, now());
  if (state !== "pending") throw new ExpectedError("conflict", `This invitation is already ${state}.`);
  await auditedWrite(async (tx, audit) => {
    await tx.invite.update({ where: tenantKey(actor.organizationId, invite.id), data: { revokedAt: now() } });
    await audit({ ...auditFromActor(actor), action: "invite.revoked", targetType: "invite", targetId: invite.id });
  });
  return { revoked: true };
}

async function pendingInvite(token: string) {
  if (!token || token.length > 200) return null;
  // The link names no organisation: this is one of the look-ups that cross organisations (README,
  // "Scale-out"); the token's hash is unique in practice (32 random bytes), and indexed.
  const invite = await prisma().invite.findFirst({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      organizationId: true,
      email: true,
      name: true,
      role: true,
      teamId: true,
      managerId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
    },
  });
  if (!invite || inviteState(invite, now()) !== "pending") return null;
  return invite;
}

/** PUBLIC: what the accept page shows, or null for a link that is unknown, expired, revoked or used. */
export async function getInviteByToken(token: string) {
  const invite = await pendingInvite(token);
  if (!invite) return null;
  return { organizationName: invite.organization.name, role: invite.role, email: invite.email, name: invite.name };
}

const invalidInvite = () => new ExpectedError("not_found", "This invitation link is no longer valid. Ask your admin for a new one.");

/** PUBLIC: creates the person's account and membership from the invitation, in one transaction. */
export async function acceptInvite(token: string, input: Omit<AcceptInviteInput, "token">) {
  const invite = await pendingInvite(token);
  if (!invite) throw invalidInvite();
  if (invite.email && invite.email !== input.email) {
    const msg = "Use the email address this invitation was sent to.";
    throw new ExpectedError("invalid", msg, { email: [msg] });
  }
  const taken = () => {
    const msg = "An account with this email already exists. Sign in instead; joining a second organisation is not supported yet.";
    return new ExpectedError("conflict", msg, { email: [msg] });
  };
  if (await prisma().user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken();
  const passwordHash = await hashPassword(input.password);
  const result = await prisma()
    .$transaction(async (tx) => {
      const claimed = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } },
        data: { acceptedAt: now() },
      });
      if (claimed.count !== 1) throw invalidInvite();
      // The team or manager may have gone since the invitation was made.
      const team = invite.teamId
        ? await tx.team.findFirst({ where: { id: invite.teamId, organizationId: invite.organizationId }, select: { id: true } })
        : null;
      const manager = invite.managerId
        ? await tx.membership.findFirst({ where: { id: invite.managerId, organizationId: invite.organizationId, status: "ACTIVE" }, select: { id: true } })
        : null;
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } });
      const membership = await tx.membership.create({
        data: { organizationId: invite.organizationId, userId: user.id, role: invite.role, teamId: team?.id ?? null, managerId: manager?.id ?? null },
        select: { id: true },
      });
      await recordAudit(
        {
          action: "invite.accepted",
          organizationId: invite.organizationId,
          actorId: membership.id,
          subject: input.email,
          targetType: "invite",
          targetId: invite.id,
          meta: { role: invite.role, teamId: invite.teamId, managerId: invite.managerId },
        },
        tx,
      );
      return { userId: user.id, membershipId: membership.id };
    })
    .catch((error: unknown) => {
      if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002") throw taken();
      throw error;
    });
  return { ...result, email: input.email };
}

// ---- Many at once ----------------------------------------------------------------------------

/** What the rows of a bulk invitation are checked against: the actor's organisation only. */
async function inviteDirectory(actor: Actor): Promise<InviteDirectory> {
  const [teams, people, pending] = await Promise.all([
    prisma().team.findMany({ where: { organizationId: actor.organizationId }, select: { id: true, name: true } }),
    prisma().membership.findMany({
      where: { organizationId: actor.organizationId },
      select: { id: true, status: true, user: { select: { name: true, email: true } } },
    }),
    prisma().invite.findMany({
      where: { organizationId: actor.organizationId, email: { not: null }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } },
      select: { email: true },
    }),
  ]);
  return {
    teams,
    people: people.map((p) => ({ id: p.id, name: p.user.name, email: p.user.email.toLowerCase(), status: p.status })),
    pendingInvites: new Set(pending.map((i) => i.email!.toLowerCase())),
  };
}

/** The text read into rows and each row checked; a text that cannot be read is refused with the reason. */
export async function checkBulkInvite(actor: Actor, text: string) {
  assertCan(actor, "admin.manage");
  const read = readInviteText(text);
  if (!read.ok) throw new ExpectedError("invalid", read.message, { text: [read.message] });
  const rows = checkInviteRows(parseInviteRows(read.rows), await inviteDirectory(actor));
  const withErrors = rows.filter((r) => r.errors.length).length;
  return { format: read.format, rows, ready: rows.length - withErrors, withErrors };
}

export type BulkInviteHooks = {
  /** The token of each new invitation's link, from its id (only its hash is stored). */
  tokenFor: (inviteId: string) => string;
  /** Runs in the transaction that creates the invitations (e.g. enqueues their e-mails). */
  inTransaction?: (tx: Prisma.TransactionClient, invites: readonly { id: string; email: string }[]) => Promise<void>;
};

/**
 * Creates every invitation of the text, with its audit event, in one transaction; or, when any
 * row has an error, none (the errors say which rows, as the preview did).
 */
export async function createBulkInvites(actor: Actor, text: string, hooks: BulkInviteHooks) {
  const checked = await checkBulkInvite(actor, text);
  if (checked.withErrors) {
    const msg = `${checked.withErrors === 1 ? "1 row has an error" : `${checked.withErrors} rows have errors`}. Correct ${checked.withErrors === 1 ? "it" : "them"} or leave ${checked.withErrors === 1 ? "it" : "them"} out, then preview again: nobody was invited.`;
    throw new ExpectedError("invalid", msg, { text: [msg] });
  }
  const created = now();
  const expiresAt = inviteExpiresAt(created);
  const invites = checked.rows.map((r) => ({ ...r, id: randomUUID() }));
  await auditedWrite(
    async (tx) => {
      // Team and manager again inside the transaction: one removed since the check refuses all.
      const teamIds = [...new Set(invites.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
      const managerIds = [...new Set(invites.flatMap((r) => (r.managerId ? [r.managerId] : [])))];
      const [teams, managers] = await Promise.all([
        tx.team.count({ where: { organizationId: actor.organizationId, id: { in: teamIds } } }),
        tx.membership.count({ where: { organizationId: actor.organizationId, status: "ACTIVE", id: { in: managerIds } } }),
      ]);
      if (teams !== teamIds.length || managers !== managerIds.length) {
        throw new ExpectedError("conflict", "A team or manager changed while you were looking. Preview again: nobody was invited.");
      }
      await tx.invite.createMany({
        data: invites.map((r) => ({
          id: r.id,
          organizationId: actor.organizationId,
          email: r.email,
          name: r.name,
          role: r.role,
          teamId: r.teamId,
          managerId: r.managerId,
          tokenHash: hashInviteToken(hooks.tokenFor(r.id)),
          createdById: actor.membershipId,
          createdAt: created,
          expiresAt,
        })),
      });
      await recordAuditMany(
        invites.map((r) => ({
          ...auditFromActor(actor),
          action: "invite.created",
          targetType: "invite",
          targetId: r.id,
          meta: { role: r.role, teamId: r.teamId, managerId: r.managerId, bulk: true },
        })),
        tx,
      );
      await hooks.inTransaction?.(tx, invites);
    },
    { maxWait: 15_000, timeout: 60_000 },
  ).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new ExpectedError("conflict", "Someone invited some of these people meanwhile. Preview again: nobody was invited.");
    throw error;
  });
  return invites.map((r) => ({ id: r.id, email: r.email, name: r.name, path: invitePath(hooks.tokenFor(r.id)), expiresAt }));
}

/** For the invitation e-mail job: what its e-mail says, or null when the invitation is no longer pending. */
export async function pendingInviteForEmail(organizationId: string, inviteId: string) {
  const invite = await prisma().invite.findUnique({
    where: tenantKey(organizationId, inviteId),
    select: {
      id: true,
      email: true,
      role: true,
      tokenHash: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
      createdBy: { select: { user: { select: { name: true } } } },
    },
  });
  if (!invite?.email || inviteState(invite, now()) !== "pending") return null;
  const account = await prisma().user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    tokenHash: invite.tokenHash,
    expiresAt: invite.expiresAt,
    organizationName: invite.organization.name,
    inviterName: invite.createdBy.user.name,
    accountElsewhere: Boolean(account),
  };
}
