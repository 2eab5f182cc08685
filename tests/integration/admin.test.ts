import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { asExpected } from "@/lib/platform/errors";
import { checkCredentials } from "@/lib/db/auth";
import {
  createTeam,
  deactivateMember,
  deleteTeam,
  listAuditEvents,
  listMembers,
  listTeams,
  moveTeam,
  reactivateMember,
  renameTeam,
  updateMember,
} from "@/lib/db/admin";
import {
  addChannel,
  addIndicator,
  getOrgSettings,
  moveChannel,
  renameChannel,
  renameIndicator,
  restoreChannel,
  restoreIndicator,
  retireChannel,
  retireIndicator,
  updateOrgSettings,
} from "@/lib/db/org-settings";
import { createInvite, listInvites, revokeInvite } from "@/lib/db/invites";
import { listChannels, listIndicators } from "@/lib/db/catalogue";
import { makeMember, makeOrganization, makeTeam, PASSWORD } from "../factories";
import { expectNotFound, refused } from "../support/assertions";

const db = () => getDatabase().prisma;

describe("only admins, and only in their own organisation", () => {
  it("every admin function answers not found to a non-admin, whatever their role", async () => {
    const { organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const target = await makeMember(organizationId);
    const channel = await db().channel.findFirstOrThrow({ where: { organizationId } });
    const indicator = await db().indicator.findFirstOrThrow({ where: { organizationId } });
    for (const role of ["EMPLOYEE", "MANAGER", "LND"] as const) {
      const actor = await makeMember(organizationId, { role });
      // Each call starts only when awaited: a refusal is never left unhandled while others run.
      const calls: (() => Promise<unknown>)[] = [
        () => listMembers(actor),
        () => updateMember(actor, target.membershipId, { role: "ADMIN" }),
        () => deactivateMember(actor, target.membershipId),
        () => reactivateMember(actor, target.membershipId),
        () => listTeams(actor),
        () => createTeam(actor, { name: "Sneaky" }),
        () => renameTeam(actor, team.id, "Renamed"),
        () => moveTeam(actor, team.id, null),
        () => deleteTeam(actor, team.id),
        () => listAuditEvents(actor),
        () => createInvite(actor, { role: "ADMIN" }),
        () => listInvites(actor),
        () => revokeInvite(actor, team.id),
        () => getOrgSettings(actor),
        () => updateOrgSettings(actor, { defaultVisibility: "ORG", reflectionDay: 1, deactivatedStories: "HIDE" }),
        () => addChannel(actor, "Sneaky"),
        () => renameChannel(actor, channel.id, "Renamed"),
        () => retireChannel(actor, channel.id),
        () => restoreChannel(actor, channel.id),
        () => moveChannel(actor, channel.id, "down"),
        () => addIndicator(actor, { label: "Sneaky", cycle: "APPLIED" }),
        () => renameIndicator(actor, indicator.id, "Renamed"),
        () => retireIndicator(actor, indicator.id),
        () => restoreIndicator(actor, indicator.id),
      ];
      for (const call of calls) await expectNotFound(call());
    }
    // Nothing changed.
    expect((await db().membership.findFirstOrThrow({ where: { id: target.membershipId } })).role).toBe("EMPLOYEE");
    expect((await db().team.findFirstOrThrow({ where: { id: team.id } })).name).toBe(team.name);
    expect(await db().invite.count({ where: { organizationId } })).toBe(0);
    expect((await db().channel.findFirstOrThrow({ where: { id: channel.id } })).retiredAt).toBeNull();
  });

  it("an admin of another organisation gets not found for every id of this one, and sees none of it", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const team = await makeTeam(a.organizationId);
    const person = await makeMember(a.organizationId);
    const channel = await db().channel.findFirstOrThrow({ where: { organizationId: a.organizationId } });
    const indicator = await db().indicator.findFirstOrThrow({ where: { organizationId: a.organizationId } });
    const invite = await createInvite(a.admin, { role: "EMPLOYEE" });
    const other = b.admin;
    // One call at a time: a call started before the previous one was awaited could be refused
    // with nobody listening yet (an unhandled rejection, on PostgreSQL).
    for (const call of [
      () => updateMember(other, person.membershipId, { role: "ADMIN" }),
      () => deactivateMember(other, person.membershipId),
      () => reactivateMember(other, person.membershipId),
      () => renameTeam(other, team.id, "Mine"),
      () => moveTeam(other, team.id, null),
      () => deleteTeam(other, team.id),
      () => revokeInvite(other, invite.id),
      () => renameChannel(other, channel.id, "Mine"),
      () => retireChannel(other, channel.id),
      () => moveChannel(other, channel.id, "down"),
      () => renameIndicator(other, indicator.id, "Mine"),
      () => retireIndicator(other, indicator.id),
    ]) {
      await expectNotFound(call());
    }
    // Pointing at another organisation's team or manager is refused as a field error.
    const mine = await makeMember(b.organizationId);
    expect((await refused(updateMember(other, mine.membershipId, { teamId: team.id }))).fieldErrors?.teamId).toBeDefined();
    expect((await refused(updateMember(other, mine.membershipId, { managerId: person.membershipId }))).fieldErrors?.managerId).toBeDefined();
    expect((await refused(createTeam(other, { name: "Child", parentId: team.id }))).fieldErrors?.parentId).toBeDefined();
    expect((await refused(createInvite(other, { role: "EMPLOYEE", teamId: team.id }))).fieldErrors?.teamId).toBeDefined();
    expect((await refused(createInvite(other, { role: "EMPLOYEE", managerId: person.membershipId }))).fieldErrors?.managerId).toBeDefined();

    const members = await listMembers(other);
    expect(members.map((m) => m.id).sort()).toEqual([other.membershipId, mine.membershipId].sort());
    expect(await listTeams(other)).toEqual([]);
    expect(await listInvites(other)).toEqual([]);
    const settings = await getOrgSettings(other);
    expect(settings.channels.some((c) => c.id === channel.id)).toBe(false);
    const audit = await listAuditEvents(other);
    expect(audit.events.every((e) => e.action !== "invite.created")).toBe(true);
    // A's data untouched.
    expect((await db().membership.findFirstOrThrow({ where: { id: person.membershipId } })).status).toBe("ACTIVE");
  });
});

