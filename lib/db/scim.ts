import "server-only";
// SCIM provisioning's data (README "Provisioning with SCIM"): the organisation's bearer token,
// and the people and teams an identity provider creates, changes and deactivates. Every read and
// write is scoped to the token's organisation. Changes to a person's team, manager and status go
// through the same functions as Admin › People (lib/db/admin.ts, as a Steward), so provisioning
// follows the same rules; each write and its audit event share one transaction.
import { createHash, randomBytes } from "node:crypto";
import { assertCan } from "./access";
import { changeMember, createTeamBy, deactivateMembership, deleteTeamBy, reactivateMembership, renameTeamBy, type Steward } from "./admin";
import { auditFromActor, auditedWrite } from "./audit";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import {
  personName,
  ScimError,
  type Criteria,
  type GroupChanges,
  type GroupCriteria,
  type ScimPerson,
  type ScimTeam,
  type UserChanges,
  type UserCriteria,
} from "@/lib/domain/scim";
import { now } from "@/lib/platform/clock";
import { ExpectedError, isUniqueViolation } from "@/lib/platform/errors";
import { ENTERPRISE_KEY, scimExternalId, scimTeamName, scimUserName, type ScimUserInput } from "@/lib/validation/scim";

// ---- The token --------------------------------------------------------------------------------

const TOKEN_PREFIX = "rscim_";

export function hashScimToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Who calls /scim/v2: the organisation of a live token. */
export type ScimClient = { organizationId: string; tokenId: string; prefix: string };

export type ScimTokenStatus = { prefix: string; createdAt: Date; createdByName: string | null; lastUsedAt: Date | null } | null;

/** The organisation's live token, as Admin › Provisioning shows it (never the token itself). */
export async function getScimTokenStatus(actor: Actor): Promise<ScimTokenStatus> {
  assertCan(actor, "admin.manage");
  const t = await prisma().scimToken.findFirst({
    where: { organizationId: actor.organizationId, revokedAt: null },
    select: { prefix: true, createdAt: true, lastUsedAt: true, createdBy: { select: { user: { select: { name: true } } } } },
    orderBy: { createdAt: "desc" },
  });
  return t ? { prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, createdByName: t.createdBy?.user.name ?? null } : null;
}

/**
 * Makes the organisation's token (32 random bytes), revoking the one before it (rotation), and
 * returns it: the only time it is seen. Only its SHA-256 is stored; audited in the same transaction.
 */
export async function issueScimToken(actor: Actor): Promise<{ token: string; prefix: string }> {
  assertCan(actor, "admin.manage");
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, 12);
  const at = now();
  await auditedWrite(async (tx, audit) => {
    const revoked = await tx.scimToken.updateMany({ where: { organizationId: actor.organizationId, revokedAt: null }, data: { revokedAt: at } });
    const row = await tx.scimToken.create({
      data: { organizationId: actor.organizationId, tokenHash: hashScimToken(token), prefix, createdById: actor.membershipId, createdAt: at },
      select: { id: true },
    });
    await audit({
      ...auditFromActor(actor),
      action: "scim.token_created",
      targetType: "scim_token",
      targetId: row.id,
      meta: { prefix, rotated: revoked.count > 0 },
    });
  });
  return { token, prefix };
}

/** Revokes the organisation's token: provisioning stops until a new one is made. */
export async function revokeScimToken(actor: Actor): Promise<{ revoked: boolean }> {
  assertCan(actor, "admin.manage");
  const live = await prisma().scimToken.findFirst({ where: { organizationId: actor.organizationId, revokedAt: null }, select: { id: true, prefix: true } });
  if (!live) return { revoked: false };
  await auditedWrite(async (tx, audit) => {
    await tx.scimToken.updateMany({ where: { organizationId: actor.organizationId, revokedAt: null }, data: { revokedAt: now() } });
    await audit({ ...auditFromActor(actor), action: "scim.token_revoked", targetType: "scim_token", targetId: live.id, meta: { prefix: live.prefix } });
  });
  return { revoked: true };
}

