// Test data, built through the same data layer the app uses. Each test makes its own
// organisation, so files can run in parallel on one database.
import { randomUUID } from "node:crypto";
import { getDatabase } from "@/lib/db/registry";
import { createOrganizationWithAdmin } from "@/lib/db/organizations";
import { loadActor } from "@/lib/db/auth";
import { hashPassword } from "@/lib/platform/password";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { Role, Visibility } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";

export const PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.ripple.test`;
}

/** A new organisation with its admin; returns the admin as an actor. */
export async function makeOrganization(name = "Test Org"): Promise<{ admin: Actor; organizationId: string }> {
  const created = await createOrganizationWithAdmin({ organizationName: name, name: "Ada Admin", email: uniqueEmail("admin"), password: PASSWORD });
  const admin = await loadActor(created.userId, created.membershipId);
  if (!admin) throw new Error("admin not loadable");
  return { admin, organizationId: created.organizationId };
}

/** A person in an organisation, optionally in a team and with a manager. */
export async function makeMember(
  organizationId: string,
  opts: { role?: Role; teamId?: string | null; managerId?: string | null; name?: string; status?: "ACTIVE" | "DEACTIVATED" } = {},
): Promise<Actor & { password: string }> {
  const prisma = getDatabase().prisma;
  cachedHash ??= hashPassword(PASSWORD);
  const user = await prisma.user.create({ data: { email: uniqueEmail(), name: opts.name ?? "Test Person", passwordHash: await cachedHash } });
  const m = await prisma.membership.create({
    data: {
      organizationId,
      userId: user.id,
      role: opts.role ?? "EMPLOYEE",
      teamId: opts.teamId ?? null,
      managerId: opts.managerId ?? null,
      status: opts.status ?? "ACTIVE",
    },
  });
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return {
    userId: user.id,
    membershipId: m.id,
    organizationId,
    organizationName: org.name,
    role: m.role,
    teamId: m.teamId,
    managerId: m.managerId,
    name: user.name,
    email: user.email,
    password: PASSWORD,
  };
}

export async function makeTeam(organizationId: string, name = `Team ${randomUUID().slice(0, 6)}`, parentId: string | null = null) {
  return getDatabase().prisma.team.create({ data: { organizationId, name, parentId } });
}

/**
 * The organisation most report tests read: teams T1 > T1a, and T2; lnd (L&D, no team), mgr
 * (manager, T1), e1 (T1, reports to mgr), e2 (T1a, reports to e1, so in mgr's subtree), e3 (T2,
 * no manager), and the admin. Team and people's names are the file's own where it gives them.
 */
export async function makeReportOrganization(
  name: string,
  opts: { teams?: { T1: string; T1a: string; T2: string }; names?: { lnd: string; mgr: string; e1: string; e2: string; e3: string } } = {},
) {
  const { admin, organizationId } = await makeOrganization(name);
  const teamNames = opts.teams ?? { T1: "T1", T1a: "T1a", T2: "T2" };
  const T1 = (await makeTeam(organizationId, teamNames.T1)).id;
  const T1a = (await makeTeam(organizationId, teamNames.T1a, T1)).id;
  const T2 = (await makeTeam(organizationId, teamNames.T2)).id;
  const names = opts.names;
  const lnd = await makeMember(organizationId, { role: "LND", name: names?.lnd });
  const mgr = await makeMember(organizationId, { role: "MANAGER", teamId: T1, name: names?.mgr });
  const e1 = await makeMember(organizationId, { teamId: T1, managerId: mgr.membershipId, name: names?.e1 });
  const e2 = await makeMember(organizationId, { teamId: T1a, managerId: e1.membershipId, name: names?.e2 });
  const e3 = await makeMember(organizationId, { teamId: T2, name: names?.e3 });
  return { admin, organizationId, T1, T1a, T2, lnd, mgr, e1, e2, e3 };
}

/** A day ("2025-01-10" is 09:00 UTC that day), an ISO instant, or a Date. */
export type Day = string | Date;

/** "2025-01-10" is 09:00 UTC that day; an ISO instant or a Date is taken as it is. */
export function day(value: Day): Date {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T09:00:00.000Z` : value);
}

export type EntrySpec = {
  cycle: Cycle;
  /** When it was recorded (default: the database's now). */
  at?: Day;
  keys?: string[];
  narrative?: string;
  /** A figure; confirmed when confirmedBy is given, at confirmedAt (default: the entry's `at`). */
  figure?: { value: number; unit: string; confirmedBy?: string; confirmedAt?: Day };
};

export type ContributorSpec = { membershipId?: string; externalName?: string; platform?: string; tie?: "STRONG" | "WEAK"; insideOrg?: boolean };