describe("members", () => {
  it("lists people with role, team, manager and status", async () => {
    const { admin, organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId, "Support");
    const boss = await makeMember(organizationId, { role: "MANAGER", name: "Bea Boss" });
    await makeMember(organizationId, { name: "Eve Employee", teamId: team.id, managerId: boss.membershipId });
    const rows = await listMembers(admin);
    const eve = rows.find((r) => r.name === "Eve Employee")!;
    expect(eve).toMatchObject({ role: "EMPLOYEE", teamName: "Support", managerName: "Bea Boss", status: "ACTIVE", isYou: false });
    expect(rows.find((r) => r.id === admin.membershipId)?.isYou).toBe(true);
  });

  it("changes role, team and manager, recording each change with old and new values", async () => {
    const { admin, organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const boss = await makeMember(organizationId, { role: "MANAGER" });
    const eve = await makeMember(organizationId);
    await updateMember(admin, eve.membershipId, { role: "MANAGER", teamId: team.id, managerId: boss.membershipId });
    const row = await db().membership.findFirstOrThrow({ where: { id: eve.membershipId } });
    expect(row).toMatchObject({ role: "MANAGER", teamId: team.id, managerId: boss.membershipId });
    const events = await db().auditEvent.findMany({ where: { organizationId, targetId: eve.membershipId }, orderBy: { createdAt: "asc" } });
    // One change, one moment: the three events share a timestamp, so they are compared in the form's order.
    const fieldOrder = ["role", "team", "manager"];
    const fieldOf = (e: (typeof events)[number]) => fieldOrder.indexOf(String((e.meta as { field?: unknown }).field));
    events.sort((a, b) => fieldOf(a) - fieldOf(b));
    expect(events.map((e) => [e.action, e.meta])).toEqual([
      ["member.role_changed", { field: "role", from: "EMPLOYEE", to: "MANAGER" }],
      ["member.team_changed", { field: "team", from: null, to: team.id }],
      ["member.team_changed", { field: "manager", from: null, to: boss.membershipId }],
    ]);
    const log = await listAuditEvents(admin, { category: "members" });
    expect(log.events.flatMap((e) => e.details)).toEqual(
      expect.arrayContaining(["Role: Employee → Manager", `Team: none → ${team.name}`, "Manager: none → Test Person"]),
    );
    expect(log.events[0]!.actorName).toBe("Ada Admin");
  });

  it("refuses a reporting-line cycle and being one's own manager", async () => {
    const { admin, organizationId } = await makeOrganization();
    const top = await makeMember(organizationId, { role: "MANAGER" });
    const middle = await makeMember(organizationId, { role: "MANAGER", managerId: top.membershipId });
    const bottom = await makeMember(organizationId, { managerId: middle.membershipId });
    const cycle = await refused(updateMember(admin, top.membershipId, { managerId: bottom.membershipId }));
    expect(cycle.fieldErrors?.managerId?.[0]).toMatch(/loop in the reporting line/);
    expect((await refused(updateMember(admin, top.membershipId, { managerId: top.membershipId }))).fieldErrors?.managerId?.[0]).toMatch(/own manager/);
    expect((await db().membership.findFirstOrThrow({ where: { id: top.membershipId } })).managerId).toBeNull();
  });

  it("protects the last active admin from demotion and deactivation, and admins from deactivating themselves", async () => {
    const { admin, organizationId } = await makeOrganization();
    const demote = await refused(updateMember(admin, admin.membershipId, { role: "EMPLOYEE" }));
    expect(demote.fieldErrors?.role?.[0]).toMatch(/only active admin/);
    expect((await refused(deactivateMember(admin, admin.membershipId))).message).toMatch(/cannot deactivate yourself/);
    const second = await makeMember(organizationId, { role: "ADMIN" });
    // With a second active admin, the first may step down; then the second is the last.
    await updateMember(admin, admin.membershipId, { role: "EMPLOYEE" });
    expect((await refused(updateMember(second, second.membershipId, { role: "MANAGER" }))).message).toMatch(/only active admin/);
    // A deactivated admin does not count as an active one.
    const { admin: admin2, organizationId: org2 } = await makeOrganization();
    const dormant = await makeMember(org2, { role: "ADMIN", status: "DEACTIVATED" });
    expect((await refused(updateMember(admin2, admin2.membershipId, { role: "EMPLOYEE" }))).code).toBe("conflict");
    expect(dormant.role).toBe("ADMIN");
  });

  it("deactivation stops sign-in; reactivation restores it; both are audited", async () => {
    const { admin, organizationId } = await makeOrganization();
    const eve = await makeMember(organizationId);
    expect((await checkCredentials(eve.email, PASSWORD, null)).ok).toBe(true);
    await deactivateMember(admin, eve.membershipId);
    const row = await db().membership.findFirstOrThrow({ where: { id: eve.membershipId } });
    expect(row.status).toBe("DEACTIVATED");
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect(await checkCredentials(eve.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    await reactivateMember(admin, eve.membershipId);
    expect((await checkCredentials(eve.email, PASSWORD, null)).ok).toBe(true);
    const actions = (await db().auditEvent.findMany({ where: { organizationId, targetId: eve.membershipId }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["member.deactivated", "member.reactivated"]);
  });
});

describe("teams", () => {
  it("nests teams, lists them as a tree, renames, and refuses duplicate names", async () => {
    const { admin } = await makeOrganization();
    const cs = await createTeam(admin, { name: "Customer Success" });
    await createTeam(admin, { name: "Support EMEA", parentId: cs.id });
    await createTeam(admin, { name: "Analytics" });
    const tree = await listTeams(admin);
    expect(tree.map((t) => [t.name, t.depth])).toEqual([
      ["Analytics", 0],
      ["Customer Success", 0],
      ["Support EMEA", 1],
    ]);
    expect((await refused(createTeam(admin, { name: "Analytics" }))).fieldErrors?.name?.[0]).toMatch(/already a team/);
    await renameTeam(admin, cs.id, "Customer Care");
    expect((await listTeams(admin)).map((t) => t.name)).toContain("Customer Care");
  });

  it("refuses a team cycle", async () => {
    const { admin } = await makeOrganization();
    const a = await createTeam(admin, { name: "A" });
    const b = await createTeam(admin, { name: "B", parentId: a.id });
    const c = await createTeam(admin, { name: "C", parentId: b.id });
    expect((await refused(moveTeam(admin, a.id, c.id))).fieldErrors?.parentId?.[0]).toMatch(/inside itself/);
    expect((await refused(moveTeam(admin, a.id, a.id))).code).toBe("invalid");
    await moveTeam(admin, c.id, null);
    expect((await db().team.findFirstOrThrow({ where: { id: c.id } })).parentId).toBeNull();
  });

  it("deletes only an empty team without sub-teams", async () => {
    const { admin, organizationId } = await makeOrganization();
    const parent = await createTeam(admin, { name: "Parent" });
    const child = await createTeam(admin, { name: "Child", parentId: parent.id });
    await makeMember(organizationId, { teamId: child.id });
    expect((await refused(deleteTeam(admin, parent.id))).message).toMatch(/1 sub-team/);
    expect((await refused(deleteTeam(admin, child.id))).message).toMatch(/1 person/);
    const empty = await createTeam(admin, { name: "Empty" });
    await deleteTeam(admin, empty.id);
    expect(await db().team.findFirst({ where: { id: empty.id } })).toBeNull();
  });
});

describe("organisation settings", () => {
  it("updates defaults and records what changed", async () => {
    const { admin, organizationId } = await makeOrganization();
    await updateOrgSettings(admin, { defaultVisibility: "MANAGER", reflectionDay: 1, deactivatedStories: "HIDE" });
    const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(org).toMatchObject({ defaultVisibility: "MANAGER", reflectionDay: 1, deactivatedStories: "HIDE" });
    const log = await listAuditEvents(admin, { category: "settings" });
    expect(log.events[0]!.details).toEqual([
      "Default visibility: Team → Manager",
      "Reflection day: Friday → Monday",
      "Stories of deactivated people: Keep visible → Hide",
    ]);
  });

  it("a channel name that would be a LIKE pattern (a lone backslash, %, _) is a plain name: stored, and clashes only with itself", async () => {
    const { admin } = await makeOrganization();
    for (const odd of ["\\", "100%", "a_b"]) {
      await addChannel(admin, odd);
      expect((await refused(addChannel(admin, odd.toUpperCase()))).fieldErrors?.label, odd).toBeDefined();
    }
    await addChannel(admin, "100x");
    await addChannel(admin, "axb");
  });

  it("adds, renames, reorders, retires and restores channels without changing keys", async () => {
    const { admin } = await makeOrganization();
    const added = await addChannel(admin, "Book club");
    expect(added.key).toBe("book-club");
    expect((await refused(addChannel(admin, "book CLUB"))).fieldErrors?.label).toBeDefined();
    await renameChannel(admin, added.id, "Reading circle");
    let active = await listChannels(admin);
    expect(active.at(-1)).toMatchObject({ key: "book-club", label: "Reading circle" });
    await moveChannel(admin, added.id, "up");
    active = await listChannels(admin);
    expect(active.at(-2)?.key).toBe("book-club");
    await retireChannel(admin, added.id);
    expect((await listChannels(admin)).some((c) => c.key === "book-club")).toBe(false);
    await restoreChannel(admin, added.id);
    expect((await listChannels(admin)).some((c) => c.key === "book-club")).toBe(true);
  });

  it("adds, renames, retires and restores indicators; retired ones stay in the catalogue for old stories", async () => {
    const { admin } = await makeOrganization();
    const ind = await addIndicator(admin, { label: "Fewer escalations", cycle: "REALIZED", capitalKind: null, description: "" });
    await renameIndicator(admin, ind.id, "Fewer escalations to tier 2");
    await retireIndicator(admin, ind.id);
    const all = await listIndicators(admin);
    const retired = all.find((i) => i.key === ind.key)!;
    expect(retired.label).toBe("Fewer escalations to tier 2");
    expect(retired.retiredAt).toBeInstanceOf(Date);
    await restoreIndicator(admin, ind.id);
    expect((await listIndicators(admin)).find((i) => i.key === ind.key)?.retiredAt).toBeNull();
    const second = await addIndicator(admin, { label: "Fewer escalations", cycle: "APPLIED" });
    expect(second.key).toBe("fewer-escalations-2");
  });
});

describe("audit log", () => {
  it("filters by category and pages with a cursor, newest first", async () => {
    const { admin } = await makeOrganization();
    for (let i = 0; i < 55; i++) await addChannel(admin, `Channel ${i}`);
    await createInvite(admin, { role: "EMPLOYEE" });
    const first = await listAuditEvents(admin, { category: "settings" });
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.details[0]).toBe("Channel “Channel 54” added");
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents(admin, { category: "settings", cursor: first.nextCursor! });
    expect(second.events).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(second.events.at(-1)!.details[0]).toBe("Channel “Channel 0” added");
    const invites = await listAuditEvents(admin, { category: "invites" });
    expect(invites.events.map((e) => e.action)).toEqual(["invite.created"]);
    const signIns = await listAuditEvents(admin, { category: "sign-in" });
    expect(signIns.events.map((e) => e.action)).toEqual(["auth.sign_up"]);
    const none = await listAuditEvents(admin, { from: "2000-01-01", to: "2000-01-02" });
    expect(none.events).toEqual([]);
  });

  it("lists events whose target is not an id (a chat connection names its provider) beside ones that name a team", async () => {
    const { admin, organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId, "Platform");
    await getDatabase().prisma.auditEvent.createMany({
      data: [
        { organizationId, actorId: admin.membershipId, action: "chat.connected", targetType: "chat", targetId: "SLACK", meta: { provider: "SLACK" } },
        { organizationId, actorId: admin.membershipId, action: "team.changed", targetType: "team", targetId: team.id, meta: {} },
      ],
    });
    const log = await listAuditEvents(admin);
    expect(log.events.map((e) => [e.action, e.targetName])).toEqual(
      expect.arrayContaining([
        ["chat.connected", null],
        ["team.changed", "Platform"],
      ]),
    );
  });
});

describe("two admins adding the same thing at the same moment", () => {
  it("one channel is added, the other admin is told, and nothing fails", async () => {
    const { admin, organizationId } = await makeOrganization();
    const results = await Promise.allSettled([addChannel(admin, "Podcast club"), addChannel(admin, "Podcast club"), addChannel(admin, "Podcast club")]);
    const channels = await getDatabase().prisma.channel.findMany({ where: { organizationId, label: "Podcast club" } });
    expect(channels).toHaveLength(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(asExpected(r.reason)?.code).toBe("conflict");
    }
  });
});
