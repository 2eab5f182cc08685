// `npm run bench:reports -- --sizes 10000,100000 [--seed 1] [--runs 5] [--database-url …]`
// For each size: generates (or reuses, by slug) a synthetic organisation, then times each report
// for an L&D person (median of --runs after one warm-up) beside the floor: plain hand-written
// SQL that computes the same answer for that person from the same rollup table (no scope
// building, no shaping), and prints the ratio. It also times the plain hand-written SQL over the
// base tables (stories, cycle entries, contributors), which is what the rollups replace.
// Database: PostgreSQL with DATABASE_URL (or --database-url); otherwise PGlite, in memory by
// default or in RIPPLE_DATA_DIR when that names a folder.
import { Prisma } from "../lib/db/generated/client";
import { databaseConfig, openDatabase, type Database } from "../lib/db/prisma";
import { deployPendingMigrations } from "../lib/db/migrate";
import { installDatabase } from "../lib/db/registry";
import { loadActor } from "../lib/db/auth";
import { reportCapitalMix, reportMatrix, reportNetwork, reportParticipation, reportProgression, reportRealizedValue, reportTrends } from "../lib/db/reports";
import type { Actor } from "../lib/domain/actor";
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
    participation: async () => {
      await p.$queryRaw`SELECT n, count(*) FROM (SELECT m.id, count(r."storyId") AS n FROM "Membership" m LEFT JOIN "StoryRollup" r ON r."authorId" = m.id AND ${vis}
          WHERE m."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' GROUP BY m.id) x GROUP BY n`;
      await p.$queryRaw`SELECT count(*), count(DISTINCT r."membershipId") FROM "Reflection" r JOIN "Membership" m ON m.id = r."membershipId"
        WHERE r."organizationId" = ${org}::uuid AND m.status = 'ACTIVE' AND NOT r.skipped`;
      await totals();
    },
  };
}

function reports(actor: Actor, from: Date | null): Record<string, () => Promise<unknown>> {
  const f = { from };
  return {
    matrix: () => reportMatrix(actor, f),
    progression: () => reportProgression(actor, f),
    trends: () => reportTrends(actor, f, "month"),
    capital: () => reportCapitalMix(actor, f),
    network: () => reportNetwork(actor, f),
    realized: () => reportRealizedValue(actor, f),
    participation: () => reportParticipation(actor, f),
  };
}

/** The views timed: the reports page's default period (the last 90 days) and all time. */
const VIEWS: { label: string; from: () => Date | null }[] = [
  { label: "last 90 days", from: () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 89 * 86_400_000) },
  { label: "all time", from: () => null },
];

async function main() {
  const dataDir = dataDirEnv && dataDirEnv !== "memory://" ? dataDirEnv : "memory://";
  const db = openDatabase(databaseConfig({ databaseUrl, dataDir }));
  installDatabase(db);
  const dbLabel = db.kind === "postgres" ? "PostgreSQL" : dataDir === "memory://" ? "PGlite (memory)" : "PGlite (disk)";
  await deployPendingMigrations(db);
  const table: string[][] = [];
  try {
    for (const size of sizes) {
      const gen = await generateOrganization(db, { stories: size, seed });
      const lnd = await db.prisma.membership.findFirstOrThrow({
        where: { organizationId: gen.organizationId, role: "LND" },
        select: { id: true, userId: true },
      });
      const actor = await loadActor(lnd.userId, lnd.id);
      if (!actor) throw new Error("L&D person not loadable");
      for (const view of VIEWS) {
        const from = view.from();
        const rep = reports(actor, from);
        const floor = rollupFloors(db, actor, from);
        const plain = floors(db, actor, from);
        for (const name of Object.keys(rep)) {
          const ms = await time(rep[name]!);
          const floorMs = await time(floor[name]!);
          const plainMs = skipPlain ? NaN : await time(plain[name]!);
          const row = [
            name,
            view.label,
            String(size),
            dbLabel,
            ms.toFixed(1),
            floorMs.toFixed(1),
            (ms / floorMs).toFixed(2),
            skipPlain ? "–" : plainMs.toFixed(1),
          ];
          console.log(row.join("\t"));
          table.push(row);
        }
      }
    }
  } finally {
    await db.close();
  }
  const header = ["report", "view", "size", "database", "median ms", "floor ms (rollups)", "ratio", "plain SQL on base tables ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log("");
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of table) console.log(line(r));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
