// Server-side sessions, through next-auth's own handler: sign in at /api/auth/callback/credentials
// (CSRF token and all), read the session cookie back at /api/auth/session (its real JWT decode),
// sign out at /api/auth/signout. A cookie copied before sign-out, a password change, a
// deactivation or a role change must not yield an actor afterwards.
import { createHash, randomBytes } from "node:crypto";
import NextAuth, { type Session } from "next-auth";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { authSecret } from "@/lib/platform/secret";
import { actorFromSession } from "@/lib/auth/session";
import { deactivateMember, reactivateMember, updateMember } from "@/lib/db/admin";
import { changePassword, checkCredentials, findMembershipForEmail } from "@/lib/db/auth";
import { ExpectedError } from "@/lib/platform/errors";
import { getDatabase } from "@/lib/db/registry";
import { makeMember, makeOrganization, PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;
const SESSION_COOKIE = "next-auth.session-token";
const CSRF_COOKIE = "next-auth.csrf-token";

afterEach(() => vi.useRealTimers());

function csrf() {
  const token = randomBytes(32).toString("hex");
  return { token, cookie: `${token}|${createHash("sha256").update(`${token}${authSecret()}`).digest("hex")}` };
}

type Result = { status: number; cookies: Map<string, string>; body: unknown };

/** One request to next-auth's handler (its API-route form: the same core as the app route). */
async function nextAuth(
  path: string,
  opts: { method?: "GET" | "POST"; cookies?: Record<string, string>; body?: Record<string, string> } = {},
): Promise<Result> {
  const headers = new Map<string, string | string[]>();
  let status = 200;
  let body: unknown;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => res,
    json(b: unknown) {
      body = b;
      return res;
    },
    send(b: unknown) {
      body = b;
      return res;
    },
  };
  const req = {
    query: { nextauth: path.split("/") },
    method: opts.method ?? "GET",
    headers: { host: "localhost:3000" },
    cookies: opts.cookies ?? {},
    body: { ...opts.body, json: "true" },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions());
  const cookies = new Map<string, string>();
  for (const c of [headers.get("set-cookie") ?? []].flat()) {
    const [pair = ""] = c.split(";");
    const eq = pair.indexOf("=");
    cookies.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
  }
  return { status, cookies, body };
}

/** Signs in like the sign-in form does; returns the session cookie's value (a signed JWT). */
async function signIn(email: string, password = PASSWORD): Promise<string> {
  const c = csrf();
  const res = await nextAuth("callback/credentials", { method: "POST", cookies: { [CSRF_COOKIE]: c.cookie }, body: { email, password, csrfToken: c.token } });
  const value = res.cookies.get(SESSION_COOKIE);
  if (!value) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return value;
}

/** What a request carrying this cookie gets: the session next-auth decodes, then the actor Ripple loads for it. */
async function sessionFor(cookie: string): Promise<Session | null> {
  const res = await nextAuth("session", { cookies: { [SESSION_COOKIE]: cookie } });
  const body = res.body as Session | Record<string, never> | undefined;
  return body && Object.keys(body).length ? (body as Session) : null;
}
const actorFor = async (cookie: string) => actorFromSession(await sessionFor(cookie));
const sessionIdOf = async (cookie: string) => (await sessionFor(cookie))!.user.sessionId!;

async function signOut(cookie: string): Promise<void> {
  const c = csrf();
  const res = await nextAuth("signout", { method: "POST", cookies: { [CSRF_COOKIE]: c.cookie, [SESSION_COOKIE]: cookie }, body: { csrfToken: c.token } });
  // The browser's cookie is cleared too; the copy kept by an attacker is what the tests try.
  expect(res.cookies.get(SESSION_COOKIE)).toBe("");
}

