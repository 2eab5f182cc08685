// `npm run bench:reports -- --sizes 10000,100000 [--seed 1] [--runs 5] [--as lnd,manager]
//   [--database-url …] [--no-plain] [--url http://localhost:3000 [--password …]]`
// For each size: generates (or reuses, by slug) a synthetic organisation, then times EVERY query
// the /reports page and the leadership PDF run (the nine of the page, the PDF's best stories,
// the page's context; median of --runs after one warm-up), for the L&D person and for the
// manager of the largest line, in the page's two views (its default period and all time, as
// lib/db/report-context.ts builds them), and the whole set as the page and the PDF run it (in
// parallel). Beside each L&D query: the floor, plain hand-written SQL that computes the same
// answer for that person from the same rollup tables (no scope building, no shaping), and the
// ratio; and (unless --no-plain) the plain hand-written SQL over the base tables (stories, cycle
// entries, contributors), which is what the rollups replace. Then the rollup tables' live and
// dead rows (pg_stat_user_tables). With --url (a running server on the same database), the
// whole page over HTTP, to the last byte, signed in as each person (the bench sets their
// password: only on a synthetic organisation).
// Database: PostgreSQL with DATABASE_URL (or --database-url); otherwise PGlite, in memory by
// default or in RIPPLE_DATA_DIR when that names a folder.
import { Prisma } from "../lib/db/generated/client";
import { databaseConfig, openDatabase, type Database } from "../lib/db/prisma";
import { deployPendingMigrations } from "../lib/db/migrate";
import { installDatabase } from "../lib/db/registry";
import { loadActor } from "../lib/db/auth";
import {
  reportCapitalMix,
  reportMatrix,
  reportNetwork,
  reportNetworkPerRow,
  reportParticipation,
  reportParticipationPerRow,
  reportProgression,
  reportRealizedValue,
  reportTrends,
} from "../lib/db/reports";
import { reportGraph } from "../lib/db/report-graph";
import { reportTopStories, TOP_STORIES_PER_CYCLE, LEADING_STORIES } from "../lib/db/report-stories";
import { reportContext } from "../lib/db/report-context";
import { bestSummaryStories, leadershipSummary } from "../lib/db/leadership-summary";
import type { Actor } from "../lib/domain/actor";
import { GRAPH_STORY_LIMIT } from "../lib/domain/report-charts";
import type { ReportFilters } from "../lib/domain/report-filters";
import { hashPassword } from "../lib/platform/password";
import { argValue, generateOrganization } from "./generate-org";

const args = process.argv.slice(2);
const sizes = (argValue(args, "sizes") ?? "10000")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isFinite(n) && n > 0);
const runs = Number(argValue(args, "runs") ?? 5);
const seed = Number(argValue(args, "seed") ?? 1);
const databaseUrl = argValue(args, "database-url") ?? process.env.DATABASE_URL;
const dataDirEnv = process.env.RIPPLE_DATA_DIR;
/** --no-plain skips timing the plain SQL over the base tables (slow at 1M). */
const skipPlain = args.includes("--no-plain");
const who = (argValue(args, "as") ?? "lnd,manager").split(",").map((s) => s.trim());
const serverUrl = argValue(args, "url");
const password = argValue(args, "password") ?? "bench-reports-password";

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return medianOf(samples);
}

