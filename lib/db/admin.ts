import "server-only";
import { assertCan } from "./access";
import { prisma, type Prisma } from "./client";
import { tenantKey } from "./keys";
import { auditFromActor, auditedWrite, type AuditAction } from "./audit";
import { ExpectedError, isUniqueViolation, notFound } from "@/lib/platform/errors";
import { revokeMembershipSessions } from "./sessions";
import { can, rolesWith } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import {
  AUDIT_CATEGORY_ACTIONS,
  auditActionLabel,
  describeAuditMeta,
  isLastActiveAdmin,
  teamTree,
  wouldCreateReportingCycle,
  wouldCreateTeamCycle,
} from "@/lib/domain/org";
import type { Role } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";
import { PEOPLE_PAGE_SIZE, type AuditFilter, type PeopleFilter } from "@/lib/validation/admin";
import type { SetParams } from "@/lib/validation/search-params";

// ---- Members -------------------------------------------------------------------------------

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: "ACTIVE" | "DEACTIVATED";
  teamId: string | null;
  teamName: string | null;
  managerId: string | null;
  managerName: string | null;
  deactivatedAt: Date | null;
  isYou: boolean;
};

export async function listMembers(actor: Actor): Promise<MemberRow[]> {
  assertCan(actor, "admin.manage");
  const rows = await prisma().membership.findMany({
    where: { organizationId: actor.organizationId },
    select: memberSelect,
    orderBy: [{ status: "asc" }, { user: { name: "asc" } }],
    take: 5000,
  });
  return rows.map((m) => memberRow(actor, m));
}

const memberSelect = {
  id: true,
  role: true,
  status: true,
  teamId: true,
  managerId: true,
  deactivatedAt: true,
  user: { select: { name: true, email: true } },
  team: { select: { name: true } },
  manager: { select: { user: { select: { name: true } } } },
} satisfies Prisma.MembershipSelect;

/**
 * One page of the organisation's people, searched by name or e-mail and filtered by role, team
 * (or "none") and status; active people first, then by name (id breaks ties, so a page never
 * repeats or skips anyone). With the total and the page actually shown (the last one when the
 * address asks for a page past the end).
 */
export async function searchMembers(actor: Actor, filter: SetParams<PeopleFilter>) {
  assertCan(actor, "admin.manage");
  const where: Prisma.MembershipWhereInput = {
    organizationId: actor.organizationId,
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.team ? { teamId: filter.team === "none" ? null : filter.team } : {}),
    ...(filter.status ? { status: filter.status === "active" ? "ACTIVE" : "DEACTIVATED" } : {}),
    ...(filter.q
      ? { OR: [{ user: { name: { contains: filter.q, mode: "insensitive" } } }, { user: { email: { contains: filter.q, mode: "insensitive" } } }] }
      : {}),
  };
  const total = await prisma().membership.count({ where });
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pages);
  const rows = await prisma().membership.findMany({
    where,
    select: memberSelect,
    orderBy: [{ status: "asc" }, { user: { name: "asc" } }, { id: "asc" }],
    skip: (page - 1) * PEOPLE_PAGE_SIZE,
    take: PEOPLE_PAGE_SIZE,
  });
  return { members: rows.map((m) => memberRow(actor, m)), total, page, pages, pageSize: PEOPLE_PAGE_SIZE };
}

