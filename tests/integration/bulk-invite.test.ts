import { describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { searchMembers } from "@/lib/db/admin";
import { acceptInvite, checkBulkInvite, createBulkInvites, createInvite, getInviteByToken, revokeInvite } from "@/lib/db/invites";
import { dismissOnboarding, onboardingChecklist } from "@/lib/db/onboarding";
import { ExpectedError } from "@/lib/platform/errors";
import { installQueues, runJobs } from "../support/jobs";
import { useSmtpServer } from "../support/smtp";
import { makeMember, makeOrganization, makeTeam } from "../factories";

const db = () => getDatabase().prisma;
const tokens = new Map<string, string>();
const hooks = { tokenFor: (id: string) => tokens.get(id) ?? (tokens.set(id, `test-token-${id}`), `test-token-${id}`) };

async function refused(promise: Promise<unknown>): Promise<ExpectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExpectedError);
  return error as ExpectedError;
}

const csvOf = (rows: string[][]) => rows.map((r) => r.join(",")).join("\n");

describe("bulk invitations", () => {
  it("invites 20 people from a CSV in one go: names, roles, teams and managers, each audited, each link working", async () => {
    const { admin, organizationId } = await makeOrganization("Twenty Co");
    const design = await makeTeam(organizationId, "Design");
    const marco = await makeMember(organizationId, { role: "MANAGER", name: "Marco Rossi" });
    const people = Array.from({ length: 20 }, (_, i) => [
      `Person ${i + 1}`,
      `p${i + 1}@twenty.test`,
      i % 5 === 0 ? "Manager" : "",
      i % 2 ? "design" : "",
      i % 2 ? marco.email : "",
    ]);
    const csv = csvOf([["name", "email", "role", "team", "manager"], ...people]);

    const preview = await checkBulkInvite(admin, csv);
    expect(preview).toMatchObject({ format: "csv", ready: 20, withErrors: 0 });
    expect(await db().invite.count({ where: { organizationId } })).toBe(0); // a preview writes nothing

    const created = await createBulkInvites(admin, csv, hooks);
    expect(created).toHaveLength(20);
    const rows = await db().invite.findMany({ where: { organizationId }, orderBy: { email: "asc" } });
    expect(rows).toHaveLength(20);
    const p2 = rows.find((r) => r.email === "p2@twenty.test")!;
    expect(p2).toMatchObject({ name: "Person 2", role: "EMPLOYEE", teamId: design.id, managerId: marco.membershipId, createdById: admin.membershipId });
    expect(rows.find((r) => r.email === "p1@twenty.test")).toMatchObject({ role: "MANAGER", teamId: null, managerId: null });
    const audits = await db().auditEvent.findMany({ where: { organizationId, action: "invite.created" } });
    expect(audits.map((a) => a.targetId).sort()).toEqual(rows.map((r) => r.id).sort());

    // The link works: the accept page suggests the name, and accepting makes the person as planned.
    const link = created.find((c) => c.email === "p2@twenty.test")!;
    const token = link.path.replace("/invite/", "");
    expect(await getInviteByToken(token)).toMatchObject({ email: "p2@twenty.test", name: "Person 2" });
    const joined = await acceptInvite(token, { name: "Person Two", email: "p2@twenty.test", password: "a long enough password" });
    const m = await db().membership.findFirstOrThrow({ where: { id: joined.membershipId } });
    expect(m).toMatchObject({ organizationId, teamId: design.id, managerId: marco.membershipId, role: "EMPLOYEE" });
  });

  it("is all or nothing: one row with an error, and nobody is invited", async () => {
    const { admin, organizationId } = await makeOrganization();
    const text = "ok1@allornothing.test\nnot-an-address\nok2@allornothing.test";
    const preview = await checkBulkInvite(admin, text);
    expect(preview.rows.map((r) => [r.row, r.errors.length])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
    ]);
    const error = await refused(createBulkInvites(admin, text, hooks));
    expect(error.message).toBe("1 row has an error. Correct it or leave it out, then preview again: nobody was invited.");
    expect(error.fieldErrors?.text).toEqual([error.message]);
    expect(await db().invite.count({ where: { organizationId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { organizationId, action: "invite.created" } })).toBe(0);
  });

  it("rolls everything back when a later step of the transaction fails", async () => {
    const { admin, organizationId } = await makeOrganization();
    const error = await createBulkInvites(admin, "a@rollback.test\nb@rollback.test", {
      ...hooks,
      inTransaction: async () => {
        throw new Error("the e-mail queue is down");
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await db().invite.count({ where: { organizationId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { organizationId, action: "invite.created" } })).toBe(0);
  });

  it("never resolves a team or manager of another organisation, and knows members and pending invitations", async () => {
    const { admin, organizationId } = await makeOrganization("Ours");
    const other = await makeOrganization("Theirs");
    await makeTeam(other.organizationId, "Secret Team");
    const theirBoss = await makeMember(other.organizationId, { name: "Their Boss", role: "MANAGER" });
    const member = await makeMember(organizationId, { name: "Already Here" });
    const pending = await createInvite(admin, { email: "pending@ours.test", role: "EMPLOYEE" });
    const text = csvOf([
      ["email", "team", "manager"],
      ["x@ours.test", "Secret Team", ""],
      ["y@ours.test", "", theirBoss.email],
      ["z@ours.test", "", "Their Boss"],
      [member.email, "", ""],
      ["pending@ours.test", "", ""],
      [theirBoss.email, "", ""], // a member elsewhere: invited like anyone, never revealed
    ]);
    const { rows } = await checkBulkInvite(admin, text);
    expect(rows.map((r) => r.errors)).toEqual([
      ['There is no team called "Secret Team". Create it on the Teams page first, or correct the name.'],
      [`There is nobody called "${theirBoss.email}" in your organisation. Give the e-mail of an active member as the manager.`],
      ['There is nobody called "Their Boss" in your organisation. Give the e-mail of an active member as the manager.'],
      ["This person is already a member of your organisation."],
      ["This address already has a pending invitation. Revoke it first to send a new one."],
      [],
    ]);
    // A revoked invitation no longer blocks a new one.
    await revokeInvite(admin, pending.id);
    expect((await checkBulkInvite(admin, "pending@ours.test")).rows[0]!.errors).toEqual([]);
  });

  it("refuses text over the bounds with a message, before reading a row", async () => {
    const { admin } = await makeOrganization();
    const many = ["email", ...Array.from({ length: 1001 }, (_, i) => `p${i}@bounds.test`)].join("\n");
    const error = await refused(checkBulkInvite(admin, many));
    expect(error.message).toBe("That is 1,001 people; at most 1,000 can be invited at once. Split the list into smaller ones.");
  });

  it("is for admins only", async () => {
    const { organizationId } = await makeOrganization();
    const manager = await makeMember(organizationId, { role: "MANAGER" });
    expect((await refused(checkBulkInvite(manager, "a@b.test"))).code).toBe("not_found");
    expect((await refused(createBulkInvites(manager, "a@b.test", hooks))).code).toBe("not_found");
  });
});

describe("bulk invitation e-mails", () => {
  const { received, url } = useSmtpServer();

  it("enqueues one keyed job per invitation in the same transaction; each e-mail is sent once, with a working link", async () => {
    vi.stubEnv("SMTP_URL", url());
    vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
    vi.resetModules();
    const { inviteMany, inviteEmailJob } = await import("@/lib/jobs/invite-email-job");
    await installQueues([inviteEmailJob]);
    const { admin } = await makeOrganization("Mail Many");
    const { invites, emailed } = await inviteMany(admin, "one@mailmany.test\nTwo Person <two@mailmany.test>\nthree@mailmany.test");
    expect(emailed).toBe(true);
    expect(await db().jobKey.count({ where: { key: { in: invites.map((i) => `invite-email:${i.id}`) } } })).toBe(3);
    await revokeInvite(admin, invites[2]!.id); // revoked before its e-mail went: none is sent

    await runJobs([inviteEmailJob]);
    const mine = () => received.filter((m) => m.to.endsWith("@mailmany.test"));
    expect(
      mine()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["one@mailmany.test", "two@mailmany.test"]);
    const body = mine()
      .find((m) => m.to === "two@mailmany.test")!
      .body.replace(/=\r?\n/g, "");
    expect(body).toContain(`https://ripple.example${invites[1]!.path}`);
    expect(body).toContain("Ada Admin invited you to join Mail Many on Ripple as Employee.");

    await runJobs([inviteEmailJob]); // nothing left: sent once
    expect(mine()).toHaveLength(2);
    vi.unstubAllEnvs();
  });
});

describe("finding people", () => {
  it("searches by name or e-mail, filters by role, team and status, and pages in a stable order", async () => {
    const { admin, organizationId } = await makeOrganization("Finders");
    const team = await makeTeam(organizationId, "Finance");
    for (let i = 0; i < 30; i++)
      await makeMember(organizationId, { name: `Zed ${String(i).padStart(2, "0")}`, teamId: i < 5 ? team.id : null, role: i < 3 ? "MANAGER" : "EMPLOYEE" });
    const gone = await makeMember(organizationId, { name: "Aaron Gone", status: "DEACTIVATED" });
    const other = await makeOrganization("Elsewhere");
    await makeMember(other.organizationId, { name: "Zed Outsider" });

    const first = await searchMembers(admin, {});
    expect(first).toMatchObject({ total: 32, page: 1, pages: 2, pageSize: 25 });
    expect(first.members[0]!.name).toBe("Ada Admin"); // active first, then by name
    const second = await searchMembers(admin, { page: 2 });
    expect(second.members).toHaveLength(7);
    expect(second.members.at(-1)!.id).toBe(gone.membershipId);
    const ids = [...first.members, ...second.members].map((m) => m.id);
    expect(new Set(ids).size).toBe(32);
    expect((await searchMembers(admin, { page: 99 })).page).toBe(2); // past the end: the last page

    expect((await searchMembers(admin, { q: "zed 0" })).members.map((m) => m.name)).toEqual([
      "Zed 00",
      "Zed 01",
      "Zed 02",
      "Zed 03",
      "Zed 04",
      "Zed 05",
      "Zed 06",
      "Zed 07",
      "Zed 08",
      "Zed 09",
    ]);
    expect((await searchMembers(admin, { q: gone.email.slice(0, 12).toUpperCase() })).members.map((m) => m.id)).toContain(gone.membershipId);
    expect((await searchMembers(admin, { q: "Outsider" })).total).toBe(0);
    expect((await searchMembers(admin, { role: "MANAGER" })).members.map((m) => m.name)).toEqual(["Zed 00", "Zed 01", "Zed 02"]);
    expect((await searchMembers(admin, { team: team.id })).total).toBe(5);
    expect((await searchMembers(admin, { team: "none" })).total).toBe(27);
    expect((await searchMembers(admin, { status: "deactivated" })).members.map((m) => m.name)).toEqual(["Aaron Gone"]);
    // "Zed 02", not "02": the e-mail addresses are random hex and may hold "02" (a 1-in-20 flake).
    expect((await searchMembers(admin, { status: "active", team: team.id, role: "MANAGER", q: "Zed 02" })).members.map((m) => m.name)).toEqual(["Zed 02"]);
    // A team of another organisation filters to nobody.
    const theirTeam = await makeTeam(other.organizationId, "Theirs");
    expect((await searchMembers(admin, { team: theirTeam.id })).total).toBe(0);
  });
});

describe("onboarding checklist", () => {
  it("ticks itself off from the organisation's data, and hides for the admin who dismisses it", async () => {
    const { admin, organizationId } = await makeOrganization("Newcomer");
    const steps = async () => (await onboardingChecklist(admin))?.map((s) => [s.key, s.done]) ?? null;
    expect(await steps()).toEqual([
      ["invite", false],
      ["teams", false],
      ["lines", false],
      ["catalogue", false],
      ["capture", false],
    ]);
    await createBulkInvites(admin, "first@newcomer.test", hooks);
    const team = await makeTeam(organizationId, "Ops");
    await makeMember(organizationId, { teamId: team.id, managerId: admin.membershipId });
    expect(await steps()).toEqual([
      ["invite", true],
      ["teams", true],
      ["lines", true],
      ["catalogue", false],
      ["capture", false],
    ]);
    const second = await makeMember(organizationId, { role: "ADMIN" });
    await dismissOnboarding(admin);
    expect(await onboardingChecklist(admin)).toBeNull();
    expect(await onboardingChecklist(second)).not.toBeNull(); // per admin
    const employee = await makeMember(organizationId);
    expect((await refused(onboardingChecklist(employee))).code).toBe("not_found");
  });
});
