// The REST API (/api/v1) on a real database, through its route handlers: tokens (scopes, expiry,
// revocation, a person who leaves, an organisation token whose admin stops administering), the
// per-token rate limit, idempotency keys, cursor pagination and problem+json errors. Expected
// answers are written out by hand.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { makeMember, makeOrganization } from "../factories";
import { callApi } from "../support/api";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => import("../support/next-request"));

const { getDatabase } = await import("@/lib/db/registry");
const { createApiToken, revokeApiToken, hashApiToken, pruneIdempotencyKeys, beginIdempotent } = await import("@/lib/db/api-tokens");
const { eraseStory } = await import("@/lib/db/trash");
const { deactivateMember, reactivateMember, updateMember } = await import("@/lib/db/admin");
const { limitKey } = await import("@/lib/db/rate-limit");
const { API_LIMITS } = await import("@/lib/domain/rate-limit");
const { now } = await import("@/lib/platform/clock");
type Actor = import("@/lib/domain/actor").Actor;

const db = () => getDatabase().prisma;
let admin: Actor;
let person: Actor;
let org: string;

async function tokenFor(actor: Actor, scopes: ("read" | "write" | "admin")[], kind: "PERSONAL" | "ORGANIZATION" = "PERSONAL") {
  return (await createApiToken(actor, { name: `t ${scopes.join("+")}`, scopes, expiresInDays: 30, kind })).token;
}

type Problem = { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] };

beforeAll(async () => {
  const made = await makeOrganization("Api Inc");
  admin = made.admin;
  org = made.organizationId;
  person = await makeMember(org);
});

