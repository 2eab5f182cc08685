// The hostile-input sweep: every server action and every route handler of the inventory
// (tests/support/entry-points.ts: whatever lib/actions and app/ hold, so a new entry point joins without being
// listed) is called on generated input (tests/support/hostile.ts) as a signed-out visitor and as a
// signed-in person of each role, against a real database. Each call must end in a clear refusal
// or a complete write: never an unexpected error ("Something went wrong", a 5xx, a logged
// "action failed"/"route failed"), and never a refusal that left rows behind. The session is the
// only stand-in, as in the other integration tests.
//
// SWEEP_RUNS sets the inputs per entry point and role (default below); SWEEP_SEED replays a run;
// SWEEP_DEBUG=1 prints how each entry point answered.
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { Actor } from "@/lib/domain/actor";
import { ACTIONS_AT_LEAST, APP, HTTP_METHODS, NOT_WRAPPED, actionFiles, entryName, routeFiles, routeParams, routePath } from "../support/entry-points";
import { arbitraryFor, asFormData, hostileString, hostileValue, type Pool } from "../support/hostile";
import { makeMember, makeOrganization, makeTeam, TINY_PNG_BYTES } from "../factories";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));
// Outside a real request there are no headers, cookies or cache: an empty request, as from a client behind no trusted proxy.
vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => import("../support/next-request"));

// On a shared PostgreSQL server other test files run workers of the job queue, which take the
// jobs this sweep's calls enqueue and write rows of the sweep's organisations at any moment.
// Only this process's own writes count: its connections carry their own application_name
// (node-postgres reads PGAPPNAME when it opens a connection; none is open yet).
const APP_NAME = `ripple-sweep-${process.pid}`;
if (process.env.TEST_DATABASE_URL) process.env.PGAPPNAME = APP_NAME;

const { getDatabase } = await import("@/lib/db/registry");
const { installJobs } = await import("@/lib/jobs/server");
const { logger } = await import("@/lib/platform/logger");
const { ACTION_BRAND, ACTION_INPUT } = await import("@/lib/server/action");
const { ROUTE_BRAND } = await import("@/lib/server/route");
const { quickCapture } = await import("@/lib/db/stories");
const { setStoryStatus, saveStoryDocument, getStoryForEditing } = await import("@/lib/db/story-editor");
const { addComment } = await import("@/lib/db/comments");
const { createInvite } = await import("@/lib/db/invites");
const { scheduleFollowUp } = await import("@/lib/db/follow-ups");
const { addFileEvidence } = await import("@/lib/db/evidence");
const { isRedirectError } = await import("next/dist/client/components/redirect-error");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { grantableScopes } = await import("@/lib/domain/api-tokens");

const RUNS = Number(process.env.SWEEP_RUNS ?? 30);
/** Route handlers take fewer inputs (an address has few fields) and some answers are costly (a PDF). */
const ROUTE_RUNS = Math.ceil(RUNS / 2);
const SEED = process.env.SWEEP_SEED ? Number(process.env.SWEEP_SEED) : Date.now() % 2 ** 31;

type Failure = { entry: string; role: string; what: string; input: string };
const failures: Failure[] = [];
let calls = 0;
const outcomes = new Map<string, number>();

const db = () => getDatabase().prisma;
let actors: Record<string, Actor | null> = {};
let pool: Pool = { ids: [], emails: [], words: [], byKey: {} };
let sweepOrg = "";
const apiTokens: Record<string, string> = {};
let sweepOrgs: string[] = [];

/**
 * Counts rows written, by a row trigger on every table but the audit log (rolled back with its
 * transaction, like the rows) and the attempt counters of the rate limits (an attempt is charged
 * before it is judged, refused or not: that is the limit working, not a partial write). On a PostgreSQL server other test files write at the same time,
 * so there only rows of the sweep's organisations count.
 */