/** The floor: the same answers, written by hand for an L&D person with no team and no reports. */
function floors(db: Database, actor: Actor, from: Date | null): Record<string, () => Promise<unknown>> {
  const p = db.prisma;
  const org = actor.organizationId;
  const me = actor.membershipId;
  const since = from ? Prisma.sql`AND s."occurredAt" >= ${from}` : Prisma.empty;
  const vis = Prisma.sql`s."organizationId" = ${org}::uuid AND s.status = 'PUBLISHED' AND s."deletedAt" IS NULL AND (s.visibility = 'ORG' OR s."authorId" = ${me}::uuid) ${since}`;
  const totals = () =>
    p.$queryRaw`SELECT count(*) FILTER (WHERE visibility = 'ORG' OR "authorId" = ${me}::uuid), count(*) FILTER (WHERE visibility = 'PRIVATE' AND "authorId" <> ${me}::uuid),
      count(*) FILTER (WHERE visibility IN ('TEAM', 'MANAGER') AND "authorId" <> ${me}::uuid)
      FROM "Story" s WHERE "organizationId" = ${org}::uuid AND status = 'PUBLISHED' AND "deletedAt" IS NULL ${since}`;
  const cutoff = new Date(Date.now() - 21 * 86_400_000);
  return {
    matrix: async () => {
      await p.$queryRaw`SELECT e.cycle, k.key, count(DISTINCT e."storyId") FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id, unnest(e."indicatorKeys") k(key) WHERE ${vis} GROUP BY 1, 2`;
      await p.indicator.findMany({ where: { organizationId: org } });
      await totals();
    },
    progression: async () => {
      await p.$queryRaw`WITH ent AS (
          SELECT e."storyId", e.cycle, e."recordedAt", lag(e.cycle) OVER w AS pc, lag(e."recordedAt") OVER w AS pa
          FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id WHERE ${vis} WINDOW w AS (PARTITION BY e."storyId" ORDER BY e.cycle))
        SELECT cycle, count(*), NULL::float8 FROM ent GROUP BY cycle
        UNION ALL SELECT cycle, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM ("recordedAt" - pa))) / 86400)
          FROM ent WHERE array_position(enum_range(NULL::"Cycle"), pc) = array_position(enum_range(NULL::"Cycle"), cycle) - 1 GROUP BY cycle
        UNION ALL SELECT NULL, count(DISTINCT "storyId"), NULL FROM ent`;
      await p.$queryRaw`SELECT s.id, s.title, max(e.cycle), max(e."recordedAt") AS last FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id WHERE ${vis}
        GROUP BY s.id HAVING max(e.cycle) < 'REALIZED'::"Cycle" AND max(e."recordedAt") < ${cutoff} ORDER BY last, s.id LIMIT 20`;
      await totals();
    },
    trends: async () => {
      await p.$queryRaw`SELECT date_trunc('month', s."occurredAt"), e.cycle::text, count(*) FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id WHERE ${vis} GROUP BY 1, 2
        UNION ALL SELECT date_trunc('month', s."occurredAt"), c.key, count(*) FROM "Story" s LEFT JOIN "Channel" c ON c.id = s."channelId" WHERE ${vis} GROUP BY 1, 2
        UNION ALL SELECT date_trunc('month', s."occurredAt"), a."teamId"::text, count(*) FROM "Story" s JOIN "Membership" a ON a.id = s."authorId" WHERE ${vis} GROUP BY 1, 2`;
      await totals();
    },
    capital: async () => {
      await p.$queryRaw`SELECT i."capitalKind", count(DISTINCT e."storyId") FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id AND e.cycle = 'POTENTIAL'
        CROSS JOIN unnest(e."indicatorKeys") k(key) JOIN "Indicator" i ON i."organizationId" = ${org}::uuid AND i.key = k.key
        WHERE ${vis} AND i."capitalKind" IS NOT NULL GROUP BY 1`;
      await totals();
    },
    network: async () => {
      await p.$queryRaw`SELECT count(*), count(*) FILTER (WHERE c."insideOrg"), count(*) FILTER (WHERE NOT c."insideOrg"),
          count(DISTINCT c."membershipId"), count(DISTINCT lower(btrim(c."externalName"))), count(DISTINCT lower(btrim(c.platform))),
          count(*) FILTER (WHERE c."tieStrength" = 'STRONG'), count(*) FILTER (WHERE c."tieStrength" = 'WEAK'),
          count(*) FILTER (WHERE c."insideOrg" AND m."teamId" <> a."teamId"), count(DISTINCT c."storyId")
        FROM "Story" s JOIN "Membership" a ON a.id = s."authorId" JOIN "Contributor" c ON c."storyId" = s.id LEFT JOIN "Membership" m ON m.id = c."membershipId"
        WHERE ${vis}`;
      await totals();
    },
    realized: async () => {
      await p.$queryRaw`SELECT e."figureUnit", e."confirmedAt" IS NOT NULL, sum(e."figureValue"), count(*) FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id
        WHERE ${vis} AND e."figureValue" IS NOT NULL GROUP BY 1, 2`;
      await totals();
    },
    topStories: async () => {
      await p.$queryRaw`WITH st AS (
          SELECT s.id, s."occurredAt", s."highlightedAt" IS NOT NULL AS hl, count(*) AS n, bool_or(e."confirmedAt" IS NOT NULL AND e."figureValue" IS NOT NULL) AS confirmed
          FROM "Story" s JOIN "CycleEntry" e ON e."storyId" = s.id WHERE ${vis} GROUP BY s.id)
        SELECT * FROM (SELECT e.cycle, st.id, row_number() OVER (PARTITION BY e.cycle ORDER BY st.hl DESC, st.n DESC, st.confirmed DESC, st."occurredAt" DESC, st.id DESC) AS rn
          FROM st JOIN "CycleEntry" e ON e."storyId" = st.id) x WHERE rn <= ${TOP_STORIES_PER_CYCLE * 5}::int`;
    },
    graph: async () => {
      await p.$queryRaw`SELECT s.id, s.title FROM "Story" s WHERE ${vis} ORDER BY s."occurredAt" DESC, s.id DESC LIMIT ${GRAPH_STORY_LIMIT}::int`;
      await p.$queryRaw`SELECT count(*) FROM "Story" s WHERE ${vis}`;
    },
    participation: async () => {
      await p.$queryRaw`SELECT n, count(*) FROM (SELECT m.id, count(s.id) AS n FROM "Membership" m LEFT JOIN "Story" s ON s."authorId" = m.id AND ${vis}
          WHERE m."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' GROUP BY m.id) x GROUP BY n`;
      await p.$queryRaw`SELECT count(*), count(DISTINCT r."membershipId") FROM "Reflection" r JOIN "Membership" m ON m.id = r."membershipId"
        WHERE r."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' AND NOT r.skipped`;
      await totals();
    },
  };
}