/** How often "last used" is written: at most once a minute per token, not on every request of a sync. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** The client of a bearer token, or null (unknown or revoked). Found by the token's hash alone. */
export async function authenticateScimToken(token: string): Promise<ScimClient | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await prisma().scimToken.findFirst({
    where: { tokenHash: hashScimToken(token), revokedAt: null },
    select: { id: true, organizationId: true, prefix: true, lastUsedAt: true },
  });
  if (!row) return null;
  const at = now();
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > LAST_USE_RESOLUTION_MS) {
    await prisma().scimToken.updateMany({ where: { organizationId: row.organizationId, id: row.id }, data: { lastUsedAt: at } });
  }
  return { organizationId: row.organizationId, tokenId: row.id, prefix: row.prefix };
}

/** Provisioning as a steward of the organisation's people: no membership; audited as the token. */
function stewardFor(client: ScimClient): Steward {
  return {
    organizationId: client.organizationId,
    membershipId: null,
    audit: { organizationId: client.organizationId, actorId: null, subject: `SCIM provisioning (token ${client.prefix}…)` },
  };
}

/** Errors of the shared admin functions (a loop in the reporting line, the last admin) in SCIM's words. */
function asScim<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof ExpectedError) {
      if (error.code === "invalid") throw new ScimError(400, error.message, "invalidValue");
      if (error.code === "conflict") throw new ScimError(409, error.message, "uniqueness");
      if (error.code === "not_found") throw new ScimError(404, "Resource not found.");
    }
    throw error;
  });
}

// ---- Users ------------------------------------------------------------------------------------

const personSelect = {
  id: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  userId: true,
  user: { select: { email: true, name: true } },
  team: { select: { name: true } },
  managerId: true,
  manager: { select: { user: { select: { name: true } } } },
  scimUser: { select: { externalId: true, removedAt: true } },
} satisfies Prisma.MembershipSelect;

function person(m: Prisma.MembershipGetPayload<{ select: typeof personSelect }>): ScimPerson {
  return {
    id: m.id,
    email: m.user.email,
    name: m.user.name,
    active: m.status === "ACTIVE",
    externalId: m.scimUser?.externalId ?? null,
    teamName: m.team?.name ?? null,
    managerId: m.managerId,
    managerName: m.manager?.user.name ?? null,
    created: m.createdAt,
    lastModified: m.updatedAt,
  };
}