const SHARED_SERVER = Boolean(process.env.TEST_DATABASE_URL);
let countedTables: string[] = [];
async function installWriteCounter() {
  await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_sweep_writes" (n bigserial PRIMARY KEY, t text NOT NULL, org text)`);
  await db().$executeRawUnsafe(`ALTER TABLE "_sweep_writes" ADD COLUMN IF NOT EXISTS app text`);
  await db().$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION "_sweep_count"() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE r jsonb := to_jsonb(coalesce(NEW, OLD));
     BEGIN INSERT INTO "_sweep_writes"(t, org, app) VALUES (TG_TABLE_NAME, coalesce(r->>'organizationId', CASE WHEN TG_TABLE_NAME = 'Organization' THEN r->>'id' END), current_setting('application_name', true)); RETURN NULL; END $$`,
  );
  const tables = await db().$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_sweep_writes', '_prisma_migrations', 'AuditEvent', 'RateLimit')`,
  );
  countedTables = tables.map((t) => t.tablename);
  for (const table of countedTables) {
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "_sweep_count" ON "${table}"`);
    await db().$executeRawUnsafe(`CREATE TRIGGER "_sweep_count" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "_sweep_count"()`);
  }
}
async function removeWriteCounter() {
  for (const table of countedTables) await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "_sweep_count" ON "${table}"`);
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS "_sweep_writes"`);
}
const writes = async () =>
  Number(
    (
      await db().$queryRawUnsafe<{ n: bigint }[]>(
        SHARED_SERVER ? `SELECT count(*) AS n FROM "_sweep_writes" WHERE org = ANY($1::text[]) AND app = $2` : `SELECT count(*) AS n FROM "_sweep_writes"`,
        ...(SHARED_SERVER ? [sweepOrgs, APP_NAME] : []),
      )
    )[0]!.n,
  );

async function orgWithData(name: string) {
  const { admin, organizationId } = await makeOrganization(name);
  const team = await makeTeam(organizationId, `${name} team`);
  const manager = await makeMember(organizationId, { role: "MANAGER", teamId: team.id, name: "Maya Manager" });
  const employee = await makeMember(organizationId, { role: "EMPLOYEE", teamId: team.id, managerId: manager.membershipId, name: "Eli Employee" });
  const lnd = await makeMember(organizationId, { role: "LND", name: "Lee Learning" });
  for (const author of [employee, manager, admin]) {
    const story = await quickCapture(author, { what: `A moment by ${author.name}`, channel: "social", startCycle: "IMMEDIATE" });
    const editing = await getStoryForEditing(author, story.id);
    const doc = editing!.doc;
    doc.visibility = "TEAM";
    doc.tags = ["sweep"];
    doc.entries.REALIZED = {
      narrative: "It paid off",
      indicators: [],
      figureValue: 120,
      figureUnit: "EUR",
      links: [{ url: "https://example.com/", label: "Link" }],
    };
    await saveStoryDocument(author, story.id, editing!.version, doc);
    await setStoryStatus(author, story.id, "PUBLISHED");
    await addComment(author, story.id, "Nice one");
    await scheduleFollowUp(author, story.id, 2);
    await addFileEvidence(author, story.id, "IMMEDIATE", { name: "tiny.png", bytes: TINY_PNG_BYTES });
  }
  await createInvite(admin, { email: undefined, role: "EMPLOYEE", teamId: team.id, managerId: null });
  return { admin, manager, employee, lnd, organizationId };
}

async function collectPool(): Promise<Pool> {
  const ids = new Set<string>();
  const idsByKey: Record<string, string[]> = {};
  for (const table of [
    "Story",
    "Team",
    "Membership",
    "Channel",
    "Indicator",
    "Invite",
    "Comment",
    "Notification",
    "Evidence",
    "FollowUp",
    "CycleEntry",
    "Reflection",
  ]) {
    const rows = await db().$queryRawUnsafe<{ id: string; org: string }[]>(
      `SELECT id::text AS id, "organizationId"::text AS org FROM "${table}" ORDER BY "organizationId", id LIMIT 60`,
    );
    for (const r of rows) ids.add(r.id);
    // A field named after a table ("storyId", "teamId", ...) gets that table's ids in the
    // sweep's organisation (other organisations' ids come from the general list).
    idsByKey[`${table[0]!.toLowerCase()}${table.slice(1)}Id`] = rows.filter((r) => r.org === sweepOrg).map((r) => r.id);
  }
  idsByKey.parentId = idsByKey.teamId!;
  idsByKey.managerId = idsByKey.membershipId!;
  const channels = await db().channel.findMany({ select: { key: true, label: true }, take: 20 });
  const indicators = await db().indicator.findMany({ select: { key: true }, take: 20 });
  const emails = await db().user.findMany({ select: { email: true }, take: 10 });
  const channelKeys = channels.map((c) => c.key);
  const indicatorKeys = indicators.map((i) => i.key);
  return {
    ids: [...ids],
    emails: emails.map((e) => e.email),
    words: ["Podcast", "sweep", "up", "down", "true", "false", "on", "2", "4", "6", "PUBLISHED", "DRAFT", "", ...channels.map((c) => c.label)],
    byKey: {
      ...idsByKey,
      channel: ["", ...channelKeys],
      indicators: indicatorKeys,
      indicatorKeys,
      tags: ["sweep", "Podcast", "ops"],
      on: ["true", "false"],
      status: ["DRAFT", "PUBLISHED"],
    },
  };
}

/** The pool as one person sees it: their own stories first, and the versions stories are at. */
async function poolFor(actor: Actor | null): Promise<Pool> {
  if (!actor) return pool;
  const own = await db().story.findMany({ where: { authorId: actor.membershipId }, select: { id: true, version: true } });
  if (!own.length) return pool;
  return {
    ...pool,
    byKey: {
      ...pool.byKey,
      storyId: [...own.map((s) => s.id), ...own.map((s) => s.id), ...(pool.byKey.storyId ?? [])],
      baseVersion: own.map((s) => String(s.version)),
    },
  };
}

/** SWEEP_DEBUG=1: how each entry point answered, per role, to see how far the generated input gets. */
function tally(entry: string, role: string, result: { ok: boolean; code?: string; fieldErrors?: object } | undefined) {
  if (!process.env.SWEEP_DEBUG) return;
  const how = result?.ok ? "ok" : `${result?.code} ${result?.code === "invalid" ? Object.keys(result.fieldErrors ?? {}).join(",") : ""}`;
  outcomes.set(`${entry} ${role} ${how}`, (outcomes.get(`${entry} ${role} ${how}`) ?? 0) + 1);
}

const show = (value: unknown) => {
  try {
    const s = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof FormData ? Object.fromEntries(v.entries()) : v));
    return (s ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
};

beforeAll(async () => {
  const a = await orgWithData("Sweep Org");
  const b = await orgWithData("Other Org");
  sweepOrgs = [a.organizationId, b.organizationId];
  actors = { "signed out": null, EMPLOYEE: a.employee, MANAGER: a.manager, LND: a.lnd, ADMIN: a.admin };
  sweepOrg = a.organizationId;
  // The REST API (/api/v1) is reached with a token, not the session: each role's, with every scope
  // it may hold. Stamped as just used (ahead of the clock), so that the use stamp, bookkeeping
  // written before a request is judged like the rate limits' counters, is not counted as a write.
  for (const [role, actor] of Object.entries(actors)) {
    if (!actor) continue;
    const { token, view } = await createApiToken(actor, { name: "sweep", scopes: grantableScopes(actor), expiresInDays: 30, kind: "PERSONAL" });
    await db().apiToken.updateMany({ where: { id: view.id }, data: { lastUsedAt: new Date("2999-01-01T00:00:00Z") } });
    apiTokens[role] = token;
  }
  // The job queue's schema and queues, as every start of the app installs them (entry points enqueue jobs).
  await installJobs(getDatabase());
  await installWriteCounter();
  // The counter sees this process's writes (through PgBouncer too, which passes application_name on).
  const before = await writes();
  await db().organization.update({ where: { id: sweepOrg }, data: { name: "Sweep Org" } });
  expect(await writes(), "the write counter counts this process's writes").toBe(before + 1);
  pool = await collectPool();
}, 120_000);

afterAll(async () => {
  await removeWriteCounter();
  const summary = new Map<string, number>();
  for (const f of failures) summary.set(`${f.entry} · ${f.what}`, (summary.get(`${f.entry} · ${f.what}`) ?? 0) + 1);
  console.log(
    `hostile-input sweep (seed ${SEED}, ${RUNS} inputs per action and role, ${ROUTE_RUNS} per route handler and role): ${calls} calls, ${failures.length} failures`,
  );
  for (const [k, n] of summary) console.log(`  ${n} × ${k}`);
  if (process.env.SWEEP_DEBUG) console.log([...outcomes].map(([k, n]) => `${n}\t${k}`).join("\n"));
});

const errorSpy = () => vi.spyOn(logger, "error");

type ActionFn = ((prev: unknown, payload: unknown) => Promise<{ ok: boolean; code?: string; message?: string; fieldErrors?: object }>) &
  Record<symbol, unknown>;

const actionEntries = (
  await Promise.all(
    actionFiles.map(async (file) => {
      const mod = (await import(file)) as Record<string, ActionFn>;
      return Object.entries(mod).map(([name, fn]) => ({ label: `${entryName(file)} ${name}`, fn, schema: fn[ACTION_INPUT] as z.ZodType }));
    }),
  )
).flat();

describe("hostile-input sweep: server actions", () => {
  it("finds every action of the inventory, each with its input schema", () => {
    expect(actionEntries.length).toBeGreaterThanOrEqual(ACTIONS_AT_LEAST);
    for (const a of actionEntries) expect(a.fn[ACTION_BRAND], a.label).toEqual(expect.any(String));
    for (const a of actionEntries) expect(a.schema, a.label).toBeDefined();
  });

  it.each(actionEntries.map((a) => [a.label, a] as const))(
    "%s: a clear refusal or a complete write, for every role",
    async (_label, entry) => {
      const spy = errorSpy();
      for (const [role, actor] of Object.entries(actors)) {
        const inputs = fc.sample(
          fc.tuple(fc.oneof({ weight: 6, arbitrary: arbitraryFor(entry.schema, await poolFor(actor)) }, { weight: 1, arbitrary: hostileValue }), fc.boolean()),
          { numRuns: RUNS, seed: SEED },
        );
        for (let n = 0; n < RUNS; n++) {
          const [value, viaForm] = inputs[n]!;
          const payload = viaForm ? (asFormData(value) ?? value) : value;
          session.actor = actor;
          spy.mockClear();
          const before = await writes();
          calls++;
          let what: string | null = null;
          try {
            const result = await entry.fn(null, payload);
            tally(entry.label, role, result);
            if (!result || typeof result !== "object" || !("ok" in result)) what = "no result";
            else if (!result.ok && result.code === "error") what = "answered 'Something went wrong'";
            else if (!result.ok && (await writes()) !== before) what = "refused, yet wrote rows";
            else if (result.ok === false && typeof result.message !== "string") what = "refusal without a message";
          } catch (error) {
            if (!isRedirectError(error)) what = `threw ${error instanceof Error ? error.name : typeof error}`;
          }
          if (!what && spy.mock.calls.length) what = `logged an error: ${show(spy.mock.calls[0]?.[1] ?? spy.mock.calls[0]?.[0])}`;
          if (what) failures.push({ entry: entry.label, role, what: what.slice(0, 160), input: show(payload) });
        }
      }
      spy.mockRestore();
      const mine = failures.filter((f) => f.entry === entry.label);
      expect(mine.slice(0, 5), `seed ${SEED}`).toEqual([]);
    },
    180_000,
  );
});

type RouteFn = ((request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & Record<symbol, unknown>;

const routeEntries = (
  await Promise.all(
    routeFiles
      .filter((file) => !NOT_WRAPPED[path.relative(APP, file)])
      .map(async (file) => {
        const mod = (await import(file)) as Record<string, RouteFn>;
        return Object.entries(mod)
          .filter(([name]) => HTTP_METHODS.includes(name))
          .map(([method, fn]) => ({ label: `${path.relative(APP, file)} ${method}`, method, fn, file, params: routeParams(file) }));
      }),
  )
).flat();

const QUERY_KEYS = [
  "from",
  "to",
  "team",
  "channel",
  "tag",
  "cycle",
  "unit",
  "period",
  "at",
  "indicator",
  "stalled",
  "page",
  "q",
  "person",
  // The share target's (app/api/capture/share).
  "title",
  "text",
  "url",
  "__proto__",
  "constructor",
];

function requestArbitrary(method: string, file: string, params: string[]) {
  const paramValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool.ids) }, { weight: 2, arbitrary: hostileString });
  const query = fc.array(
    fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.constantFrom(...pool.words, ...pool.ids, "2025-01-01", "all", "week", "applied", "1"), hostileString)),
    { maxLength: 5 },
  );
  const body = fc.oneof(
    fc.constant(null),
    fc
      .record({
        cycle: fc.oneof(fc.constantFrom("IMMEDIATE", "APPLIED"), hostileString),
        file: fc.oneof(fc.constant("png"), fc.constant("text"), fc.constant("none")),
        extra: fc.option(hostileString),
      })
      .map((r) => {
        const form = new FormData();
        form.set("cycle", r.cycle);
        if (r.file === "png") form.set("file", new File([TINY_PNG_BYTES], "tiny.png"));
        if (r.file === "text") form.set("file", new File(["hello"], "hello.txt"));
        if (r.extra) form.set("__proto__", r.extra);
        return form;
      }),
    hostileString,
  );
  const headers = fc.record({
    origin: fc.constantFrom(undefined, "http://localhost:3000", "https://evil.example", "null"),
    contentType: fc.constantFrom(undefined, "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/json"),
  });
  return fc.record({ params: fc.tuple(...params.map(() => paramValue)), query, body, headers }).map(({ params: values, query: q, body: b, headers: h }) => {
    const p = Object.fromEntries(params.map((name, i) => [name, values[i] as string]));
    const url = new URL(`http://localhost:3000${routePath(file, p)}`);
    for (const [k, v] of q) url.searchParams.append(k, v);
    const init: RequestInit = { method, headers: {} };
    const hdrs = new Headers({ host: "localhost:3000" });
    if (h.origin) hdrs.set("origin", h.origin);
    if (method !== "GET" && method !== "HEAD" && b !== null) {
      init.body = b;
      if (h.contentType && typeof b === "string") hdrs.set("content-type", h.contentType);
    }
    init.headers = hdrs;
    return {
      request: new Request(url, init),
      params: p,
      show: `${method} ${url.pathname}${url.search} ${typeof b === "string" ? show(b.slice(0, 60)) : b ? "form" : ""}`,
    };
  });
}