export type StorySpec = {
  author: Actor;
  title: string;
  /** When it happened (default: the clock's now). */
  at?: Day;
  /** Default ORG (a captured story keeps the organisation's default unless given). */
  visibility?: Visibility;
  /** Default PUBLISHED (a captured story stays a DRAFT unless given). */
  status?: "DRAFT" | "PUBLISHED";
  narrative?: string;
  /** A channel's key (default: none; "social" for a captured story). */
  channel?: string;
  tags?: string[];
  entries?: EntrySpec[];
  contributors?: ContributorSpec[];
  highlighted?: { at: Day; by?: string };
  /** In the bin since then. */
  deletedAt?: Day | null;
  /**
   * Captured the way people do (lib/db/stories quickCapture: its audit event, its first entry
   * in startCycle), then grown directly in the database with what else is given. Otherwise the
   * rows are written directly.
   */
  captured?: boolean;
  startCycle?: Cycle;
};

function entryData(e: EntrySpec) {
  const recordedAt = e.at === undefined ? undefined : day(e.at);
  const confirmedAt = e.figure?.confirmedAt ?? e.at;
  return {
    cycle: e.cycle,
    ...(e.narrative === undefined ? {} : { narrative: e.narrative }),
    ...(recordedAt ? { recordedAt } : {}),
    ...(e.keys ? { indicatorKeys: e.keys } : {}),
    figureValue: e.figure?.value ?? null,
    figureUnit: e.figure?.unit ?? null,
    confirmedById: e.figure?.confirmedBy ?? null,
    confirmedAt: e.figure?.confirmedBy && confirmedAt !== undefined ? day(confirmedAt) : null,
  };
}

function contributorData(c: ContributorSpec) {
  return {
    membershipId: c.membershipId ?? null,
    externalName: c.externalName ?? null,
    platform: c.platform ?? null,
    insideOrg: c.insideOrg ?? c.membershipId !== undefined,
    tieStrength: c.tie ?? "WEAK",
  };
}

async function tagsOf(organizationId: string, names: string[]) {
  const prisma = getDatabase().prisma;
  return Promise.all(
    names.map((name) => prisma.tag.upsert({ where: { organizationId_name: { organizationId, name } }, create: { organizationId, name }, update: {} })),
  );
}

/** A story of the spec's author, in their organisation (see StorySpec); returns its id. */
export async function makeStory(s: StorySpec): Promise<string> {
  if (s.captured) return captureStory(s);
  const prisma = getDatabase().prisma;
  const org = s.author.organizationId;
  const channel = s.channel === undefined ? null : await prisma.channel.findFirstOrThrow({ where: { organizationId: org, key: s.channel } });
  const tags = await tagsOf(org, s.tags ?? []);
  const story = await prisma.story.create({
    data: {
      organizationId: org,
      authorId: s.author.membershipId,
      title: s.title,
      ...(s.narrative === undefined ? {} : { narrative: s.narrative }),
      occurredAt: s.at === undefined ? now() : day(s.at),
      channelId: channel?.id ?? null,
      visibility: s.visibility ?? "ORG",
      status: s.status ?? "PUBLISHED",
      highlightedAt: s.highlighted ? day(s.highlighted.at) : null,
      highlightedById: s.highlighted?.by ?? null,
      deletedAt: s.deletedAt ? day(s.deletedAt) : null,
      // The organisation of nested rows is the story's (their keys include it).
      entries: { create: (s.entries ?? []).map(entryData) },
      contributors: { create: (s.contributors ?? []).map(contributorData) },
      tags: { create: tags.map((t) => ({ tagId: t.id })) },
    },
    select: { id: true },
  });
  return story.id;
}

async function captureStory(s: StorySpec): Promise<string> {
  const { quickCapture } = await import("@/lib/db/stories");
  const { quickCaptureSchema } = await import("@/lib/validation/story");
  const prisma = getDatabase().prisma;
  const org = s.author.organizationId;
  const { id } = await quickCapture(s.author, quickCaptureSchema.parse({ what: s.title, channel: s.channel ?? "social", startCycle: s.startCycle }));
  const data = {
    ...(s.at === undefined ? {} : { occurredAt: day(s.at) }),
    ...(s.visibility === undefined ? {} : { visibility: s.visibility }),
    ...(s.status === undefined ? {} : { status: s.status }),
    ...(s.narrative === undefined ? {} : { narrative: s.narrative }),
    ...(s.highlighted ? { highlightedAt: day(s.highlighted.at), highlightedById: s.highlighted.by ?? null } : {}),
    ...(s.deletedAt ? { deletedAt: day(s.deletedAt) } : {}),
  };
  if (Object.keys(data).length > 0) await prisma.story.update({ where: { organizationId_id: { organizationId: org, id } }, data });
  for (const e of s.entries ?? []) {
    const { cycle, ...rest } = entryData(e);
    await prisma.cycleEntry.upsert({
      where: { organizationId_storyId_cycle: { organizationId: org, storyId: id, cycle } },
      create: { organizationId: org, storyId: id, cycle, ...rest },
      update: rest,
    });
  }
  for (const tag of await tagsOf(org, s.tags ?? [])) await prisma.storyTag.create({ data: { organizationId: org, storyId: id, tagId: tag.id } });
  if (s.contributors?.length)
    await prisma.contributor.createMany({ data: s.contributors.map((c) => ({ organizationId: org, storyId: id, ...contributorData(c) })) });
  return id;
}

/** A real 1x1 PNG. */
export const TINY_PNG_BYTES = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);