describe("server-side sessions", () => {
  it("a cookie from a real sign-in yields the actor, with the session's id in the session", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId, { role: "MANAGER" });
    const cookie = await signIn(member.email);
    expect(await actorFor(cookie)).toMatchObject({ userId: member.userId, membershipId: member.membershipId, role: "MANAGER" });
    const sessionId = await sessionIdOf(cookie);
    expect(await db().session.findFirstOrThrow({ where: { id: sessionId } })).toMatchObject({ membershipId: member.membershipId, revokedAt: null });
  });

  it("sign-out ends that session: a copy of the cookie taken before is worth nothing; the person's other sessions stay", async () => {
    const { organizationId } = await makeOrganization();
    const manager = await makeMember(organizationId, { role: "MANAGER" });
    const copied = await signIn(manager.email);
    const otherBrowser = await signIn(manager.email);
    expect(await actorFor(copied)).not.toBeNull();

    await signOut(copied);
    expect(await actorFor(copied)).toBeNull();
    expect(await actorFor(otherBrowser)).toMatchObject({ membershipId: manager.membershipId });
    expect(await db().auditEvent.findMany({ where: { action: "auth.sign_out", actorId: manager.membershipId } })).toMatchObject([
      { organizationId, subject: manager.email },
    ]);
  });

  it("a password change ends every other session of the person, keeps the one that made it, and only the new password works", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const here = await signIn(member.email);
    const elsewhere = await signIn(member.email);
    const actor = (await actorFor(here))!;

    const result = await changePassword(actor, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" }, await sessionIdOf(here));
    expect(result).toEqual({ endedSessions: 1 });
    expect(await actorFor(here)).toMatchObject({ membershipId: member.membershipId });
    expect(await actorFor(elsewhere)).toBeNull();
    expect(await checkCredentials(member.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(member.email, "a brand new passphrase", null)).toMatchObject({ ok: true });
    expect(await db().auditEvent.findMany({ where: { action: "auth.password_changed", actorId: member.membershipId } })).toMatchObject([
      { meta: { endedSessions: 1 } },
    ]);
  });

  it("a password change needs the current password, throttled like sign-in, and is refused for a single sign-on account", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const cookie = await signIn(member.email);
    const actor = (await actorFor(cookie))!;
    const attempt = (currentPassword: string) => changePassword(actor, { currentPassword, newPassword: "another passphrase" }, null).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) {
      const e = (await attempt(`wrong ${i}`)) as ExpectedError;
      expect(e).toBeInstanceOf(ExpectedError);
      expect(e.fieldErrors).toEqual({ currentPassword: ["That is not your current password."] });
    }
    const limited = (await attempt(PASSWORD)) as ExpectedError;
    expect(limited.code).toBe("rate_limited");
    expect(limited.message).toBe("Too many attempts. Try again in 1 second.");
    expect(await actorFor(cookie)).not.toBeNull(); // nothing changed

    const sso = await db().user.create({ data: { email: uniqueEmail("sso"), name: "SSO", passwordHash: null } });
    const m = await db().membership.create({ data: { organizationId, userId: sso.id } });
    const ssoActor = { ...actor, userId: sso.id, membershipId: m.id, email: sso.email };
    expect(
      ((await changePassword(ssoActor, { currentPassword: "x", newPassword: "whatever long" }, null).catch((e: unknown) => e)) as ExpectedError).code,
    ).toBe("conflict");
  });

  it("deactivation ends all the person's sessions, and reactivation does not bring them back", async () => {
    const { admin, organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const a = await signIn(member.email);
    const b = await signIn(member.email);
    await deactivateMember(admin, member.membershipId);
    expect(await actorFor(a)).toBeNull();
    await reactivateMember(admin, member.membershipId);
    expect(await actorFor(a)).toBeNull();
    expect(await actorFor(b)).toBeNull();
    expect(await actorFor(await signIn(member.email))).toMatchObject({ membershipId: member.membershipId });
    expect(await db().session.count({ where: { membershipId: member.membershipId, revokedAt: { not: null } } })).toBe(2);
  });

  it("a role change ends the person's sessions; a team change does not", async () => {
    const { admin, organizationId } = await makeOrganization();
    const member = await makeMember(organizationId, { role: "MANAGER" });
    const bystander = await makeMember(organizationId);
    const cookie = await signIn(member.email);
    const bystanders = await signIn(bystander.email);
    const team = await db().team.create({ data: { organizationId, name: `Team ${randomBytes(3).toString("hex")}` } });
    await updateMember(admin, member.membershipId, { teamId: team.id });
    expect(await actorFor(cookie)).toMatchObject({ teamId: team.id, role: "MANAGER" });

    await updateMember(admin, member.membershipId, { role: "EMPLOYEE" });
    expect(await actorFor(cookie)).toBeNull();
    expect(await actorFor(bystanders)).not.toBeNull();
    expect(await actorFor(await signIn(member.email))).toMatchObject({ role: "EMPLOYEE" });
  });

  it("a session ends 12 hours after sign-in, whatever the cookie says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const result = await checkCredentials(member.email, PASSWORD, null);
    const sessionId = (result as { sessionId: string }).sessionId;
    // A cookie made to last longer than the session (e.g. with a stolen secret, or a changed maxAge).
    const cookie = await encode({
      token: { sub: member.userId, mid: member.membershipId, oid: organizationId, sid: sessionId },
      secret: authSecret(),
      maxAge: 30 * 24 * 3600,
    });
    expect(await actorFor(cookie)).not.toBeNull();
    vi.setSystemTime(Date.now() + 12 * 3600 * 1000 + 1000);
    expect(await actorFor(cookie)).toBeNull();
  });

  it("a cookie without a session id (issued before server-side sessions) yields no actor", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const cookie = await encode({ token: { sub: member.userId, mid: member.membershipId }, secret: authSecret() });
    expect(await sessionFor(cookie)).toMatchObject({ user: { id: member.userId, membershipId: member.membershipId } });
    expect(await actorFor(cookie)).toBeNull();
  });

  it("a session id of someone else's session does not stand in for one's own", async () => {
    const { organizationId } = await makeOrganization();
    const a = await makeMember(organizationId);
    const b = await makeMember(organizationId);
    const bs = await sessionIdOf(await signIn(b.email));
    const forged = await encode({ token: { sub: a.userId, mid: a.membershipId, oid: organizationId, sid: bs }, secret: authSecret() });
    expect(await actorFor(forged)).toBeNull();
  });

  it("a cookie without the organisation's id (issued before sessions were keyed by it) yields no actor", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const sid = await sessionIdOf(await signIn(member.email));
    const token = { sub: member.userId, mid: member.membershipId, sid };
    expect(await actorFor(await encode({ token: { ...token, oid: organizationId }, secret: authSecret() }))).not.toBeNull();
    expect(await actorFor(await encode({ token, secret: authSecret() }))).toBeNull();
  });

  it("single sign-on opens a server-side session too", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const found = await findMembershipForEmail(member.email);
    expect(found).toMatchObject({ userId: member.userId, membershipId: member.membershipId, sessionId: expect.any(String) });
    expect(await db().session.count({ where: { id: found!.sessionId, revokedAt: null } })).toBe(1);
  });
});
