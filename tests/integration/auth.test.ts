import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { checkCredentials, loadActor } from "@/lib/db/auth";
import { SIGN_IN_POLICY } from "@/lib/domain/rate-limit";
import { makeMember, makeOrganization, makeTeam, PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;
const events = (action: string, subject: string) => db().auditEvent.findMany({ where: { action, subject }, orderBy: { createdAt: "asc" } });
/** An address from the IPv6 documentation range, unique per test so runs on a shared database do not collide. */
const uniqueAddress = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;

describe("checkCredentials", () => {
  it("signs in a member with the right password, and records the sign-in", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const result = await checkCredentials(member.email, PASSWORD, null);
    expect(result).toEqual({ ok: true, userId: member.userId, membershipId: member.membershipId });
    expect(await events("auth.sign_in", member.email)).toMatchObject([{ organizationId, actorId: member.membershipId }]);
    expect(await events("auth.sign_in_failed", member.email)).toEqual([]);
  });

  it.each([
    ["a wrong password", "wrong horse battery"],
    ["the right password with different case", PASSWORD.toUpperCase()],
    ["an empty password", ""],
  ])("refuses %s as invalid, recording a failure against the e-mail in the member's organisation", async (_label, password) => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    expect(await checkCredentials(member.email, password, null)).toEqual({ ok: false, reason: "invalid" });
    const failures = await events("auth.sign_in_failed", member.email);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ subject: member.email, organizationId, actorId: null });
    expect(await events("auth.sign_in", member.email)).toEqual([]);
  });

  it("refuses an unknown e-mail exactly like a wrong password, and records the failure without an organisation", async () => {
    const email = uniqueEmail("nobody");
    expect(await checkCredentials(email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await events("auth.sign_in_failed", email)).toMatchObject([{ subject: email, organizationId: null }]);
  });

  it("records a failure against the address too when one is known", async () => {
    const email = uniqueEmail("nobody");
    const address = uniqueAddress();
    await checkCredentials(email, "whatever", address);
    expect(await events("auth.sign_in_failed", `ip:${address}`)).toHaveLength(1);
  });

  it("refuses a user with no password (single sign-on only)", async () => {
    const { organizationId } = await makeOrganization();
    const email = uniqueEmail("sso");
    const user = await db().user.create({ data: { email, name: "SSO Person", passwordHash: null } });
    await db().membership.create({ data: { organizationId, userId: user.id } });
    expect(await checkCredentials(email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(email, "", null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated membership even with the right password", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId, { status: "DEACTIVATED" });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await events("auth.sign_in", member.email)).toEqual([]);
  });

  it("stops signing in a member once their only membership is deactivated", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    expect((await checkCredentials(member.email, PASSWORD, null)).ok).toBe(true);
    await db().membership.update({ where: { id: member.membershipId }, data: { status: "DEACTIVATED", deactivatedAt: new Date() } });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("signs a person into their active membership when another one is deactivated", async () => {
    const a = await makeOrganization("Old employer");
    const b = await makeOrganization("New employer");
    const member = await makeMember(a.organizationId, { status: "DEACTIVATED" });
    const active = await db().membership.create({ data: { organizationId: b.organizationId, userId: member.userId, role: "MANAGER" } });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: true, userId: member.userId, membershipId: active.id });
  });

  it("after 5 failures for one e-mail refuses the 6th attempt, even with the right password", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const bystander = await makeMember(organizationId);
    const { maxFailures, windowMs } = SIGN_IN_POLICY.perAccount;
    expect(maxFailures).toBe(5);

    for (let i = 0; i < maxFailures; i++) {
      expect(await checkCredentials(member.email, `wrong password ${i}`, null)).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await checkCredentials(member.email, PASSWORD, null);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    const retry = (blocked as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(windowMs / 1000);
    // The failures were seconds ago at most, so the wait is close to the whole window.
    expect(retry).toBeGreaterThan(windowMs / 1000 - 60);

    // A blocked attempt is audited, and is not itself counted as a failed password.
    expect(await events("auth.sign_in_blocked", member.email)).toHaveLength(1);
    expect(await events("auth.sign_in_failed", member.email)).toHaveLength(maxFailures);
    expect(await events("auth.sign_in", member.email)).toEqual([]);

    // Another account is not affected.
    expect(await checkCredentials(bystander.email, PASSWORD, null)).toMatchObject({ ok: true, membershipId: bystander.membershipId });
  });

  it("allows 4 failures and then a right password", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    for (let i = 0; i < SIGN_IN_POLICY.perAccount.maxFailures - 1; i++) await checkCredentials(member.email, "wrong", null);
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });
  });

  it("forgets failures older than the window", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const old = new Date(Date.now() - SIGN_IN_POLICY.perAccount.windowMs - 60_000);
    await db().auditEvent.createMany({
      data: Array.from({ length: 10 }, () => ({ action: "auth.sign_in_failed", subject: member.email, organizationId, createdAt: old })),
    });
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });
  });

  it("throttles an address after 30 failures across different e-mails, but not sign-ins without that address", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const address = uniqueAddress();
    const { maxFailures } = SIGN_IN_POLICY.perAddress;
    for (let i = 0; i < maxFailures; i++) {
      expect(await checkCredentials(uniqueEmail("spray"), "guess", address)).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await checkCredentials(member.email, PASSWORD, address);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await checkCredentials(member.email, PASSWORD, uniqueAddress())).toMatchObject({ ok: true });
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });
  });
});

describe("loadActor", () => {
  it("returns the actor for an active membership", async () => {
    const { organizationId, admin } = await makeOrganization("Actor Org");
    const team = await makeTeam(organizationId);
    const member = await makeMember(organizationId, { role: "MANAGER", teamId: team.id, managerId: admin.membershipId, name: "Mina Manager" });
    expect(await loadActor(member.userId, member.membershipId)).toEqual({
      userId: member.userId,
      membershipId: member.membershipId,
      organizationId,
      organizationName: "Actor Org",
      role: "MANAGER",
      teamId: team.id,
      managerId: admin.membershipId,
      name: "Mina Manager",
      email: member.email,
    });
  });

  it("returns null for a deactivated membership", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId, { status: "DEACTIVATED" });
    expect(await loadActor(member.userId, member.membershipId)).toBeNull();
  });

  it("returns null once a session's membership is deactivated", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    expect(await loadActor(member.userId, member.membershipId)).not.toBeNull();
    await db().membership.update({ where: { id: member.membershipId }, data: { status: "DEACTIVATED" } });
    expect(await loadActor(member.userId, member.membershipId)).toBeNull();
  });

  it("returns null when the user and membership do not belong together", async () => {
    const { organizationId } = await makeOrganization();
    const a = await makeMember(organizationId);
    const b = await makeMember(organizationId);
    expect(await loadActor(a.userId, b.membershipId)).toBeNull();
    expect(await loadActor(b.userId, a.membershipId)).toBeNull();
  });

  it("returns null for ids that do not exist", async () => {
    const { organizationId } = await makeOrganization();
    const a = await makeMember(organizationId);
    const missing = "0190a5b4-0000-7000-8000-000000000000";
    expect(await loadActor(a.userId, missing)).toBeNull();
    expect(await loadActor(missing, a.membershipId)).toBeNull();
  });
});