describe("authentication", () => {
  it("answers 401 problem+json without a token, with a malformed one and with an unknown one", async () => {
    for (const token of [null, "nope", `rpl_${"A".repeat(43)}`]) {
      const res = await callApi("GET", "/api/v1/stories", { token });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="ripple"/);
      const p = res.body as Problem;
      expect(p).toMatchObject({ status: 401, title: "A valid API token is needed", type: "/developers#problem-unauthorized" });
    }
  });

  it("keeps only the token's hash, and records when it was last used", async () => {
    const token = await tokenFor(person, ["read"]);
    expect(token).toMatch(/^rpl_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findFirstOrThrow({ where: { tokenHash: hashApiToken(token) } });
    expect(row.prefix).toBe(token.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.lastUsedAt).toBeNull();
    expect((await callApi("GET", "/api/v1/stories", { token })).status).toBe(200);
    expect((await db().apiToken.findFirstOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();
  });

  it("refuses an expired token and a revoked one; creating and revoking are audited", async () => {
    const expiring = await tokenFor(person, ["read"]);
    await db().apiToken.updateMany({ where: { tokenHash: hashApiToken(expiring) }, data: { expiresAt: new Date(now().getTime() - 1000) } });
    expect((await callApi("GET", "/api/v1/stories", { token: expiring })).status).toBe(401);

    const revoked = await tokenFor(person, ["read"]);
    expect((await callApi("GET", "/api/v1/stories", { token: revoked })).status).toBe(200);
    const row = await db().apiToken.findFirstOrThrow({ where: { tokenHash: hashApiToken(revoked) } });
    await revokeApiToken(person, row.id);
    expect((await callApi("GET", "/api/v1/stories", { token: revoked })).status).toBe(401);
    const events = await db().auditEvent.findMany({ where: { organizationId: org, targetId: row.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["api_token.created", "api_token.revoked"]);
  });

  it("someone else's token cannot be revoked by a colleague, but by an admin", async () => {
    const token = await tokenFor(person, ["read"]);
    const row = await db().apiToken.findFirstOrThrow({ where: { tokenHash: hashApiToken(token) } });
    const colleague = await makeMember(org);
    await expect(revokeApiToken(colleague, row.id)).rejects.toMatchObject({ code: "not_found" });
    const stranger = (await makeOrganization("Other Co")).admin;
    await expect(revokeApiToken(stranger, row.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeApiToken(admin, row.id);
    expect((await callApi("GET", "/api/v1/stories", { token })).status).toBe(401);
  });

  it("stops working when its person is deactivated, and stays revoked when they come back", async () => {
    const leaver = await makeMember(org);
    const token = await tokenFor(leaver, ["read"]);
    expect((await callApi("GET", "/api/v1/stories", { token })).status).toBe(200);
    await deactivateMember(admin, leaver.membershipId);
    expect((await callApi("GET", "/api/v1/stories", { token })).status).toBe(401);
    await reactivateMember(admin, leaver.membershipId);
    expect((await callApi("GET", "/api/v1/stories", { token })).status).toBe(401);
    expect(await db().apiToken.count({ where: { organizationId: org, ownerId: leaver.membershipId, revokedAt: null } })).toBe(0);
  });

  it("gives the admin scope and organisation tokens only to those who administer", async () => {
    await expect(createApiToken(person, { name: "x", scopes: ["admin"], expiresInDays: 30, kind: "PERSONAL" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createApiToken(person, { name: "x", scopes: ["read"], expiresInDays: 30, kind: "ORGANIZATION" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createApiToken(person, { name: "x", scopes: ["read"], expiresInDays: 400, kind: "PERSONAL" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("an organisation token stops working when the admin who created it no longer administers", async () => {
    const second = await makeMember(org, { role: "ADMIN" });
    const token = await tokenFor(second, ["read", "admin"], "ORGANIZATION");
    expect((await callApi("GET", "/api/v1/tokens", { token })).status).toBe(200);
    await updateMember(admin, second.membershipId, { role: "EMPLOYEE", teamId: second.teamId, managerId: second.managerId });
    expect((await callApi("GET", "/api/v1/tokens", { token })).status).toBe(401);
  });
});

describe("scopes", () => {
  it("read reads and cannot write; write writes; admin-only operations need admin and an admin", async () => {
    const read = await tokenFor(person, ["read"]);
    const write = await tokenFor(person, ["write"]);
    const res = await callApi("POST", "/api/v1/stories", { token: read, body: { what: "Scoped capture" } });
    expect(res.status).toBe(403);
    expect((res.body as Problem).type).toBe("/developers#problem-insufficient_scope");
    expect((await callApi("POST", "/api/v1/stories", { token: write, body: { what: "Scoped capture" } })).status).toBe(201);
    // An employee's write token: the admin scope is missing.
    expect((await callApi("GET", "/api/v1/tokens", { token: write })).status).toBe(403);
    // An admin's token without the admin scope, then with it.
    expect((await callApi("GET", "/api/v1/tokens", { token: await tokenFor(admin, ["read", "write"]) })).status).toBe(403);
    expect((await callApi("GET", "/api/v1/tokens", { token: await tokenFor(admin, ["admin"]) })).status).toBe(200);
    // Teams are the admins' (as Admin › Teams): an employee's read token gets 404.
    expect((await callApi("GET", "/api/v1/teams", { token: read })).status).toBe(404);
  });
});

describe("errors", () => {
  it("lists every invalid field of a body as problem+json", async () => {
    const token = await tokenFor(person, ["write"]);
    const res = await callApi("POST", "/api/v1/stories", { token, body: { what: "x", startCycle: "LATER" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = res.body as Problem;
    expect(p.errors?.map((e) => e.path).sort()).toEqual(["body.startCycle", "body.what"]);
    expect((await callApi("POST", "/api/v1/stories", { token, rawBody: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await callApi("GET", "/api/v1/stories/not-a-uuid", { token })).status).toBe(400);
    expect((await callApi("GET", "/api/v1/stories/0190a0a0-0000-7000-8000-000000000000", { token })).status).toBe(404);
  });
});

describe("idempotency keys", () => {
  it("replays the first answer for a repeat, refuses another body with the same key (422), and writes once", async () => {
    const token = await tokenFor(person, ["write"]);
    const headers = { "idempotency-key": "capture-0001" };
    const first = await callApi("POST", "/api/v1/stories", { token, body: { what: "Idempotent capture" }, headers });
    const again = await callApi("POST", "/api/v1/stories", { token, body: { what: "Idempotent capture" }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);
    expect(await db().story.count({ where: { organizationId: org, title: "Idempotent capture" } })).toBe(1);
    const other = await callApi("POST", "/api/v1/stories", { token, body: { what: "Another capture" }, headers });
    expect(other.status).toBe(422);
    expect((other.body as Problem).type).toBe("/developers#problem-idempotency_mismatch");
    // The same key of another token is another key.
    const mine = await callApi("POST", "/api/v1/stories", { token: await tokenFor(person, ["write"]), body: { what: "Another capture" }, headers });
    expect(mine.status).toBe(201);
  });

  it("a kept answer goes when its story is erased, and every kept answer after 24 hours; a key whose request died is free after 5 minutes", async () => {
    const token = await tokenFor(person, ["write"]);
    const made = await callApi("POST", "/api/v1/stories", { token, body: { what: "Words kept for replay" }, headers: { "idempotency-key": "erase-0001" } });
    const id = (made.body as { id: string }).id;
    const kept = () => db().apiIdempotency.count({ where: { organizationId: org, body: { contains: "Words kept for replay" } } });
    expect(await kept()).toBe(1);
    await eraseStory(person, id);
    expect(await kept()).toBe(0);

    // Past 24 hours, the daily prune deletes what is left; younger answers stay.
    await callApi("POST", "/api/v1/stories", { token, body: { what: "An older answer" }, headers: { "idempotency-key": "old-0001" } });
    await db().apiIdempotency.updateMany({ where: { organizationId: org, key: "old-0001" }, data: { createdAt: new Date(now().getTime() - 25 * 3_600_000) } });
    expect(await pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db().apiIdempotency.count({ where: { organizationId: org, key: "old-0001" } })).toBe(0);
    expect(await db().apiIdempotency.count({ where: { organizationId: org, key: "erase-0001" } })).toBe(0);

    // A first request that never finished (status null): 409 for a while, then the key runs again.
    const hash = "x".repeat(64);
    const stuck = await db().apiIdempotency.findFirstOrThrow({ where: { organizationId: org }, select: { tokenId: true } });
    await db().apiIdempotency.create({
      data: { organizationId: org, tokenId: stuck.tokenId, key: "stuck-1", requestHash: hash, createdAt: new Date(now().getTime() - 6 * 60_000) },
    });
    expect(await beginIdempotent({ id: stuck.tokenId, organizationId: org }, "stuck-1", hash)).toMatchObject({ kind: "new" });
  });

  it("concurrent repeats write once", async () => {
    const token = await tokenFor(person, ["write"]);
    const headers = { "idempotency-key": "together-1" };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => callApi("POST", "/api/v1/stories", { token, body: { what: "Sent four times at once" }, headers })),
    );
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(await db().story.count({ where: { organizationId: org, title: "Sent four times at once" } })).toBe(1);
  });
});

describe("pagination", () => {
  it("walks every story by cursor, `limit` at a time, with a next link", async () => {
    const author = await makeMember(org);
    const token = await tokenFor(author, ["write"]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await callApi("POST", "/api/v1/stories", { token, body: { what: `Paged story ${i}` } })).body as { id: string }).id);
    const seen: string[] = [];
    let address: string | null = "/api/v1/stories?limit=2";
    let pages = 0;
    while (address) {
      const res = await callApi("GET", address, { token });
      expect(res.status).toBe(200);
      const page = res.body as { items: { id: string }[]; next: string | null; nextLink: string | null };
      seen.push(...page.items.map((s) => s.id));
      if (page.nextLink) expect(res.headers.get("link")).toBe(`<${page.nextLink}>; rel="next"`);
      address = page.nextLink;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect((await callApi("GET", "/api/v1/stories?limit=0", { token })).status).toBe(400);
    expect((await callApi("GET", "/api/v1/stories?limit=101", { token })).status).toBe(400);
    expect((await callApi("GET", "/api/v1/stories?cursor=bogus", { token })).status).toBe(400);
  });
});

describe("rate limit", () => {
  it("refuses a token past its budget with 429 and Retry-After, and counts concurrent requests one by one", async () => {
    const token = await tokenFor(person, ["read"]);
    const row = await db().apiToken.findFirstOrThrow({ where: { tokenHash: hashApiToken(token) } });
    const key = limitKey("api-token", row.id);
    // The bucket 3 short of full, as of now: 3 more fit, then it leaks one per 100 ms.
    await db().rateLimit.upsert({
      where: { key },
      create: { key, count: API_LIMITS.token.capacity - 3, at: now() },
      update: { count: API_LIMITS.token.capacity - 3, at: now() },
    });
    const answers = await Promise.all(Array.from({ length: 12 }, () => callApi("GET", "/api/v1/people", { token })));
    const ok = answers.filter((a) => a.status === 200).length;
    const limited = answers.filter((a) => a.status === 429);
    // 3 fit, and the bucket leaks one per 100 ms while they run: a few more at most, never all 12.
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok + limited.length).toBe(12);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((limited[0]!.body as Problem).status).toBe(429);
    // Another token of the same person has its own budget.
    expect((await callApi("GET", "/api/v1/people", { token: await tokenFor(person, ["read"]) })).status).toBe(200);
  });
});
