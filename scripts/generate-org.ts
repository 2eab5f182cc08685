// `npm run db:generate-org -- --stories 10000 [--seed 1] [--slug synthetic-10000] [--database-url …]`
// A realistic synthetic organisation for benchmarks: people ≈ stories/20 in a two-level team tree
// with reporting lines, the framework's channels and indicators, stories over the last 12 months
// whose cycle entries thin out along the cycles (all reach IMMEDIATE or a later start cycle,
// ~60% POTENTIAL, ~35% APPLIED, ~18% REALIZED with figures, ~6% REFRAMING), contributors, tags,
// visibilities and weekly reflections. Everything is inserted by multi-row INSERT … SELECT FROM
// generate_series in the database; ids and content derive from the seed (md5), so the same
// seed and size give the same organisation. No story text is real; nothing here is logged but counts.
import { pathToFileURL } from "node:url";
import { Prisma } from "../lib/db/generated/client";
import { checkpoint, databaseConfig, openDatabase, type Database } from "../lib/db/prisma";
import { deployPendingMigrations } from "../lib/db/migrate";
import { seedOrganizationCatalogue } from "../lib/db/organizations";
import { deferRollups, refreshStoryRollups } from "../lib/db/rollups";

export type GenerateOptions = {
  stories: number;
  seed?: number;
  slug?: string;
  log?: (line: string) => void;
  /** The moment the organisation is generated at (default: the database's now()); fixed in tests. */
  at?: Date;
  /**
   * Defer the report rollup triggers inside each batch's transaction and refresh the batch's
   * stories once before it commits (default true): each rollup row is written once instead of
   * once per statement that touches its story, and no dead rows are left behind.
   */
  deferRollups?: boolean;
};
export type GeneratedOrganization = { organizationId: string; slug: string; people: number; teams: number; stories: number; reused: boolean; ms: number };

const BATCH = 25_000;

