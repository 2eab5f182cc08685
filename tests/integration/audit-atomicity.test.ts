// A failed write writes nothing: every audited write and its audit event commit together. Here
// the database itself refuses the audit step (a trigger on AuditEvent that raises for this
// test's organisation only, so files running side by side on one PostgreSQL server are not
// touched), and each kind of audited write must then leave the organisation exactly as it was:
// channels, indicators, settings, teams and renames, members, invites, stories, and sign-up.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeMember, makeOrganization, makeTeam, PASSWORD, uniqueEmail } from "../factories";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));
vi.mock("next/cache", () => import("../support/next-request"));

const { getDatabase } = await import("@/lib/db/registry");
const admin_ = await import("@/lib/db/admin");
const settings = await import("@/lib/db/org-settings");
const invites = await import("@/lib/db/invites");
const { quickCapture } = await import("@/lib/db/stories");
const { getStoryForEditing, saveStoryDocument, setStoryStatus } = await import("@/lib/db/story-editor");
const { eraseStory, trashStory } = await import("@/lib/db/trash");
const { createOrganizationWithAdmin } = await import("@/lib/db/organizations");
const { addChannelAction } = await import("@/lib/actions/org-settings");

const db = () => getDatabase().prisma;

/** Tables that hold an organisation's rows (all but the audit log, which the failure is about). */
const ORG_TABLES = [
  "Team",
  "Membership",
  "Channel",
  "Indicator",
  "Story",
  "CycleEntry",
  "Evidence",
  "Contributor",
  "Tag",
  "StoryTag",
  "Comment",
  "StoryReading",
  "Reflection",
  "FollowUp",
  "Notification",
  "Invite",
];

/** Everything an organisation holds, as one comparable text (rows in id order). */
async function fingerprint(organizationId: string): Promise<string> {
  const parts: string[] = [];
  const org = await db().$queryRawUnsafe<{ row: string }[]>(`SELECT o::text AS row FROM "Organization" o WHERE id = CAST($1 AS uuid)`, organizationId);
  parts.push(org.map((r) => r.row).join("\n"));
  for (const table of ORG_TABLES) {
    const rows = await db().$queryRawUnsafe<{ row: string }[]>(
      `SELECT t::text AS row FROM "${table}" t WHERE "organizationId" = CAST($1 AS uuid) ORDER BY 1`,
      organizationId,
    );
    parts.push(`${table}: ${rows.map((r) => r.row).join("\n")}`);
  }
  const users = await db().$queryRawUnsafe<{ row: string }[]>(
    `SELECT u::text AS row FROM "User" u WHERE u.id IN (SELECT "userId" FROM "Membership" WHERE "organizationId" = CAST($1 AS uuid)) ORDER BY 1`,
    organizationId,
  );
  parts.push(`User: ${users.map((r) => r.row).join("\n")}`);
  return parts.join("\n--\n");
}

const auditCount = async (organizationId: string) => db().auditEvent.count({ where: { organizationId } });

let trigger: string | null = null;

/** From now on the database refuses every audit event of this organisation (or with this subject). */
async function failAuditsFor(organizationId: string, subject = "none@invalid") {
  await db().$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION "_test_refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$`,
  );
  trigger = `_test_refuse_audit_${randomUUID().replaceAll("-", "")}`;
  await db().$executeRawUnsafe(
    `CREATE TRIGGER "${trigger}" BEFORE INSERT ON "AuditEvent" FOR EACH ROW WHEN (NEW."organizationId" = '${organizationId}'::uuid OR NEW."subject" = '${subject}') EXECUTE FUNCTION "_test_refuse_audit"()`,
  );
}

afterEach(async () => {
  if (trigger) await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${trigger}" ON "AuditEvent"`);
  trigger = null;
  session.actor = null;
});