/** The active people of the organisation, by name: the choices of "manager". */
export async function listManagerChoices(actor: Actor) {
  assertCan(actor, "admin.manage");
  const rows = await prisma().membership.findMany({
    where: { organizationId: actor.organizationId, status: "ACTIVE" },
    select: { id: true, user: { select: { name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    take: 10_000,
  });
  return rows.map((m) => ({ id: m.id, name: m.user.name, email: m.user.email }));
}

function memberRow(actor: Actor, m: Prisma.MembershipGetPayload<{ select: typeof memberSelect }>): MemberRow {
  return {
    id: m.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    status: m.status,
    teamId: m.teamId,
    teamName: m.team?.name ?? null,
    managerId: m.managerId,
    managerName: m.manager?.user.name ?? null,
    deactivatedAt: m.deactivatedAt,
    isYou: m.id === actor.membershipId,
  };
}

/**
 * Who changes the organisation's people and teams: an admin (a person, checked for admin.manage by
 * the exported functions below), or the organisation's SCIM provisioning token (lib/db/scim.ts),
 * which has no membership. Both go through the same functions, so a deactivation, a new manager
 * or a new team is one rule whoever makes it; `audit` says who it was.
 */
export type Steward = {
  organizationId: string;
  /** The steward's own membership (an admin cannot deactivate themselves); null for a token. */
  membershipId: string | null;
  audit: { organizationId: string; actorId: string | null; subject?: string };
};

export function stewardOf(actor: Actor): Steward {
  return { organizationId: actor.organizationId, membershipId: actor.membershipId, audit: auditFromActor(actor) };
}

type InOrg = Pick<Actor, "organizationId">;

async function orgMembership(actor: InOrg, membershipId: string) {
  const m = await prisma().membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId },
    select: { id: true, role: true, status: true, teamId: true, managerId: true },
  });
  if (!m) throw notFound();
  return m;
}

async function roleStates(organizationId: string) {
  return prisma().membership.findMany({ where: { organizationId, role: { in: rolesWith("admin.manage") } }, select: { id: true, role: true, status: true } });
}

/** Throws a field error unless the team belongs to the actor's organisation. */
export async function assertTeamInOrg(actor: InOrg, teamId: string | null, field = "teamId"): Promise<void> {
  if (!teamId) return;
  const team = await prisma().team.findFirst({ where: { id: teamId, organizationId: actor.organizationId }, select: { id: true } });
  if (!team) throw new ExpectedError("invalid", "Choose a team from the list.", { [field]: ["Choose a team from the list."] });
}

/** Throws a field error unless the manager is an active person of the actor's organisation. */
export async function assertManagerInOrg(actor: InOrg, managerId: string | null, field = "managerId"): Promise<void> {
  if (!managerId) return;
  const manager = await prisma().membership.findFirst({
    where: { id: managerId, organizationId: actor.organizationId, status: "ACTIVE" },
    select: { id: true },
  });
  if (!manager) throw new ExpectedError("invalid", "Choose a manager from the list.", { [field]: ["Choose a manager from the list."] });
}

export async function updateMember(
  actor: Actor,
  membershipId: string,
  input: { role?: Role | undefined; teamId?: string | null | undefined; managerId?: string | null | undefined },
) {
  assertCan(actor, "admin.manage");
  return changeMember(stewardOf(actor), membershipId, input);
}