describe("hostile-input sweep: route handlers", () => {
  it("finds the route handlers of the inventory", () => {
    expect(routeEntries.length).toBeGreaterThan(5);
    for (const r of routeEntries) expect(r.fn[ROUTE_BRAND], r.label).toEqual(expect.any(String));
  });

  it.each(routeEntries.map((r) => [r.label, r] as const))(
    "%s: never a 5xx, for every role",
    async (_label, entry) => {
      const spy = errorSpy();
      const requests = fc.sample(requestArbitrary(entry.method, entry.file, entry.params), { numRuns: ROUTE_RUNS * Object.keys(actors).length, seed: SEED });
      let i = 0;
      for (const [role, actor] of Object.entries(actors)) {
        for (let n = 0; n < ROUTE_RUNS; n++, i++) {
          const { request, params, show: shown } = requests[i]!;
          session.actor = actor;
          if (entry.file.includes(`${path.sep}api${path.sep}v1${path.sep}`) && apiTokens[role])
            request.headers.set("authorization", `Bearer ${apiTokens[role]}`);
          spy.mockClear();
          const before = await writes();
          calls++;
          let what: string | null = null;
          try {
            const res = await entry.fn(request, { params: Promise.resolve(params) });
            await res.arrayBuffer();
            if (res.status >= 500) what = `answered ${res.status}`;
            else if (res.status >= 400 && (await writes()) !== before) what = `answered ${res.status}, yet wrote rows`;
          } catch (error) {
            what = `threw ${error instanceof Error ? error.name : typeof error}`;
          }
          if (!what && spy.mock.calls.length) what = `logged an error: ${show(spy.mock.calls[0]?.[1] ?? spy.mock.calls[0]?.[0])}`;
          if (what) failures.push({ entry: entry.label, role, what: what.slice(0, 160), input: shown });
        }
      }
      spy.mockRestore();
      const mine = failures.filter((f) => f.entry === entry.label);
      expect(mine.slice(0, 5), `seed ${SEED}`).toEqual([]);
    },
    180_000,
  );
});