/**
 * The rollup floor: the same answers by plain hand-written SQL over the rollup table, for an L&D
 * person with no team and no reports (no scope building, no ORM, no shaping), one statement per
 * part of the answer.
 */
function rollupFloors(db: Database, actor: Actor, from: Date | null): Record<string, () => Promise<unknown>> {
  const p = db.prisma;
  const org = actor.organizationId;
  const me = actor.membershipId;
  const base = from
    ? Prisma.sql`r."organizationId" = ${org}::uuid AND r.live AND r."occurredAt" >= ${from}`
    : Prisma.sql`r."organizationId" = ${org}::uuid AND r.live`;
  const sinceUnsafe = from ? ` AND r."occurredAt" >= '${from.toISOString()}'::timestamp` : "";
  const vis = Prisma.sql`${base} AND (r.visibility = 'ORG' OR r."authorId" = ${me}::uuid)`;
  const totals = () =>
    p.$queryRaw`SELECT count(*) FILTER (WHERE visibility = 'ORG' OR "authorId" = ${me}::uuid), count(*) FILTER (WHERE visibility = 'PRIVATE' AND "authorId" <> ${me}::uuid),
      count(*) FILTER (WHERE visibility IN ('TEAM', 'MANAGER') AND "authorId" <> ${me}::uuid) FROM "StoryRollup" r WHERE ${base}`;
  const cutoff = new Date(Date.now() - 21 * 86_400_000);
  const places = () => p.$queryRaw<{ key: string; place: number; cycle: string; kind: string | null }[]>`
    SELECT key, cycle::text, "capitalKind"::text AS kind, (row_number() OVER (ORDER BY "createdAt", id) - 1)::int AS place FROM "Indicator" WHERE "organizationId" = ${org}::uuid`;
  return {
    matrix: async () => {
      const ind = await places();
      await p.$queryRawUnsafe(
        `SELECT ${ind.map((i) => `count(*) FILTER (WHERE "indicatorMask" & ${1n << BigInt(i.place)} <> 0)`).join(", ")}, string_agg(array_to_string("cellsExtra", ','), ',')
         FROM "StoryRollup" r WHERE r."organizationId" = $1::uuid AND r.live AND (r.visibility = 'ORG' OR r."authorId" = $2::uuid)${sinceUnsafe}`,
        org,
        me,
      );
      await totals();
    },
    progression: async () => {
      await p.$queryRaw`SELECT count(*) FILTER (WHERE furthest > 0), count(*) FILTER (WHERE reached & 1 <> 0), count(*) FILTER (WHERE reached & 2 <> 0),
          count(*) FILTER (WHERE reached & 4 <> 0), count(*) FILTER (WHERE reached & 8 <> 0), count(*) FILTER (WHERE reached & 16 <> 0),
          count("gapPotential"), count("gapApplied"), count("gapRealized"), count("gapReframing"),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY "gapPotential"), percentile_cont(0.5) WITHIN GROUP (ORDER BY "gapApplied"),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY "gapRealized"), percentile_cont(0.5) WITHIN GROUP (ORDER BY "gapReframing")
        FROM "StoryRollup" r WHERE ${vis}`;
      await p.$queryRaw`SELECT r."storyId", s.title FROM "StoryRollup" r JOIN "Story" s ON s.id = r."storyId" WHERE ${vis} AND r.furthest BETWEEN 1 AND 3 AND r."lastRecordedAt" < ${cutoff}
        ORDER BY r."lastRecordedAt", r."storyId" LIMIT 20`;
      await totals();
    },
    trends: async () => {
      await p.$queryRaw`SELECT month, "channelId", "authorTeamId", count(*), count(*) FILTER (WHERE reached & 1 <> 0), count(*) FILTER (WHERE reached & 2 <> 0),
          count(*) FILTER (WHERE reached & 4 <> 0), count(*) FILTER (WHERE reached & 8 <> 0), count(*) FILTER (WHERE reached & 16 <> 0)
        FROM "StoryRollup" r WHERE ${vis} GROUP BY 1, 2, 3`;
      await totals();
    },
    capital: async () => {
      const ind = await places();
      const kinds = [...new Set(ind.filter((i) => i.kind).map((i) => i.kind!))];
      await p.$queryRawUnsafe(
        `SELECT ${kinds.map((k) => `count(*) FILTER (WHERE "indicatorMask" & ${ind.filter((i) => i.kind === k && i.cycle === "POTENTIAL").reduce((m, i) => m | (1n << BigInt(i.place)), 0n)} <> 0)`).join(", ")}
         FROM "StoryRollup" r WHERE r."organizationId" = $1::uuid AND r.live AND (r.visibility = 'ORG' OR r."authorId" = $2::uuid)${sinceUnsafe}`,
        org,
        me,
      );
      await totals();
    },
    network: async () => {
      await p.$queryRaw`SELECT sum(inside + outside), sum(inside), sum(outside), sum(strong), sum(weak), sum("crossTeam"), count(*) FROM "StoryRollup" r WHERE ${vis} AND inside + outside > 0`;
      await p.$queryRaw`SELECT count(DISTINCT h) FROM "StoryRollup" r, unnest(r.helpers) h WHERE ${vis}`;
      await p.$queryRaw`SELECT count(DISTINCT x) FROM "StoryRollup" r, unnest(r.externals) x WHERE ${vis}`;
      await p.$queryRaw`SELECT count(DISTINCT x) FROM "StoryRollup" r, unnest(r.platforms) x WHERE ${vis}`;
      await totals();
    },
    realized: async () => {
      await p.$queryRaw`SELECT y, u, c, sum(v), count(*) FROM "StoryRollup" r, unnest(r."figureCycles", r."figureUnits", r."figureValues", r."figureConfirmed") f(y, u, v, c) WHERE ${vis} AND r."figureUnits" IS NOT NULL GROUP BY 1, 2, 3`;
      await totals();
    },
    topStories: async () => {
      const slot = (
        bit: number,
        limit: number,
      ) => Prisma.sql`(SELECT r."storyId" FROM "StoryRollup" r WHERE ${vis} AND r.furthest > 0 AND (r.reached & ${bit}::int2) <> 0
        ORDER BY r.highlighted DESC, ripple_cycle_count(r.reached) DESC, ripple_any_confirmed(r."figureConfirmed") DESC, r."occurredAt" DESC, r."storyId" DESC LIMIT ${limit}::int)`;
      const slots = [1, 2, 4, 8, 16].map((b) => slot(b, TOP_STORIES_PER_CYCLE * 5));
      await p.$queryRaw`WITH picks AS (${Prisma.join([...slots, slot(31, LEADING_STORIES)], " UNION ALL ")})
        SELECT s.id, s.title, u.name, (SELECT string_agg(e.cycle::text, ',') FROM "CycleEntry" e WHERE e."storyId" = s.id)
        FROM "Story" s JOIN "Membership" m ON m.id = s."authorId" JOIN "User" u ON u.id = m."userId" WHERE s.id IN (SELECT * FROM picks)`;
    },
    graph: async () => {
      await p.$queryRaw`WITH l AS (SELECT r."storyId" FROM "StoryRollup" r WHERE ${vis} ORDER BY r."occurredAt" DESC, r."storyId" DESC LIMIT ${GRAPH_STORY_LIMIT}::int)
        SELECT s.id, s.title, u.name FROM l JOIN "Story" s ON s.id = l."storyId" JOIN "Membership" m ON m.id = s."authorId" JOIN "User" u ON u.id = m."userId"
        UNION ALL SELECT c."storyId", c."externalName", u.name FROM l JOIN "Contributor" c ON c."storyId" = l."storyId" LEFT JOIN "Membership" m ON m.id = c."membershipId" LEFT JOIN "User" u ON u.id = m."userId"`;
      await p.$queryRaw`SELECT count(*) FROM "StoryRollup" r WHERE ${vis}`;
    },
    participation: async () => {
      await p.$queryRaw`SELECT n, count(*) FROM (SELECT m.id, count(r."storyId") AS n FROM "Membership" m LEFT JOIN "StoryRollup" r ON r."authorId" = m.id AND ${vis}
          WHERE m."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' GROUP BY m.id) x GROUP BY n`;
      await p.$queryRaw`SELECT count(*), count(DISTINCT r."membershipId") FROM "Reflection" r JOIN "Membership" m ON m.id = r."membershipId"
        WHERE r."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' AND NOT r.skipped`;
      await totals();
    },
  };
}