/** A person's role, team and manager, changed by a steward (an admin, or provisioning): checked, written and audited together. */
export async function changeMember(
  actor: Steward,
  membershipId: string,
  input: { role?: Role | undefined; teamId?: string | null | undefined; managerId?: string | null | undefined },
) {
  const before = await orgMembership(actor, membershipId);
  const data: Prisma.MembershipUncheckedUpdateInput = {};
  const events: { action: AuditAction; meta: Prisma.InputJsonValue }[] = [];

  if (input.role !== undefined && input.role !== before.role) {
    if (can(before, "admin.manage") && isLastActiveAdmin(before.id, await roleStates(actor.organizationId))) {
      const msg = "This is the only active admin. Make someone else an admin first.";
      throw new ExpectedError("conflict", msg, { role: [msg] });
    }
    data.role = input.role;
    events.push({ action: "member.role_changed", meta: { field: "role", from: before.role, to: input.role } });
  }
  if (input.teamId !== undefined && input.teamId !== before.teamId) {
    await assertTeamInOrg(actor, input.teamId);
    data.teamId = input.teamId;
    events.push({ action: "member.team_changed", meta: { field: "team", from: before.teamId, to: input.teamId } });
  }
  if (input.managerId !== undefined && input.managerId !== before.managerId) {
    if (input.managerId === before.id) {
      const msg = "A person cannot be their own manager.";
      throw new ExpectedError("invalid", msg, { managerId: [msg] });
    }
    await assertManagerInOrg(actor, input.managerId);
    const lines = await prisma().membership.findMany({ where: { organizationId: actor.organizationId }, select: { id: true, managerId: true } });
    const managerOf = new Map(lines.map((l) => [l.id, l.managerId]));
    if (wouldCreateReportingCycle(before.id, input.managerId, managerOf)) {
      const msg = "That would make a loop in the reporting line: this person already manages that manager, directly or indirectly.";
      throw new ExpectedError("invalid", msg, { managerId: [msg] });
    }
    data.managerId = input.managerId;
    events.push({ action: "member.team_changed", meta: { field: "manager", from: before.managerId, to: input.managerId } });
  }
  if (!events.length) return { changed: false };
  const at = now();
  await auditedWrite(async (tx, audit) => {
    await tx.membership.update({ where: tenantKey(actor.organizationId, before.id), data });
    // A new role is a new set of powers: the person signs in again to take it up.
    if (data.role !== undefined) await revokeMembershipSessions(tx, actor.organizationId, before.id, at);
    for (const e of events) await audit({ ...actor.audit, action: e.action, targetType: "membership", targetId: before.id, meta: e.meta });
  });
  return { changed: true };
}

export async function deactivateMember(actor: Actor, membershipId: string) {
  assertCan(actor, "admin.manage");
  return deactivateMembership(stewardOf(actor), membershipId);
}

/** Deactivates a person (they can no longer sign in; their sessions end), by an admin or by provisioning. */
export async function deactivateMembership(actor: Steward, membershipId: string) {
  const m = await orgMembership(actor, membershipId);
  if (m.id === actor.membershipId) throw new ExpectedError("conflict", "You cannot deactivate yourself. Ask another admin.");
  if (m.status === "DEACTIVATED") return { changed: false };
  if (can(m, "admin.manage") && isLastActiveAdmin(m.id, await roleStates(actor.organizationId))) {
    throw new ExpectedError("conflict", "This is the only active admin. Make someone else an admin first.");
  }
  const at = now();
  await auditedWrite(async (tx, audit) => {
    await tx.membership.update({ where: tenantKey(actor.organizationId, m.id), data: { status: "DEACTIVATED", deactivatedAt: at } });
    // Their sessions end now, and stay ended if they are reactivated later; so do their API tokens
    // (personal ones, and the organisation tokens they made), which a reactivation does not bring back.
    await revokeMembershipSessions(tx, actor.organizationId, m.id, at);
    await tx.apiToken.updateMany({ where: { organizationId: actor.organizationId, ownerId: m.id, revokedAt: null }, data: { revokedAt: at } });
    await audit({
      ...actor.audit,
      action: "member.deactivated",
      targetType: "membership",
      targetId: m.id,
      meta: { field: "status", from: "ACTIVE", to: "DEACTIVATED" },
    });
  });
  return { changed: true };
}

export async function reactivateMember(actor: Actor, membershipId: string) {
  assertCan(actor, "admin.manage");
  return reactivateMembership(stewardOf(actor), membershipId);
}

/** Reactivates a person, by an admin or by provisioning: they sign in again (their old sessions stay ended). */
export async function reactivateMembership(actor: Steward, membershipId: string) {
  const m = await orgMembership(actor, membershipId);
  if (m.status === "ACTIVE") return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.membership.update({ where: tenantKey(actor.organizationId, m.id), data: { status: "ACTIVE", deactivatedAt: null } });
    await audit({
      ...actor.audit,
      action: "member.reactivated",
      targetType: "membership",
      targetId: m.id,
      meta: { field: "status", from: "DEACTIVATED", to: "ACTIVE" },
    });
  });
  return { changed: true };
}

// ---- Teams ---------------------------------------------------------------------------------