type World = Awaited<ReturnType<typeof world>>;
async function world() {
  const { admin, organizationId } = await makeOrganization("Atomic Org");
  const team = await makeTeam(organizationId, "Platform");
  const other = await makeTeam(organizationId, "Support");
  const manager = await makeMember(organizationId, { role: "MANAGER", teamId: team.id, name: "Maya" });
  const employee = await makeMember(organizationId, { role: "EMPLOYEE", teamId: team.id, managerId: manager.membershipId, name: "Eli" });
  const gone = await makeMember(organizationId, { role: "EMPLOYEE", status: "DEACTIVATED", name: "Gus" });
  const channel = await settings.addChannel(admin, "Newsletter");
  const retiredChannel = await settings.addChannel(admin, "Fax");
  await settings.retireChannel(admin, retiredChannel.id);
  const indicator = await settings.addIndicator(admin, { label: "Faster onboarding", cycle: "APPLIED" });
  const retiredIndicator = await settings.addIndicator(admin, { label: "Old metric", cycle: "APPLIED" });
  await settings.retireIndicator(admin, retiredIndicator.id);
  const invite = await invites.createInvite(admin, { role: "EMPLOYEE", teamId: team.id });
  const story = await quickCapture(employee, { what: "Learned a trick on a forum", channel: "social", startCycle: "IMMEDIATE" });
  const trashed = await quickCapture(employee, { what: "Something to erase", channel: "social", startCycle: "IMMEDIATE" });
  await trashStory(employee, trashed.id);
  return { admin, organizationId, team, other, manager, employee, gone, channel, retiredChannel, indicator, retiredIndicator, invite, story, trashed };
}

let w: World;
beforeAll(async () => {
  w = await world();
});

/** Runs an audited write while the audit step fails: it must be refused and leave nothing behind. */
async function expectNothingWritten(write: () => Promise<unknown>) {
  const before = await fingerprint(w.organizationId);
  const audits = await auditCount(w.organizationId);
  await failAuditsFor(w.organizationId);
  await expect(write()).rejects.toThrow(/audit refused by the test/);
  expect(await fingerprint(w.organizationId)).toBe(before);
  expect(await auditCount(w.organizationId)).toBe(audits);
}

describe("a failed audit step leaves nothing written", () => {
  it.each<[string, () => Promise<unknown>]>([
    ["adding a channel", () => settings.addChannel(w.admin, "Podcast")],
    ["renaming a channel", () => settings.renameChannel(w.admin, w.channel.id, "Weekly newsletter")],
    ["retiring a channel", () => settings.retireChannel(w.admin, w.channel.id)],
    ["restoring a channel", () => settings.restoreChannel(w.admin, w.retiredChannel.id)],
    ["moving a channel", () => settings.moveChannel(w.admin, w.channel.id, "up")],
    ["adding an indicator", () => settings.addIndicator(w.admin, { label: "Fewer incidents", cycle: "REALIZED" })],
    ["renaming an indicator", () => settings.renameIndicator(w.admin, w.indicator.id, "Quicker onboarding")],
    ["retiring an indicator", () => settings.retireIndicator(w.admin, w.indicator.id)],
    ["restoring an indicator", () => settings.restoreIndicator(w.admin, w.retiredIndicator.id)],
    [
      "changing the organisation's settings",
      () => settings.updateOrgSettings(w.admin, { defaultVisibility: "ORG", reflectionDay: 2, deactivatedStories: "HIDE" }),
    ],
    ["creating a team", () => admin_.createTeam(w.admin, { name: "Research", parentId: w.team.id })],
    ["renaming a team", () => admin_.renameTeam(w.admin, w.team.id, "Platform engineering")],
    ["moving a team", () => admin_.moveTeam(w.admin, w.other.id, w.team.id)],
    ["deleting a team", () => admin_.deleteTeam(w.admin, w.other.id)],
    [
      "changing a member's role, team and manager",
      () => admin_.updateMember(w.admin, w.employee.membershipId, { role: "MANAGER", teamId: w.other.id, managerId: null }),
    ],
    ["deactivating a member", () => admin_.deactivateMember(w.admin, w.employee.membershipId)],
    ["reactivating a member", () => admin_.reactivateMember(w.admin, w.gone.membershipId)],
    ["creating an invitation", () => invites.createInvite(w.admin, { email: uniqueEmail("invitee"), role: "EMPLOYEE" })],
    ["revoking an invitation", () => invites.revokeInvite(w.admin, w.invite.id)],
    ["accepting an invitation", () => invites.acceptInvite(w.invite.token, { name: "Ivy Invitee", email: uniqueEmail("ivy"), password: PASSWORD })],
    ["capturing a story", () => quickCapture(w.employee, { what: "Another moment", channel: "social", startCycle: "APPLIED" })],
    [
      "saving a story whose visibility changes",
      async () => {
        const editing = (await getStoryForEditing(w.employee, w.story.id))!;
        return saveStoryDocument(w.employee, w.story.id, editing.version, { ...editing.doc, title: "A new title", visibility: "ORG" });
      },
    ],
    ["sharing a story", () => setStoryStatus(w.employee, w.story.id, "PUBLISHED")],
    ["erasing a story", () => eraseStory(w.employee, w.trashed.id)],
  ])("%s", async (_label, write) => {
    await expectNothingWritten(write);
  });

  it("signing up: no organisation, no account", async () => {
    const email = uniqueEmail("founder");
    await failAuditsFor(randomUUID(), email);
    await expect(createOrganizationWithAdmin({ organizationName: "Half Done Ltd", name: "Hal", email, password: PASSWORD })).rejects.toThrow(
      /audit refused by the test/,
    );
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await db().organization.count({ where: { name: "Half Done Ltd" } })).toBe(0);
  });

  it("the same writes succeed, each with its audit event, once the audit step works again", async () => {
    const audits = await auditCount(w.organizationId);
    const channel = await settings.addChannel(w.admin, "Podcast");
    await settings.renameChannel(w.admin, channel.id, "Podcasts");
    await admin_.renameTeam(w.admin, w.team.id, "Platform engineering");
    expect(await auditCount(w.organizationId)).toBe(audits + 3);
  });
});

