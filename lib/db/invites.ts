import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./client";
import { auditFromActor, auditedWrite, recordAudit } from "./audit";
import { assertCan } from "./access";
import { assertManagerInOrg, assertTeamInOrg } from "./admin";
import { ExpectedError, notFound } from "@/lib/platform/errors";
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

export async function createInvite(actor: Actor, input: { email?: string | undefined; role: Role; teamId?: string | null | undefined; managerId?: string | null | undefined }) {
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
      const invitedAs = `${actor.name} invited you to join ${actor.organizationName} on Ripple as ${ROLE_LABEL[input.role]}.`;
      emailed = await sendMail({
        to: input.email,
        subject: `${actor.name} invited you to ${actor.organizationName} on Ripple`,
        text: (accountElsewhere
          ? [
              invitedAs,
              "",
              "This e-mail address already has a Ripple account with another organisation, and for now one account belongs to one organisation, so the invitation cannot be accepted with this address.",
              "",
              `If you want to join, ask ${actor.name} to invite another address of yours.`,
            ]
          : [invitedAs, "", `Accept the invitation: ${publicUrl()}${path}`, "", `The link works once and expires on ${formatDate(invite.expiresAt, "dayTime", timeZoneOf(actor))} (${timeZoneLabel(timeZoneOf(actor))} time).`]
        ).join("\n"),
      });
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
  const invite = await prisma().invite.findFirst({ where: { id: inviteId, organizationId: actor.organizationId }, select: { id: true, expiresAt: true, acceptedAt: true, revokedAt: true } });
  if (!invite) throw notFound();
  const state = inviteState(invite, now());
  if (state !== "pending") throw new ExpectedError("conflict", `This invitation is already ${state}.`);
  await auditedWrite(async (tx, audit) => {
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: now() } });
    await audit({ ...auditFromActor(actor), action: "invite.revoked", targetType: "invite", targetId: invite.id });
  });
  return { revoked: true };
}

async function pendingInvite(token: string) {
  if (!token || token.length > 200) return null;
  const invite = await prisma().invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      organizationId: true,
      email: true,
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
  return { organizationName: invite.organization.name, role: invite.role, email: invite.email };
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
      const team = invite.teamId ? await tx.team.findFirst({ where: { id: invite.teamId, organizationId: invite.organizationId }, select: { id: true } }) : null;
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