export async function listTeams(actor: Actor) {
  assertCan(actor, "admin.manage");
  const teams = await prisma().team.findMany({
    where: { organizationId: actor.organizationId },
    select: { id: true, name: true, parentId: true, _count: { select: { memberships: true, children: true } } },
  });
  return teamTree(teams.map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, memberCount: t._count.memberships, childCount: t._count.children })));
}

async function orgTeam(actor: InOrg, teamId: string) {
  const team = await prisma().team.findFirst({ where: { id: teamId, organizationId: actor.organizationId }, select: { id: true, name: true, parentId: true } });
  if (!team) throw notFound();
  return team;
}

const nameTaken = () => {
  const msg = "There is already a team with this name. Choose another name.";
  return new ExpectedError("conflict", msg, { name: [msg] });
};

export async function createTeam(actor: Actor, input: { name: string; parentId?: string | null | undefined }) {
  assertCan(actor, "admin.manage");
  return createTeamBy(stewardOf(actor), input);
}

/**
 * Creates a team, by an admin or by provisioning; `also` runs in the same transaction (provisioning
 * records the group's externalId there).
 */
export async function createTeamBy(
  actor: Steward,
  input: { name: string; parentId?: string | null | undefined },
  also?: (tx: Prisma.TransactionClient, teamId: string) => Promise<void>,
) {
  await assertTeamInOrg(actor, input.parentId ?? null, "parentId");
  return auditedWrite(async (tx, audit) => {
    const team = await tx.team.create({
      data: { organizationId: actor.organizationId, name: input.name, parentId: input.parentId ?? null },
      select: { id: true },
    });
    await also?.(tx, team.id);
    await audit({
      ...actor.audit,
      action: "team.changed",
      targetType: "team",
      targetId: team.id,
      meta: { item: "team", change: "created", label: input.name },
    });
    return team;
  }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? nameTaken() : error;
  });
}

export async function renameTeam(actor: Actor, teamId: string, name: string) {
  assertCan(actor, "admin.manage");
  return renameTeamBy(stewardOf(actor), teamId, name);
}

/** Renames a team, by an admin or by provisioning. */
export async function renameTeamBy(actor: Steward, teamId: string, name: string) {
  const team = await orgTeam(actor, teamId);
  if (team.name === name) return { changed: false };
  await auditedWrite(async (tx, audit) => {
    await tx.team.update({ where: tenantKey(actor.organizationId, team.id), data: { name } });
    await audit({
      ...actor.audit,
      action: "team.changed",
      targetType: "team",
      targetId: team.id,
      meta: { field: "name", from: team.name, to: name },
    });
  }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? nameTaken() : error;
  });
  return { changed: true };
}

export async function moveTeam(actor: Actor, teamId: string, parentId: string | null) {
  assertCan(actor, "admin.manage");
  const team = await orgTeam(actor, teamId);
  if (team.parentId === parentId) return { changed: false };
  await assertTeamInOrg(actor, parentId, "parentId");
  const all = await prisma().team.findMany({ where: { organizationId: actor.organizationId }, select: { id: true, parentId: true } });
  if (wouldCreateTeamCycle(team.id, parentId, new Map(all.map((t) => [t.id, t.parentId])))) {
    const msg = "A team cannot sit inside itself or inside one of its own sub-teams.";
    throw new ExpectedError("invalid", msg, { parentId: [msg] });
  }
  await auditedWrite(async (tx, audit) => {
    await tx.team.update({ where: tenantKey(actor.organizationId, team.id), data: { parentId } });
    await audit({
      ...auditFromActor(actor),
      action: "team.changed",
      targetType: "team",
      targetId: team.id,
      meta: { field: "parent", from: team.parentId, to: parentId },
    });
  });
  return { changed: true };
}

export async function deleteTeam(actor: Actor, teamId: string) {
  assertCan(actor, "admin.manage");
  return deleteTeamBy(stewardOf(actor), teamId);
}