/** Every query the /reports page and the leadership PDF run, one by one, and the two whole sets. */
function reports(actor: Actor, requested: ReportFilters, f: ReportFilters): Record<string, () => Promise<unknown>> {
  const unit = f.unit ?? "month";
  // The page as it runs, and (for a before/after in the same run) with the reports that read the
  // pre-aggregates (lib/db/reports/cube.ts) on their per-story path instead.
  const page = (perRow = false) =>
    Promise.all([
      reportContext(actor, requested, "page"),
      reportMatrix(actor, f),
      reportProgression(actor, f),
      reportTrends(actor, f, unit),
      reportCapitalMix(actor, f),
      (perRow ? reportNetworkPerRow : reportNetwork)(actor, f),
      reportRealizedValue(actor, f),
      (perRow ? reportParticipationPerRow : reportParticipation)(actor, f),
      reportTopStories(actor, f),
      reportGraph(actor, f),
    ]);
  return {
    context: () => reportContext(actor, requested, "page"),
    matrix: () => reportMatrix(actor, f),
    progression: () => reportProgression(actor, f),
    trends: () => reportTrends(actor, f, unit),
    capital: () => reportCapitalMix(actor, f),
    network: () => reportNetwork(actor, f),
    "network (per-story path)": () => reportNetworkPerRow(actor, f),
    realized: () => reportRealizedValue(actor, f),
    participation: () => reportParticipation(actor, f),
    "participation (per-story path)": () => reportParticipationPerRow(actor, f),
    topStories: () => reportTopStories(actor, f),
    graph: () => reportGraph(actor, f),
    pdfStories: () => bestSummaryStories(actor, f),
    "PAGE (all, in parallel)": () => page(),
    "PAGE (per-story paths)": () => page(true),
    "PDF (leadershipSummary)": () => leadershipSummary(actor, requested),
  };
}