/** People SCIM sees: the organisation's, but those it deleted. */
function visiblePeople(organizationId: string): Prisma.MembershipWhereInput {
  return { organizationId, OR: [{ scimUser: null }, { scimUser: { removedAt: null } }] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listScimUsers(client: ScimClient, criteria: Criteria<UserCriteria>, startIndex: number, count: number) {
  if (criteria.none) return { total: 0, people: [] };
  const c = criteria.where;
  if (c.id !== undefined && !UUID.test(c.id)) return { total: 0, people: [] };
  const emails = [c.userName, c.email].filter((e): e is string => e !== undefined).map((e) => e.toLowerCase());
  if (new Set(emails).size > 1) return { total: 0, people: [] };
  const where: Prisma.MembershipWhereInput = {
    AND: [
      visiblePeople(client.organizationId),
      ...(c.id !== undefined ? [{ id: c.id }] : []),
      ...(emails.length ? [{ user: { email: emails[0]! } }] : []),
      ...(c.externalId !== undefined ? [{ scimUser: { externalId: c.externalId } }] : []),
    ],
  };
  const [total, rows] = await Promise.all([
    prisma().membership.count({ where }),
    count === 0
      ? Promise.resolve([])
      : prisma().membership.findMany({ where, select: personSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  return { total, people: rows.map(person) };
}

async function findPerson(client: ScimClient, id: string) {
  if (!UUID.test(id)) throw new ScimError(404, "User not found.");
  const m = await prisma().membership.findFirst({ where: { AND: [visiblePeople(client.organizationId), { id }] }, select: personSelect });
  if (!m) throw new ScimError(404, "User not found.");
  return m;
}

export async function getScimUser(client: ScimClient, id: string): Promise<ScimPerson> {
  return person(await findPerson(client, id));
}

/** The manager a SCIM value names: Ripple's id (what Entra ID sends), else a provisioned person's externalId (Okta). */
async function resolveManager(client: ScimClient, value: string | null, self: string | null): Promise<string | null> {
  if (value === null) return null;
  const m = await prisma().membership.findFirst({
    where: {
      AND: [
        visiblePeople(client.organizationId),
        { status: "ACTIVE" },
        UUID.test(value) ? { OR: [{ id: value }, { scimUser: { externalId: value } }] } : { scimUser: { externalId: value } },
      ],
    },
    select: { id: true },
  });
  if (!m) throw new ScimError(400, "The manager is not an active person of this organisation (provision the manager first).", "invalidValue");
  if (m.id === self) throw new ScimError(400, "A person cannot be their own manager.", "invalidValue");
  return m.id;
}

/**
 * The organisation's teams with this name, in any case. lower() = lower(), not Prisma's
 * case-insensitive `equals`: that is an ILIKE, and a name ending in a backslash is no pattern to it (a 500).
 */
async function teamsNamed(organizationId: string, name: string): Promise<string[]> {
  const rows = await prisma().$queryRaw<{ id: string }[]>`
    SELECT id FROM "Team" WHERE "organizationId" = ${organizationId}::uuid AND lower(name) = lower(${name}) ORDER BY "createdAt", id`;
  return rows.map((r) => r.id);
}

/** The team a department names (case-insensitive); created at the top level if the organisation has none by that name. */
async function departmentTeam(client: ScimClient, name: string | null): Promise<string | null> {
  if (name === null || name.trim() === "") return null;
  const parsed = scimTeamName.safeParse(name);
  if (!parsed.success) throw new ScimError(400, parsed.error.issues[0]!.message, "invalidValue");
  const [existing] = await teamsNamed(client.organizationId, parsed.data);
  if (existing) return existing;
  const team = await asScim(createTeamBy(stewardFor(client), { name: parsed.data }));
  return team.id;
}

function parseOr400<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ScimError(400, r.error.issues[0]!.message, "invalidValue");
  return r.data;
}

/** What a POST or PUT body says, as a change set (the same shape a PATCH reads into). */
export function userInputChanges(input: ScimUserInput): UserChanges {
  const enterprise = input[ENTERPRISE_KEY];
  const manager = enterprise?.manager;
  return {
    userName: input.username,
    ...(input.displayname ? { displayName: input.displayname } : {}),
    ...(input.name?.givenname !== undefined ? { givenName: input.name.givenname ?? null } : {}),
    ...(input.name?.familyname !== undefined ? { familyName: input.name.familyname ?? null } : {}),
    ...(input.name?.formatted ? { formattedName: input.name.formatted } : {}),
    // A PUT replaces what it names: what it leaves out (an attribute the provider does not map)
    // stays as it is, so an admin's manager or team is not cleared by a provider that never sends one.
    ...(input.externalid !== undefined ? { externalId: input.externalid } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(manager !== undefined ? { manager: manager === null ? null : typeof manager === "string" ? manager || null : (manager.value ?? null) } : {}),
    ...(enterprise?.department !== undefined ? { department: enterprise.department } : {}),
  };
}

const ELSEWHERE = "This e-mail address belongs to a person of another organisation in Ripple; they cannot be provisioned here.";

/** Whether the account with this e-mail has a membership in another organisation. */
async function belongsElsewhere(organizationId: string, email: string, tx: Pick<ReturnType<typeof prisma>, "membership"> = prisma()): Promise<boolean> {
  const other = await tx.membership.findFirst({ where: { user: { email }, NOT: { organizationId } }, select: { id: true } });
  return other !== null;
}

/**
 * POST /Users: a new person in the organisation, or back again one SCIM deleted before. Their
 * account is found by e-mail (one account across organisations) or made without a password: they
 * sign in with single sign-on, or set a password with "Forgot your password?".
 */
export async function createScimUser(client: ScimClient, changes: UserChanges): Promise<ScimPerson> {
  const email = parseOr400(scimUserName, changes.userName);
  const externalId = changes.externalId == null ? null : parseOr400(scimExternalId, changes.externalId);
  const existing = await prisma().membership.findFirst({
    where: { organizationId: client.organizationId, user: { email } },
    select: { id: true, scimUser: { select: { removedAt: true } } },
  });
  if (existing && !existing.scimUser?.removedAt) throw new ScimError(409, "A person with this userName already exists in this organisation.", "uniqueness");
  // An account that belongs to another organisation is not this one's to take (as an invitation
  // refuses it): its name, its sign-in and its sessions are the other organisation's business.
  if (!existing && (await belongsElsewhere(client.organizationId, email))) throw new ScimError(409, ELSEWHERE, "uniqueness");
  if (externalId !== null) await assertExternalIdFree(client, externalId, existing?.id ?? null);
  const managerId = await resolveManager(client, changes.manager ?? null, existing?.id ?? null);
  const teamId = await departmentTeam(client, changes.department ?? null);
  const name = personName({
    displayName: changes.displayName ?? null,
    givenName: changes.givenName ?? null,
    familyName: changes.familyName ?? null,
    formatted: changes.formattedName ?? null,
    userName: email,
  });
  const steward = stewardFor(client);

  if (existing) {
    // Deleted by SCIM before: the same membership comes back, with what this POST says.
    await auditedWrite(async (tx, audit) => {
      await tx.scimUser.update({
        where: { organizationId_membershipId: { organizationId: client.organizationId, membershipId: existing.id } },
        data: { removedAt: null, externalId },
      });
      await audit({ ...steward.audit, action: "scim.user_created", targetType: "membership", targetId: existing.id, meta: { returned: true } });
    }).catch(externalIdTaken);
    await applyUserChanges(client, existing.id, { ...changes, userName: email, externalId });
    return getScimUser(client, existing.id);
  }

  const at = now();
  const id = await auditedWrite(async (tx, audit) => {
    if (await belongsElsewhere(client.organizationId, email, tx)) throw new ScimError(409, ELSEWHERE, "uniqueness");
    const user =
      (await tx.user.findUnique({ where: { email }, select: { id: true } })) ?? (await tx.user.create({ data: { email, name }, select: { id: true } }));
    const m = await tx.membership.create({
      data: {
        organizationId: client.organizationId,
        userId: user.id,
        role: "EMPLOYEE",
        status: changes.active === false ? "DEACTIVATED" : "ACTIVE",
        deactivatedAt: changes.active === false ? at : null,
        teamId,
        managerId,
      },
      select: { id: true },
    });
    await tx.scimUser.create({ data: { organizationId: client.organizationId, membershipId: m.id, externalId } });
    await audit({
      ...steward.audit,
      action: "scim.user_created",
      targetType: "membership",
      targetId: m.id,
      meta: { active: changes.active !== false, team: teamId, manager: managerId },
    });
    return m.id;
  }).catch(externalIdTaken);
  return getScimUser(client, id);
}

function externalIdTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new ScimError(409, "Another person of this organisation already has this externalId or userName.", "uniqueness");
  throw error;
}

async function assertExternalIdFree(client: ScimClient, externalId: string, self: string | null) {
  const other = await prisma().scimUser.findFirst({
    where: { organizationId: client.organizationId, externalId, ...(self ? { NOT: { membershipId: self } } : {}) },
    select: { membershipId: true },
  });
  if (other) throw new ScimError(409, "Another person of this organisation already has this externalId.", "uniqueness");
}

/**
 * PATCH or PUT /Users/{id}: applies a change set. Everything is checked first (the e-mail, the
 * manager, the team), then written: name and e-mail, externalId, team and manager (Admin ›
 * People's changeMember), then the status (its deactivate and reactivate). Each write is
 * audited in its own transaction.
 */
export async function applyUserChanges(client: ScimClient, id: string, changes: UserChanges): Promise<ScimPerson> {
  const m = await findPerson(client, id);
  const steward = stewardFor(client);
  const email =
    changes.userName !== undefined
      ? parseOr400(scimUserName, changes.userName)
      : changes.email !== undefined
        ? parseOr400(scimUserName, changes.email)
        : undefined;
  const externalId = changes.externalId === undefined || changes.externalId === null ? changes.externalId : parseOr400(scimExternalId, changes.externalId);
  // Ripple keeps one name: a PATCH of one part (name.familyName alone) cannot rebuild it, so the
  // name changes with displayName, name.formatted, or both given and family names.
  const nameGiven =
    changes.displayName !== undefined || changes.formattedName !== undefined || (changes.givenName !== undefined && changes.familyName !== undefined);
  const name = nameGiven
    ? personName({
        displayName: changes.displayName ?? null,
        givenName: changes.givenName ?? null,
        familyName: changes.familyName ?? null,
        formatted: changes.formattedName ?? null,
        userName: m.user.email,
      })
    : undefined;
  const managerId = changes.manager === undefined ? undefined : await resolveManager(client, changes.manager, m.id);
  if (externalId) await assertExternalIdFree(client, externalId, m.id);
  // The account (e-mail, name) is the person's across organisations: one organisation's identity
  // provider changes it only while the person belongs to that organisation alone.
  const elsewhere = await prisma().membership.count({ where: { userId: m.userId, NOT: { organizationId: client.organizationId } } });
  const newEmail = email !== undefined && email !== m.user.email ? email : undefined;
  if (newEmail && elsewhere)
    throw new ScimError(400, "This person also belongs to another organisation: their e-mail (userName) can only be changed by them.", "mutability");
  if (newEmail && (await prisma().user.findUnique({ where: { email: newEmail }, select: { id: true } }))) {
    throw new ScimError(409, "Another account already has this userName.", "uniqueness");
  }
  const newName = name !== undefined && name !== m.user.name && !elsewhere ? name : undefined;
  const teamId = changes.department === undefined ? undefined : await departmentTeam(client, changes.department);

  const fields: string[] = [];
  if (newEmail) fields.push("userName");
  if (newName) fields.push("name");
  if (externalId !== undefined && externalId !== (m.scimUser?.externalId ?? null)) fields.push("externalId");
  if (fields.length) {
    await auditedWrite(async (tx, audit) => {
      if (newEmail || newName)
        await tx.user.update({ where: { id: m.userId }, data: { ...(newEmail ? { email: newEmail } : {}), ...(newName ? { name: newName } : {}) } });
      if (externalId !== undefined) {
        await tx.scimUser.upsert({
          where: { organizationId_membershipId: { organizationId: client.organizationId, membershipId: m.id } },
          create: { organizationId: client.organizationId, membershipId: m.id, externalId },
          update: { externalId },
        });
      }
      await audit({ ...steward.audit, action: "scim.user_updated", targetType: "membership", targetId: m.id, meta: { fields } });
    }).catch(externalIdTaken);
  }
  if (managerId !== undefined || teamId !== undefined) {
    await asScim(changeMember(steward, m.id, { ...(managerId !== undefined ? { managerId } : {}), ...(teamId !== undefined ? { teamId } : {}) }));
  }
  if (changes.active === false) await asScim(deactivateMembership(steward, m.id));
  if (changes.active === true) await asScim(reactivateMembership(steward, m.id));
  return getScimUser(client, m.id);
}

/** DELETE /Users/{id}: the person is deactivated (their stories stay, under the organisation's policy) and SCIM no longer sees them. */
export async function deleteScimUser(client: ScimClient, id: string): Promise<void> {
  const m = await findPerson(client, id);
  const steward = stewardFor(client);
  await asScim(deactivateMembership(steward, m.id));
  await auditedWrite(async (tx, audit) => {
    await tx.scimUser.upsert({
      where: { organizationId_membershipId: { organizationId: client.organizationId, membershipId: m.id } },
      create: { organizationId: client.organizationId, membershipId: m.id, externalId: null, removedAt: now() },
      update: { removedAt: now() },
    });
    await audit({ ...steward.audit, action: "scim.user_deleted", targetType: "membership", targetId: m.id });
  });
}

// ---- Groups (teams) ----------------------------------------------------------------------------

const teamSelect = {
  id: true,
  name: true,
  createdAt: true,
  scimGroup: { select: { externalId: true } },
  memberships: { select: { id: true, user: { select: { name: true } } }, orderBy: { createdAt: "asc" }, take: 10_000 },
} satisfies Prisma.TeamSelect;

function team(t: Prisma.TeamGetPayload<{ select: typeof teamSelect }>): ScimTeam {
  return {
    id: t.id,
    name: t.name,
    externalId: t.scimGroup?.externalId ?? null,
    created: t.createdAt,
    members: t.memberships.map((m) => ({ id: m.id, name: m.user.name })),
  };
}

export async function listScimGroups(client: ScimClient, criteria: Criteria<GroupCriteria>, startIndex: number, count: number) {
  if (criteria.none) return { total: 0, teams: [] };
  const c = criteria.where;
  if (c.id !== undefined && !UUID.test(c.id)) return { total: 0, teams: [] };
  const where: Prisma.TeamWhereInput = {
    organizationId: client.organizationId,
    ...(c.id !== undefined ? { id: c.id } : {}),
    ...(c.displayName !== undefined ? { AND: [{ id: { in: await teamsNamed(client.organizationId, c.displayName) } }] } : {}),
    ...(c.externalId !== undefined ? { scimGroup: { externalId: c.externalId } } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma().team.count({ where }),
    count === 0
      ? Promise.resolve([])
      : prisma().team.findMany({ where, select: teamSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  return { total, teams: rows.map(team) };
}

async function findTeam(client: ScimClient, id: string) {
  if (!UUID.test(id)) throw new ScimError(404, "Group not found.");
  const t = await prisma().team.findFirst({ where: { organizationId: client.organizationId, id }, select: teamSelect });
  if (!t) throw new ScimError(404, "Group not found.");
  return t;
}

export async function getScimGroup(client: ScimClient, id: string): Promise<ScimTeam> {
  return team(await findTeam(client, id));
}

/** The people a member list names, all of this organisation's (else 400: nothing is written). */
async function resolveMembers(client: ScimClient, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (unique.some((id) => !UUID.test(id))) throw new ScimError(400, "A member is not a person of this organisation.", "invalidValue");
  const found = await prisma().membership.findMany({ where: { AND: [visiblePeople(client.organizationId), { id: { in: unique } }] }, select: { id: true } });
  if (found.length !== unique.length) throw new ScimError(400, "A member is not a person of this organisation.", "invalidValue");
  return unique;
}

/** POST /Groups: a new team. Its members move into it (a person is in one team in Ripple). */
export async function createScimGroup(client: ScimClient, input: { displayName: string; externalId: string | null; members: string[] }): Promise<ScimTeam> {
  const members = await resolveMembers(client, input.members);
  const steward = stewardFor(client);
  const { id } = await asScim(
    createTeamBy(steward, { name: input.displayName }, async (tx, teamId) => {
      await tx.scimGroup.create({ data: { organizationId: client.organizationId, teamId, externalId: input.externalId } });
    }).catch(externalIdTaken),
  );
  for (const m of members) await asScim(changeMember(steward, m, { teamId: id }));
  return getScimGroup(client, id);
}

/** PATCH or PUT /Groups/{id}: name, externalId, members added, removed or replaced. */
export async function applyGroupChanges(client: ScimClient, id: string, changes: GroupChanges): Promise<ScimTeam> {
  const t = await findTeam(client, id);
  const steward = stewardFor(client);
  const name = changes.displayName === undefined ? undefined : parseOr400(scimTeamName, changes.displayName);
  const externalId = changes.externalId === undefined || changes.externalId === null ? changes.externalId : parseOr400(scimExternalId, changes.externalId);
  const current = new Set(t.memberships.map((m) => m.id));
  const target = changes.replaceMembers ? new Set(await resolveMembers(client, changes.replaceMembers)) : null;
  const add = target ? [...target].filter((m) => !current.has(m)) : (await resolveMembers(client, changes.add)).filter((m) => !current.has(m));
  // Removing someone who is not a member changes nothing (RFC 7644 §3.5.2.2), so unknown ids are not an error.
  const remove = target ? [...current].filter((m) => !target.has(m)) : [...new Set(changes.remove)].filter((m) => current.has(m));

  if (name !== undefined && name !== t.name) await asScim(renameTeamBy(steward, t.id, name));
  if (externalId !== undefined && externalId !== (t.scimGroup?.externalId ?? null)) {
    await auditedWrite(async (tx, audit) => {
      await tx.scimGroup.upsert({
        where: { organizationId_teamId: { organizationId: client.organizationId, teamId: t.id } },
        create: { organizationId: client.organizationId, teamId: t.id, externalId },
        update: { externalId },
      });
      await audit({
        ...steward.audit,
        action: "team.changed",
        targetType: "team",
        targetId: t.id,
        meta: { field: "externalId", from: t.scimGroup?.externalId ?? null, to: externalId },
      });
    }).catch(externalIdTaken);
  }
  for (const m of add) await asScim(changeMember(steward, m, { teamId: t.id }));
  for (const m of remove) await asScim(changeMember(steward, m, { teamId: null }));
  return getScimGroup(client, t.id);
}

/** DELETE /Groups/{id}: its people leave it (they stay in the organisation), then the team goes. A team with sub-teams is refused (409). */
export async function deleteScimGroup(client: ScimClient, id: string): Promise<void> {
  const t = await findTeam(client, id);
  const steward = stewardFor(client);
  const children = await prisma().team.count({ where: { organizationId: client.organizationId, parentId: t.id } });
  if (children) throw new ScimError(409, "This team has sub-teams in Ripple: move them first (Admin › Teams).", "mutability");
  for (const m of t.memberships) await asScim(changeMember(steward, m.id, { teamId: null }));
  await asScim(deleteTeamBy(steward, t.id));
}