/** Deletes an empty team (no people, no sub-teams), by an admin or by provisioning. */
export async function deleteTeamBy(actor: Steward, teamId: string) {
  const team = await orgTeam(actor, teamId);
  const [members, children] = await Promise.all([
    prisma().membership.count({ where: { organizationId: actor.organizationId, teamId: team.id } }),
    prisma().team.count({ where: { organizationId: actor.organizationId, parentId: team.id } }),
  ]);
  if (members || children) {
    const parts = [
      members ? `${members} ${members === 1 ? "person" : "people"}` : null,
      children ? `${children} sub-team${children === 1 ? "" : "s"}` : null,
    ].filter(Boolean);
    throw new ExpectedError("conflict", `“${team.name}” still has ${parts.join(" and ")}. Move them to another team first.`);
  }
  await auditedWrite(async (tx, audit) => {
    await tx.team.delete({ where: tenantKey(actor.organizationId, team.id) });
    await audit({
      ...actor.audit,
      action: "team.changed",
      targetType: "team",
      targetId: team.id,
      meta: { item: "team", change: "deleted", label: team.name },
    });
  });
  return { deleted: true };
}

// ---- Audit log -----------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

function dayStart(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export async function listAuditEvents(actor: Actor, filter: AuditFilter = {}) {
  assertCan(actor, "admin.manage");
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = dayStart(filter.from);
  if (filter.to) createdAt.lt = new Date(dayStart(filter.to).getTime() + 86_400_000);
  const where: Prisma.AuditEventWhereInput = {
    organizationId: actor.organizationId,
    // Failed sign-ins are recorded once per account and once per address: show the account's.
    OR: [{ subject: null }, { NOT: { subject: { startsWith: "ip:" } } }],
    ...(filter.category ? { action: { in: [...AUDIT_CATEGORY_ACTIONS[filter.category]] } } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
  let cursor: { createdAt: Date; id: string } | null = null;
  if (filter.cursor) {
    cursor = await prisma().auditEvent.findFirst({ where: { id: filter.cursor, organizationId: actor.organizationId }, select: { createdAt: true, id: true } });
  }
  const rows = await prisma().auditEvent.findMany({
    where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
    select: {
      id: true,
      action: true,
      subject: true,
      targetType: true,
      targetId: true,
      meta: true,
      createdAt: true,
      actor: { select: { user: { select: { name: true } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);

  // Names for the ids the events mention, looked up inside this organisation only.
  // A target is any string (a provider, "SLACK", names a chat connection): only ids are looked up.
  const isId = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
  const ids = new Set<string>();
  for (const r of page) {
    if (isId(r.targetId)) ids.add(r.targetId);
    const meta = r.meta as Record<string, unknown> | null;
    if (meta && typeof meta === "object") {
      for (const key of ["from", "to", "teamId", "managerId"]) {
        const v = meta[key];
        if (isId(v)) ids.add(v);
      }
    }
  }
  const idList = [...ids];
  const [teams, people] = idList.length
    ? await Promise.all([
        prisma().team.findMany({ where: { organizationId: actor.organizationId, id: { in: idList } }, select: { id: true, name: true } }),
        prisma().membership.findMany({
          where: { organizationId: actor.organizationId, id: { in: idList } },
          select: { id: true, user: { select: { name: true } } },
        }),
      ])
    : [[], []];
  const names = new Map<string, string>([...teams.map((t) => [t.id, t.name] as const), ...people.map((p) => [p.id, p.user.name] as const)]);

  return {
    events: page.map((r) => ({
      id: r.id,
      action: r.action,
      label: auditActionLabel(r.action),
      at: r.createdAt,
      actorName: r.actor?.user.name ?? null,
      subject: r.subject,
      targetName:
        r.targetType === "membership" && r.targetId
          ? (names.get(r.targetId) ?? null)
          : r.targetType === "team" && r.targetId
            ? (names.get(r.targetId) ?? null)
            : null,
      details: describeAuditMeta(r.meta, names),
    })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}