/** The views timed: the reports page's default period (the last 90 days) and all time, as the page reads its address. */
const VIEWS: { label: string; requested: ReportFilters; query: string }[] = [
  { label: "default (90 days)", requested: {}, query: "" },
  { label: "all time", requested: { period: "all" }, query: "?period=all" },
];

/** The rollup and pre-aggregate tables' live and dead rows and when they were last vacuumed. */
async function rollupTableStats(db: Database): Promise<string[]> {
  await db.prisma.$executeRawUnsafe(db.kind === "postgres" ? "SELECT 1" : "SELECT pg_stat_force_next_flush()").catch(() => undefined);
  const rows = await db.prisma.$queryRaw<{ relname: string; live: number; dead: number; vacuumed: Date | null; analyzed: Date | null }[]>`
    SELECT relname, n_live_tup::int AS live, n_dead_tup::int AS dead, greatest(last_vacuum, last_autovacuum) AS vacuumed, greatest(last_analyze, last_autoanalyze) AS analyzed
    FROM pg_stat_user_tables WHERE relname ILIKE '%rollup%' OR relname IN ('ReportCube', 'ReportAuthorCube', 'ReflectionMonth') ORDER BY relname`;
  return rows.map(
    (r) =>
      `${r.relname}: ${r.live} live, ${r.dead} dead rows; vacuumed ${r.vacuumed?.toISOString() ?? "never"}, analysed ${r.analyzed?.toISOString() ?? "never"}`,
  );
}

