import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { checkCredentials, loadActor, signInLimits } from "@/lib/db/auth";
import { authorizeCredentials } from "@/lib/auth/options";
import { authSecret } from "@/lib/platform/secret";
import { newDeviceId, signDevice } from "@/lib/auth/device";
import { SIGN_IN_LIMITS } from "@/lib/domain/rate-limit";
import { makeMember, makeOrganization, makeTeam, PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;
const events = (action: string, subject: string) => db().auditEvent.findMany({ where: { action, subject }, orderBy: { createdAt: "asc" } });
/** An address from the IPv6 documentation range, unique per test so runs on a shared database do not collide. */
const uniqueAddress = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

/** Freezes "now" (Date only: timers and the database keep running) and lets a test move it. */
function frozenClock(start = Date.now()) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** What a browser that signed in to `email` before carries: the device cookie authorize() gives out. */
const deviceCookie = (email: string) => `ripple-device=${signDevice(authSecret(), newDeviceId(), email)}`;

describe("checkCredentials", () => {
  it("signs in a member with the right password, opens a session, and records the sign-in", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const result = await checkCredentials(member.email, PASSWORD, null);
    expect(result).toEqual({ ok: true, userId: member.userId, membershipId: member.membershipId, organizationId, sessionId: expect.any(String) });
    const session = await db().session.findFirstOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session).toMatchObject({ organizationId, userId: member.userId, membershipId: member.membershipId, revokedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3600 * 1000);
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
    expect(await db().session.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("refuses an unknown e-mail exactly like a wrong password, and records the failure without an organisation", async () => {
    const email = uniqueEmail("nobody");
    expect(await checkCredentials(email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    // An event of no organisation is a system event, not one of any organisation's trail.
    expect(await events("auth.sign_in_failed", email)).toEqual([]);
    expect(await db().systemAuditEvent.findMany({ where: { action: "auth.sign_in_failed", subject: email } })).toMatchObject([{ subject: email }]);
  });

  it("keeps no e-mail or address in clear in the throttling table", async () => {
    const email = uniqueEmail("private");
    const address = "2001:db8:feed:beef::7";
    await checkCredentials(email, "whatever", { address, trustedDevice: null });
    const keys = signInLimits(email, { address, trustedDevice: null }).map((l) => l.key);
    const rows = await db().rateLimit.findMany({ where: { key: { in: keys } } });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.key).not.toContain(email);
      expect(r.key).not.toContain("2001:db8");
      expect(r.count).toBe(1);
    }
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
    await db().membership.updateMany({ where: { id: member.membershipId }, data: { status: "DEACTIVATED", deactivatedAt: new Date() } });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("signs a person into their active membership when another one is deactivated", async () => {
    const a = await makeOrganization("Old employer");
    const b = await makeOrganization("New employer");
    const member = await makeMember(a.organizationId, { status: "DEACTIVATED" });
    const active = await db().membership.create({ data: { organizationId: b.organizationId, userId: member.userId, role: "MANAGER" } });
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true, userId: member.userId, membershipId: active.id });
  });
});

describe("sign-in backoff (no lockout)", () => {
  it("after 5 quick failures makes the 6th attempt wait 1 s, then 2 s, 4 s: right or wrong, but never longer than it says", async () => {
    const clock = frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const bystander = await makeMember(organizationId);
    for (let i = 0; i < 5; i++) expect(await checkCredentials(member.email, `wrong ${i}`, null)).toEqual({ ok: false, reason: "invalid" });

    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 1 });
    // A refused attempt is audited, is not a failed password, and does not lengthen the wait.
    expect(await events("auth.sign_in_blocked", member.email)).toMatchObject([{ organizationId }]);
    expect(await events("auth.sign_in_failed", member.email)).toHaveLength(5);

    clock.advance(1000);
    expect(await checkCredentials(member.email, "wrong 5", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 2 });
    clock.advance(2000);
    expect(await checkCredentials(member.email, "wrong 6", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 4 });
    clock.advance(4000);
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });

    // Another account was never affected.
    expect(await checkCredentials(bystander.email, PASSWORD, null)).toMatchObject({ ok: true, membershipId: bystander.membershipId });
  });

  it("lets the owner in at once on a browser they signed in from before, while the account is at its longest wait", async () => {
    const clock = frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const cookie = deviceCookie(member.email);
    // An attacker without the cookie spends 15 guesses over about 17 minutes: the account now waits 15 minutes.
    for (let i = 0; i < 15; i++) {
      expect(await authorizeCredentials({ email: member.email, password: `guess ${i}` }, {})).toBeNull();
      clock.advance(SIGN_IN_LIMITS.account.capMs);
    }
    clock.advance(-SIGN_IN_LIMITS.account.capMs + 1000);
    await expect(authorizeCredentials({ email: member.email, password: PASSWORD }, {})).rejects.toThrow(/^RateLimited:899$/);

    // The owner's own browser: straight in, even after a typo.
    expect(await authorizeCredentials({ email: member.email, password: "typo" }, { cookie })).toBeNull();
    expect(await authorizeCredentials({ email: member.email, password: PASSWORD }, { cookie })).toMatchObject({
      id: member.userId,
      membershipId: member.membershipId,
    });
  });

  it("does not trust a device cookie made for another account, or tampered with", async () => {
    frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const other = await makeMember(organizationId);
    for (let i = 0; i < 5; i++) await checkCredentials(member.email, `wrong ${i}`, null);
    const othersCookie = deviceCookie(other.email);
    const tampered = deviceCookie(member.email).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    for (const cookie of [othersCookie, tampered, "ripple-device=garbage", ""]) {
      await expect(authorizeCredentials({ email: member.email, password: PASSWORD }, { cookie })).rejects.toThrow(/^RateLimited:1$/);
    }
  });

  it("a success on a new browser takes back only its own attempt, not what an attacker spent", async () => {
    frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const key = signInLimits(member.email, null)[0]!.key;
    for (let i = 0; i < 3; i++) await checkCredentials(member.email, `wrong ${i}`, null);
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(3);
  });

  it("forgets an account's failures after a quiet day", async () => {
    const clock = frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    for (let i = 0; i < 10; i++) {
      await checkCredentials(member.email, `wrong ${i}`, null);
      clock.advance(SIGN_IN_LIMITS.account.capMs);
    }
    clock.advance(SIGN_IN_LIMITS.account.forgetAfterMs);
    for (let i = 0; i < 4; i++) expect(await checkCredentials(member.email, `wrong again ${i}`, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(member.email, PASSWORD, null)).toMatchObject({ ok: true });
  });

  it("spends an address's budget of 100 attempts across accounts, then one every 10 s; other addresses and trusted browsers are not held up", async () => {
    const clock = frozenClock();
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const address = uniqueAddress();
    const ctx = { address, trustedDevice: null };
    for (let i = 0; i < SIGN_IN_LIMITS.address.capacity; i++) {
      expect(await checkCredentials(uniqueEmail("spray"), "guess", ctx)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(member.email, PASSWORD, ctx)).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 10 });
    // Behind the same address (a busy office's NAT), a browser that signed in before goes straight in.
    expect(await checkCredentials(member.email, PASSWORD, { address, trustedDevice: "d".repeat(22) })).toMatchObject({ ok: true });
    // Another address is unaffected; and this one gets an attempt back every 10 s.
    expect(await checkCredentials(member.email, PASSWORD, { address: uniqueAddress(), trustedDevice: null })).toMatchObject({ ok: true });
    clock.advance(10_000);
    expect(await checkCredentials(member.email, PASSWORD, ctx)).toMatchObject({ ok: true });
  });

  it("counts the addresses of one IPv6 /64 together", async () => {
    frozenClock();
    const prefix = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    await checkCredentials(uniqueEmail("v6"), "guess", { address: `${prefix}::1`, trustedDevice: null });
    await checkCredentials(uniqueEmail("v6"), "guess", { address: `${prefix}:ffff:ffff:ffff:ffff`, trustedDevice: null });
    const key = signInLimits("x@y.z", { address: `${prefix}::2`, trustedDevice: null })[1]!.key;
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(2);
  });
});