describe("text the database cannot store in jsonb no longer splits a write from its audit event", () => {
  it("a channel named with a lone surrogate is saved, as U+FFFD, with its audit event (the issue's reproduction)", async () => {
    session.actor = w.admin;
    const audits = await auditCount(w.organizationId);
    const result = await addChannelAction(null, { label: "Radio\ud800" });
    expect(result).toMatchObject({ ok: true });
    const saved = await db().channel.findFirstOrThrow({ where: { organizationId: w.organizationId, key: result.ok ? result.data.key : "" } });
    expect(saved.label).toBe("Radio\ufffd");
    expect(await auditCount(w.organizationId)).toBe(audits + 1);
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: w.organizationId, targetId: saved.id } });
    expect(event.meta).toEqual({ item: "channel", change: "added", label: "Radio\ufffd" });
  });

  it("audit meta that was never typed into a field is made storable rather than failing the write", async () => {
    const { recordAudit } = await import("@/lib/db/audit");
    await recordAudit({
      action: "export.created",
      organizationId: w.organizationId,
      actorId: w.admin.membershipId,
      subject: "a\u0000b\udc00",
      meta: { filters: { tag: "x\u0000\ud800", "k\u0000": ["\udfff"] } },
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { organizationId: w.organizationId, action: "export.created" },
      orderBy: { createdAt: "desc" },
    });
    expect(event.subject).toBe("a\ufffdb\ufffd");
    expect(event.meta).toEqual({ filters: { tag: "x\ufffd\ufffd", "k\ufffd": ["\ufffd"] } });
  });
});

// Two writes that lock the same two rows in opposite orders deadlock on a PostgreSQL server;
// PostgreSQL aborts one of them (40P01) and auditedWrite runs it again, so both land, each with
// its one audit event. PGlite has one connection, so two transactions never interleave there.
describe.skipIf(!process.env.TEST_DATABASE_URL)("a write PostgreSQL aborts to break a deadlock", () => {
  it("is run again: both writes land, each audited once", async () => {
    const { auditedWrite } = await import("@/lib/db/audit");
    const { organizationId, admin } = await makeOrganization();
    const a = (await makeTeam(organizationId, "Deadlock A")).id;
    const b = (await makeTeam(organizationId, "Deadlock B")).id;
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const tries = { first: 0, second: 0 };
    const write = (which: "first" | "second", one: string, other: string) =>
      auditedWrite(
        async (tx, audit) => {
          tries[which]++;
          await tx.team.update({ where: { organizationId_id: { organizationId, id: one } }, data: { name: `${which} was here` } });
          if (++arrived === 2) release();
          if (tries[which] === 1) await bothHoldOne; // only the first try of each waits for the other
          await tx.team.update({ where: { organizationId_id: { organizationId, id: other } }, data: { name: `${which} was here too` } });
          await audit({ action: "team.changed", organizationId, actorId: admin.membershipId, meta: { which } });
        },
        { timeout: 15_000 },
      );
    await Promise.all([write("first", a, b), write("second", b, a)]);
    expect(tries.first + tries.second).toBe(3); // one of them was aborted once and ran again
    const events = await db().auditEvent.findMany({ where: { organizationId, action: "team.changed" } });
    expect(events.map((e) => (e.meta as { which: string }).which).sort()).toEqual(["first", "second"]);
  });
});