/** Signs in over HTTP (next-auth credentials) and returns the cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return cookie();
}

/** The whole page over HTTP, to the last byte: median ms and the HTML's size. */
async function timePage(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  const ms = await time(async () => {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    bytes = (await res.arrayBuffer()).byteLength;
  });
  return { ms, bytes };
}

async function main() {
  const dataDir = dataDirEnv && dataDirEnv !== "memory://" ? dataDirEnv : "memory://";
  const db = openDatabase(databaseConfig({ databaseUrl, dataDir }));
  installDatabase(db);
  const dbLabel = db.kind === "postgres" ? "PostgreSQL" : dataDir === "memory://" ? "PGlite (memory)" : "PGlite (disk)";
  await deployPendingMigrations(db);
  const table: string[][] = [];
  const http: string[][] = [];
  let stats: string[] = [];
  try {
    for (const size of sizes) {
      const gen = await generateOrganization(db, { stories: size, seed });
      if (!gen.reused) console.log(`generated in ${(gen.ms / 1000).toFixed(1)} s`);
      // The L&D person (the whole organisation) and the manager of the largest line (a top team's).
      const people = {
        lnd: await db.prisma.membership.findFirstOrThrow({
          where: { organizationId: gen.organizationId, role: "LND" },
          orderBy: { id: "asc" },
          select: { id: true, userId: true },
        }),
        manager: await db.prisma.membership.findFirstOrThrow({
          where: { organizationId: gen.organizationId, role: "MANAGER", managerId: null },
          orderBy: { id: "asc" },
          select: { id: true, userId: true },
        }),
      };
      for (const as of who) {
        const m = people[as as keyof typeof people];
        if (!m) throw new Error(`--as: unknown person ${as} (lnd, manager)`);
        const actor = await loadActor(m.userId, m.id);
        if (!actor) throw new Error(`${as} not loadable`);
        for (const view of VIEWS) {
          const { filters } = await reportContext(actor, view.requested, "page");
          const from = filters.from ?? null;
          const rep = reports(actor, view.requested, filters);
          // The floors are written for the L&D person (the whole organisation, no line).
          const floor = as === "lnd" ? rollupFloors(db, actor, from) : {};
          const plain = as === "lnd" && !skipPlain ? floors(db, actor, from) : {};
          for (const name of Object.keys(rep)) {
            const ms = await time(rep[name]!);
            const floorMs = floor[name] ? await time(floor[name]) : NaN;
            const plainMs = plain[name] ? await time(plain[name]) : NaN;
            const fmt = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(1));
            const row = [name, as, view.label, String(size), dbLabel, ms.toFixed(1), fmt(floorMs), fmt(ms / floorMs), fmt(plainMs)];
            console.log(row.join("\t"));
            table.push(row);
          }
        }
        if (serverUrl) {
          const user = await db.prisma.user.update({ where: { id: m.userId }, data: { passwordHash: await hashPassword(password) }, select: { email: true } });
          const cookie = await signIn(serverUrl, user.email);
          for (const view of VIEWS) {
            const { ms, bytes } = await timePage(`${serverUrl}/reports${view.query}`, cookie);
            const row = ["/reports over HTTP", as, view.label, String(size), dbLabel, ms.toFixed(1), `${(bytes / 1024).toFixed(0)} KiB`];
            console.log(row.join("\t"));
            http.push(row);
          }
        }
      }
    }
    stats = await rollupTableStats(db);
  } finally {
    await db.close();
  }
  const print = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    console.log("");
    console.log(line(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of rows) console.log(line(r));
  };
  print(["query", "as", "view", "size", "database", "median ms", "floor ms (rollups)", "ratio", "plain SQL on base tables ms"], table);
  if (http.length) print(["page", "as", "view", "size", "database", "median ms", "HTML"], http);
  console.log("");
  for (const l of stats) console.log(l);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