describe("authorize (next-auth's credentials check)", () => {
  it("believes no X-Forwarded-For by default: a client cannot pick the address it is limited under", async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 3; i++) {
      expect(await authorizeCredentials({ email: uniqueEmail("spoof"), password: "guess" }, { "x-forwarded-for": address })).toBeNull();
    }
    // Nothing was charged to that address: it is not a key at all.
    const addressKey = signInLimits("x@y.z", { address, trustedDevice: null })[1]!.key;
    expect(await db().rateLimit.findUnique({ where: { key: addressKey } })).toBeNull();
  });

  it("with TRUSTED_PROXY_HOPS=1 limits the address the proxy appended, not the ones the client wrote", async () => {
    frozenClock();
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    vi.resetModules();
    const { authorizeCredentials: authorize } = await import("@/lib/auth/options");
    const real = uniqueAddress();
    const spoofed = [uniqueAddress(), uniqueAddress(), uniqueAddress()];
    for (const s of spoofed) {
      // The client writes a different left-hand entry each time, to look like many clients.
      expect(await authorize({ email: uniqueEmail("spoof"), password: "guess" }, { "x-forwarded-for": `${s}, ${real}` })).toBeNull();
    }
    const keyOf = (address: string) => signInLimits("x@y.z", { address, trustedDevice: null })[1]!.key;
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key: keyOf(real) } })).count).toBe(3);
    expect(await db().rateLimit.count({ where: { key: { in: spoofed.map(keyOf) } } })).toBe(0);
  });

  it("refuses malformed credentials without touching the database", async () => {
    expect(await authorizeCredentials({ email: "not an address", password: "x" }, {})).toBeNull();
    expect(await authorizeCredentials(undefined, {})).toBeNull();
    expect(await authorizeCredentials({ email: "a@b.c", password: "x".repeat(201) }, {})).toBeNull();
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