/** Creates the organisation, or returns the existing one with that slug. */
export async function generateOrganization(db: Database, opts: GenerateOptions): Promise<GeneratedOrganization> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const seed = String(opts.seed ?? 1);
  const storiesN = Math.max(1, Math.floor(opts.stories));
  const slug = opts.slug ?? `synthetic-${storiesN}-s${seed}`;
  const prisma = db.prisma;
  const started = performance.now();
  const defer = opts.deferRollups ?? true;
  // Every "now" of the generated rows: the database's clock, or the fixed moment asked for.
  const NOW = opts.at ? Prisma.sql`${opts.at}::timestamptz` : Prisma.sql`now()`;
  const existing = await prisma.organization.findFirst({ where: { slug }, select: { id: true } });
  const people = Math.max(12, Math.round(storiesN / 20));
  const top = Math.max(2, Math.round(Math.sqrt(people) / 4));
  const teams = top * 4; // each top team has three sub-teams
  if (existing) {
    const stories = await prisma.story.count({ where: { organizationId: existing.id } });
    log(`reusing organisation ${slug} (${stories} stories)`);
    return { organizationId: existing.id, slug, people, teams, stories, reused: true, ms: performance.now() - started };
  }

  const org = await prisma.organization.create({ data: { name: `Synthetic ${storiesN}`, slug }, select: { id: true } });
  const orgId = org.id;
  await prisma.$transaction((tx) => seedOrganizationCatalogue(tx, orgId));
  const I = (v: number) => Prisma.sql`${v}::int`;
  const S = (s: string) => Prisma.sql`${s}::text`;
  const key = S(`${slug}:${seed}`);
  // r(x, salt): a deterministic pseudo-random number in [0, 1).
  const r = (x: Prisma.Sql, salt: string) => Prisma.sql`((hashtext(${key} || ':' || ${x}::text || ':' || ${salt}) & 2147483647)::float8 / 2147483648)`;
  const mid = (k: Prisma.Sql) => Prisma.sql`md5(${key} || ':m:' || ${k}::text)::uuid`;
  const tid = (j: Prisma.Sql) => Prisma.sql`md5(${key} || ':t:' || ${j}::text)::uuid`;

  // Teams: 1..top are top-level, the rest hang below them, three each.
  await prisma.$executeRaw`
    INSERT INTO "Team" (id, "organizationId", name, "parentId", "createdAt")
    SELECT ${tid(Prisma.sql`j`)}, ${orgId}::uuid, 'Team ' || j,
      CASE WHEN j <= ${I(top)} THEN NULL ELSE ${tid(Prisma.sql`(1 + (j - ${I(top)} - 1) / 3)`)} END, ${NOW}
    FROM generate_series(1, ${I(top)}) j
    UNION ALL
    SELECT ${tid(Prisma.sql`j`)}, ${orgId}::uuid, 'Team ' || j, ${tid(Prisma.sql`(1 + (j - ${I(top)} - 1) / 3)`)}, ${NOW}
    FROM generate_series(${I(top + 1)}, ${I(teams)}) j`;
  // People: 1 admin, 2 L&D, 3..2+teams the team managers (sub-team managers report to their
  // top team's manager), everyone else in a team reporting to its manager.
  const teamOf = Prisma.sql`(CASE WHEN k BETWEEN 3 AND ${I(2 + teams)} THEN k - 2 WHEN k <= 2 THEN NULL ELSE 1 + (k % ${I(teams)}) END)`;
  await prisma.$executeRaw`
    INSERT INTO "User" (id, email, name, "createdAt", "updatedAt")
    SELECT md5(${key} || ':u:' || k)::uuid, 'person-' || k || '@' || ${slug}::text || '.synthetic.test', 'Synthetic Person ' || k, ${NOW}, ${NOW}
    FROM generate_series(1, ${I(people)}) k`;
  await prisma.$executeRaw`
    INSERT INTO "Membership" (id, "organizationId", "userId", role, status, "teamId", "managerId", "createdAt", "updatedAt")
    SELECT ${mid(Prisma.sql`k`)}, ${orgId}::uuid, md5(${key} || ':u:' || k)::uuid,
      (CASE WHEN k = 1 THEN 'ADMIN' WHEN k = 2 THEN 'LND' WHEN k <= ${I(2 + teams)} THEN 'MANAGER' ELSE 'EMPLOYEE' END)::"Role",
      'ACTIVE', CASE WHEN ${teamOf} IS NULL THEN NULL ELSE ${tid(teamOf)} END,
      CASE WHEN k <= 2 OR k BETWEEN 3 AND ${I(2 + top)} THEN NULL
           WHEN k <= ${I(2 + teams)} THEN ${mid(Prisma.sql`(2 + 1 + (k - 2 - ${I(top)} - 1) / 3)`)}
           ELSE ${mid(Prisma.sql`(2 + 1 + (k % ${I(teams)}))`)} END,
      ${NOW}, ${NOW}
    FROM generate_series(1, ${I(people)}) k`;
  log(`organisation ${slug}: ${teams} teams, ${people} people`);

  const tags = 24;
  await prisma.$executeRaw`
    INSERT INTO "Tag" (id, "organizationId", name, "createdAt")
    SELECT md5(${key} || ':g:' || g)::uuid, ${orgId}::uuid, 'topic-' || g, ${NOW} FROM generate_series(1, ${I(tags)}) g`;

  for (let lo = 1; lo <= storiesN; lo += BATCH) {
    const hi = Math.min(storiesN, lo + BATCH - 1);
    const sid = Prisma.sql`md5(${key} || ':s:' || i)::uuid`;
    const occurred = Prisma.sql`(${NOW} - interval '365 days' + ${r(Prisma.sql`i`, "t")} * interval '365 days')`;
    // One transaction per batch: with the rollup triggers deferred, the batch's stories are
    // refreshed once at its end (lib/db/rollups.ts), as an import does.
    await prisma.$transaction(
      async (tx) => {
        if (defer) await deferRollups(tx);
        await tx.$executeRaw`
          INSERT INTO "Story" (id, "organizationId", "authorId", title, narrative, "occurredAt", "channelId", visibility, status, "createdAt", "updatedAt")
          SELECT ${sid}, ${orgId}::uuid, ${mid(Prisma.sql`(1 + floor(power(${r(Prisma.sql`i`, "a")}, 1.6) * ${I(people)})::int)`)},
            'Synthetic story ' || i, 'A synthetic learning moment.', ${occurred},
            ch.ids[1 + floor(${r(Prisma.sql`i`, "c")} * array_length(ch.ids, 1))::int],
            (CASE WHEN ${r(Prisma.sql`i`, "v")} < 0.45 THEN 'TEAM' WHEN ${r(Prisma.sql`i`, "v")} < 0.85 THEN 'ORG'
                  WHEN ${r(Prisma.sql`i`, "v")} < 0.95 THEN 'MANAGER' ELSE 'PRIVATE' END)::"Visibility",
            'PUBLISHED', ${NOW}, ${NOW}
          FROM generate_series(${I(lo)}, ${I(hi)}) i,
            (SELECT array_agg(id ORDER BY "sortOrder") AS ids FROM "Channel" WHERE "organizationId" = ${orgId}::uuid) ch`;
        // Furthest cycle (1..5) and start cycle (1, or 2 for a tenth of the stories that got that far).
        const u = r(Prisma.sql`i`, "depth");
        const furthest = Prisma.sql`(CASE WHEN ${u} < 0.06 THEN 5 WHEN ${u} < 0.18 THEN 4 WHEN ${u} < 0.35 THEN 3 WHEN ${u} < 0.60 THEN 2 ELSE 1 END)`;
        const start = Prisma.sql`(CASE WHEN ${r(Prisma.sql`i`, "start")} < 0.1 AND ${furthest} >= 2 THEN 2 ELSE 1 END)`;
        await tx.$executeRaw`
          INSERT INTO "CycleEntry" (id, "organizationId", "storyId", cycle, narrative, "indicatorKeys", "figureValue", "figureUnit", "confirmedById", "confirmedAt", "recordedAt", "updatedAt")
          SELECT md5(${key} || ':e:' || i || ':' || c)::uuid, ${orgId}::uuid, ${sid}, (enum_range(NULL::"Cycle"))[c], '',
            (SELECT array_agg(x) FROM unnest(ARRAY[
               ind.keys[c][1 + floor(${r(Prisma.sql`(i * 10 + c)`, "k1")} * ind.n[c])::int],
               CASE WHEN ${r(Prisma.sql`(i * 10 + c)`, "k2")} < 0.4 THEN ind.keys[c][1 + floor(${r(Prisma.sql`(i * 10 + c)`, "k3")} * ind.n[c])::int] END
             ]) x WHERE x IS NOT NULL),
            CASE WHEN c = 4 THEN round((5 + ${r(Prisma.sql`i`, "fv")} * 595)::numeric, 2) END,
            CASE WHEN c = 4 THEN (ARRAY['minutes saved', 'hours saved', 'EUR saved', 'customers reached'])[1 + floor(${r(Prisma.sql`i`, "fu")} * 4)::int] END,
            CASE WHEN c = 4 AND ${r(Prisma.sql`i`, "fc")} < 0.4 THEN ${mid(Prisma.sql`1`)} END,
            CASE WHEN c = 4 AND ${r(Prisma.sql`i`, "fc")} < 0.4 THEN least(${NOW}, s."occurredAt" + (c - 1) * interval '9 days' + interval '2 days') END,
            least(${NOW}, s."occurredAt" + (c - ${start}) * (1 + ${r(Prisma.sql`(i * 10 + c)`, "gap")} * 16) * interval '1 day'),
            ${NOW}
          FROM generate_series(${I(lo)}, ${I(hi)}) i
          JOIN "Story" s ON s."organizationId" = ${orgId}::uuid AND s.id = ${sid}
          CROSS JOIN generate_series(1, 5) c
          CROSS JOIN (
            SELECT ARRAY[
              ${catalogueKeys(orgId, "IMMEDIATE")}, ${catalogueKeys(orgId, "POTENTIAL")}, ${catalogueKeys(orgId, "APPLIED")},
              ${catalogueKeys(orgId, "REALIZED")}, ${catalogueKeys(orgId, "REFRAMING")}] AS keys,
              ARRAY[${catalogueCount(orgId, "IMMEDIATE")}, ${catalogueCount(orgId, "POTENTIAL")}, ${catalogueCount(orgId, "APPLIED")},
              ${catalogueCount(orgId, "REALIZED")}, ${catalogueCount(orgId, "REFRAMING")}] AS n
          ) ind
          WHERE c BETWEEN ${start} AND ${furthest}`;
        // Contributors: 0–2 per story; 65% inside (a colleague), else a named outsider on a platform.
        await tx.$executeRaw`
          INSERT INTO "Contributor" (id, "organizationId", "storyId", "membershipId", "externalName", platform, "insideOrg", "tieStrength", "createdAt")
          SELECT md5(${key} || ':c:' || i || ':' || n)::uuid, ${orgId}::uuid, ${sid},
            CASE WHEN ${r(Prisma.sql`(i * 3 + n)`, "in")} < 0.65 THEN ${mid(Prisma.sql`(1 + floor(${r(Prisma.sql`(i * 3 + n)`, "who")} * ${I(people)})::int)`)} END,
            CASE WHEN ${r(Prisma.sql`(i * 3 + n)`, "in")} >= 0.65 THEN 'Outside Person ' || (1 + floor(${r(Prisma.sql`(i * 3 + n)`, "ext")} * ${I(Math.max(50, Math.round(storiesN / 8)))})::int) END,
            CASE WHEN ${r(Prisma.sql`(i * 3 + n)`, "in")} >= 0.65 THEN (ARRAY['LinkedIn', 'Mastodon', 'Slack community', 'Stack Overflow', 'Conference', 'Email'])[1 + floor(${r(Prisma.sql`(i * 3 + n)`, "pl")} * 6)::int] END,
            ${r(Prisma.sql`(i * 3 + n)`, "in")} < 0.65,
            (CASE WHEN ${r(Prisma.sql`(i * 3 + n)`, "tie")} < 0.3 THEN 'STRONG' ELSE 'WEAK' END)::"TieStrength",
            ${NOW}
          FROM generate_series(${I(lo)}, ${I(hi)}) i CROSS JOIN generate_series(1, 2) n
          WHERE n <= floor(${r(Prisma.sql`i`, "nc")} * 3)::int`;
        await tx.$executeRaw`
          INSERT INTO "StoryTag" ("organizationId", "storyId", "tagId")
          SELECT ${orgId}::uuid, ${sid}, md5(${key} || ':g:' || (1 + floor(${r(Prisma.sql`i`, "tag")} * ${I(tags)})::int))::uuid
          FROM generate_series(${I(lo)}, ${I(hi)}) i WHERE ${r(Prisma.sql`i`, "hastag")} < 0.4`;
        if (defer) await refreshStoryRollups(tx, Prisma.sql`ARRAY(SELECT ${sid} FROM generate_series(${I(lo)}, ${I(hi)}) i)`);
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    log(`  stories ${hi}/${storiesN} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  // Weekly reflections over the last 52 weeks: about a third of the weeks completed, a few skipped.
  await prisma.$executeRaw`
    INSERT INTO "Reflection" (id, "organizationId", "membershipId", "weekStart", learned, skipped, "createdAt", "updatedAt")
    SELECT md5(${key} || ':r:' || k || ':' || w)::uuid, ${orgId}::uuid, ${mid(Prisma.sql`k`)},
      (date_trunc('week', ${NOW}) - w * interval '7 days')::date,
      CASE WHEN ${r(Prisma.sql`(k * 100 + w)`, "rf")} < 0.3 THEN 'A synthetic reflection.' ELSE '' END,
      ${r(Prisma.sql`(k * 100 + w)`, "rf")} >= 0.3, ${NOW}, ${NOW}
    FROM generate_series(1, ${I(people)}) k CROSS JOIN generate_series(1, 52) w
    WHERE ${r(Prisma.sql`(k * 100 + w)`, "rf")} < 0.36`;
  for (const t of ["Story", "CycleEntry", "Contributor", "StoryTag", "Membership", "Reflection", "StoryRollup"])
    await prisma.$executeRawUnsafe(`ANALYZE "${t}"`).catch(() => undefined);
  // The report pre-aggregates were updated in place once per batch (their triggers follow each
  // batch's rollup refresh): vacuum them once (an embedded database has no autovacuum).
  for (const t of ["ReportCube", "ReportAuthorCube", "ReflectionMonth"]) await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "${t}"`).catch(() => undefined);
  const ms = performance.now() - started;
  log(`generated ${storiesN} stories for ${people} people in ${(ms / 1000).toFixed(1)} s`);
  return { organizationId: orgId, slug, people, teams, stories: storiesN, reused: false, ms };
}

function catalogueKeys(orgId: string, cycle: string): Prisma.Sql {
  // Padded to 12 entries so the five arrays form a rectangular 2-D array.
  return Prisma.sql`(SELECT array_agg(k ORDER BY o) FROM (
    SELECT key AS k, "sortOrder" AS o FROM "Indicator" WHERE "organizationId" = ${orgId}::uuid AND cycle = ${cycle}::"Cycle" AND "retiredAt" IS NULL
    UNION ALL SELECT NULL, 1000000 + g FROM generate_series(1, 12 - (SELECT count(*)::int FROM "Indicator" WHERE "organizationId" = ${orgId}::uuid AND cycle = ${cycle}::"Cycle" AND "retiredAt" IS NULL)) g
  ) x)`;
}

function catalogueCount(orgId: string, cycle: string): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM "Indicator" WHERE "organizationId" = ${orgId}::uuid AND cycle = ${cycle}::"Cycle" AND "retiredAt" IS NULL)`;
}

export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main() {
  const args = process.argv.slice(2);
  const { env, dataDir } = await import("../lib/platform/env");
  const e = env();
  const db = openDatabase(databaseConfig({ databaseUrl: argValue(args, "database-url") ?? e.DATABASE_URL, dataDir: dataDir(e), poolMax: e.DATABASE_POOL_MAX }));
  try {
    await deployPendingMigrations(db);
    await generateOrganization(db, {
      stories: Number(argValue(args, "stories") ?? 10_000),
      seed: Number(argValue(args, "seed") ?? 1),
      slug: argValue(args, "slug"),
    });
    // The embedded database's WAL from the bulk work is recycled now, not at the next start.
    await checkpoint(db);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
