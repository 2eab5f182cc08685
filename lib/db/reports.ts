import "server-only";
// Report rollups, computed in SQL. Every function takes the acting person first, scopes by their
// organisation and by who they may see, and returns small, already aggregated results shaped by
// the pure functions in lib/domain/reports.ts. Stories are never loaded into JavaScript.
//
// Scope: L&D and admins report on the whole organisation; a manager on their reporting subtree
// and themselves; an employee on themselves. Within that population, a story counts in the
// reports only when it is published, not in the bin and readable by the actor under the access
// rules (lib/domain/access.ts AUDIENCE). Published stories the actor may not read, PRIVATE ones
// included, are counted only anonymously (`totals.privateCount`, `totals.hiddenCount`).
import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import { CAPITAL_KINDS, CYCLES, type CapitalKind, type Cycle } from "@/lib/domain/framework";
import {
  normalizeUnit,
  participationDistribution,
  realizedValueTotals,
  trendBuckets,
  valueCreationMatrix,
  type ParticipationBucket,
  type Transition,
  type TrendUnit,
  type UnitTotal,
  type ValueCreationMatrix,
} from "@/lib/domain/reports";
import { now } from "@/lib/server/clock";

export type ReportFilters = {
  /** Inclusive lower bound on the story's occurredAt. */
  from?: Date | null;
  /** Exclusive upper bound on the story's occurredAt. */
  to?: Date | null;
  /** The author's team or any team below it. */
  teamId?: string | null;
  /** A channel key of the organisation. */
  channel?: string | null;
  /** A tag name of the organisation. */
  tag?: string | null;
  /** Only stories that reached this cycle. */
  cycle?: Cycle | null;
};

export type ReportScope = "organization" | "subtree" | "own";

/** Anonymous counts that accompany every report. */
export type ReportTotals = {
  /** Stories the report is built from. */
  visible: number;
  /** Published PRIVATE stories of other people in scope: counted, never shown. */
  privateCount: number;
  /** Other published stories in scope the actor may not read: counted, never shown. */
  hiddenCount: number;
};

export function reportScope(actor: Actor): ReportScope {
  if (actor.role === "LND" || actor.role === "ADMIN") return "organization";
  if (actor.role === "MANAGER") return "subtree";
  return "own";
}

const STALLED_AFTER_DAYS = 21;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `WITH RECURSIVE … scoped AS (…), vis AS (…)`: `scoped` is every published, not deleted story
 * in the actor's population that passes the filters, with a `readable` flag; `vis` the readable
 * ones. Later CTEs and the final SELECT are appended by each report (start with a comma).
 *
 * The contract other report modules rely on: `vis` (and `scoped`) have the columns
 * id, title, "occurredAt", "channelId", "authorId", visibility, "authorTeamId".
 * Anything shown about a story must come from `vis`, never from `scoped`.
 */
export function reportScopeSql(actor: Actor, f: ReportFilters): Prisma.Sql {
  const org = actor.organizationId;
  const me = actor.membershipId;
  const scope = reportScope(actor);
  const population =
    scope === "organization"
      ? Prisma.sql`TRUE`
      : scope === "subtree"
        ? Prisma.sql`(s."authorId" = ${me}::uuid OR s."authorId" IN (SELECT id FROM reports))`
        : Prisma.sql`s."authorId" = ${me}::uuid`;
  const conds: Prisma.Sql[] = [population];
  if (f.from) conds.push(Prisma.sql`s."occurredAt" >= ${f.from}`);
  if (f.to) conds.push(Prisma.sql`s."occurredAt" < ${f.to}`);
  if (f.teamId) conds.push(Prisma.sql`a."teamId" IN (SELECT id FROM fteams)`);
  if (f.channel) conds.push(Prisma.sql`s."channelId" IN (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${f.channel})`);
  if (f.tag)
    conds.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."storyId" = s.id AND st."organizationId" = ${org}::uuid AND t.name = ${f.tag})`,
    );
  if (f.cycle) conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "CycleEntry" ce WHERE ce."storyId" = s.id AND ce.cycle = ${f.cycle}::"Cycle")`);
  // A team id that is not a uuid matches nothing (rather than failing the cast).
  const teamRoot = f.teamId && UUID.test(f.teamId) ? f.teamId : "00000000-0000-0000-0000-000000000000";
  return Prisma.sql`
    WITH RECURSIVE reports AS (
      SELECT id FROM "Membership" WHERE "managerId" = ${me}::uuid AND "organizationId" = ${org}::uuid
      UNION
      SELECT m.id FROM "Membership" m JOIN reports r ON m."managerId" = r.id WHERE m."organizationId" = ${org}::uuid
    ), covered AS (
      SELECT id FROM "Team" WHERE id = ${actor.teamId}::uuid AND "organizationId" = ${org}::uuid
      UNION
      SELECT t.id FROM "Team" t JOIN covered x ON t."parentId" = x.id WHERE t."organizationId" = ${org}::uuid
    ), fteams AS (
      SELECT id FROM "Team" WHERE id = ${teamRoot}::uuid AND "organizationId" = ${org}::uuid
      UNION
      SELECT t.id FROM "Team" t JOIN fteams x ON t."parentId" = x.id WHERE t."organizationId" = ${org}::uuid
    ), policy AS (
      SELECT ("deactivatedStories"::text = 'HIDE') AS hide FROM "Organization" WHERE id = ${org}::uuid
    ), scoped AS (
      SELECT s.id, s.title, s."occurredAt", s."channelId", s."authorId", s.visibility, a."teamId" AS "authorTeamId",
        (s."authorId" = ${me}::uuid OR (
          (NOT (SELECT hide FROM policy) OR a.status = 'ACTIVE') AND (
            s.visibility = 'ORG'
            OR (s.visibility = 'TEAM' AND a."teamId" IN (SELECT id FROM covered))
            OR (s.visibility IN ('MANAGER', 'TEAM') AND s."authorId" IN (SELECT id FROM reports))
          ))) AS readable
      FROM "Story" s JOIN "Membership" a ON a.id = s."authorId"
      WHERE s."organizationId" = ${org}::uuid AND s.status = 'PUBLISHED' AND s."deletedAt" IS NULL
        AND ${Prisma.join(conds, " AND ")}
    ), vis AS (
      SELECT * FROM scoped WHERE readable
    )`;
}

/**
 * One round trip: the report's rows (as JSON, so any shape fits) and the anonymous totals, over
 * one evaluation of the scope. `ctes` are extra CTEs after the scope's; `select` is the report.
 */
async function rollup<T>(actor: Actor, f: ReportFilters, select: Prisma.Sql, ctes: Prisma.Sql | null = null): Promise<{ rows: T[]; totals: ReportTotals }> {
  const [r] = await prisma().$queryRaw<{ rows: T[] | string | null; visible: number; private: number; hidden: number }[]>`${reportScopeSql(actor, f)}${ctes ? Prisma.sql`, ${ctes}` : Prisma.empty},
    main AS (${select}),
    tot AS (
      SELECT count(*) FILTER (WHERE readable)::int AS visible,
        count(*) FILTER (WHERE NOT readable AND visibility = 'PRIVATE')::int AS private,
        count(*) FILTER (WHERE NOT readable AND visibility <> 'PRIVATE')::int AS hidden
      FROM scoped
    )
    SELECT (SELECT coalesce(json_agg(main), '[]'::json) FROM main) AS rows, tot.visible, tot.private, tot.hidden FROM tot`;
  const rows = typeof r?.rows === "string" ? (JSON.parse(r.rows) as T[]) : (r?.rows ?? []);
  return { rows, totals: { visible: r?.visible ?? 0, privateCount: r?.private ?? 0, hiddenCount: r?.hidden ?? 0 } };
}

/** A timestamp that came through JSON: timestamps without time zone are UTC here. */
function utc(v: string | Date): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
}

// ---------------------------------------------------------------------------------------------
// Matrix

export async function reportMatrix(actor: Actor, filters: ReportFilters = {}): Promise<{ matrix: ValueCreationMatrix; totals: ReportTotals }> {
  const { rows, totals } = await rollup<{ cycle: Cycle; indicatorKey: string; stories: number }>(actor, filters, Prisma.sql`
    SELECT e.cycle::text AS cycle, k.key AS "indicatorKey", count(DISTINCT e."storyId")::int AS stories
    FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${actor.organizationId}::uuid
    CROSS JOIN LATERAL unnest(e."indicatorKeys") AS k(key)
    GROUP BY 1, 2`);
  const indicators = await prisma().indicator.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
    select: { key: true, label: true, cycle: true, retiredAt: true },
  });
  const matrix = valueCreationMatrix(
    rows,
    indicators.map((i) => ({ key: i.key, label: i.label, cycle: i.cycle, retired: i.retiredAt !== null })),
  );
  return { matrix, totals };
}

// ---------------------------------------------------------------------------------------------
// Progression

export type StoppedStory = { storyId: string; title: string; furthest: Cycle; lastRecordedAt: Date };

export type ReportProgression = {
  stories: number;
  reached: Record<Cycle, number>;
  transitions: Transition[];
  stoppedEarly: StoppedStory[];
  totals: ReportTotals;
};

export async function reportProgression(actor: Actor, filters: ReportFilters = {}): Promise<ReportProgression> {
  const org = actor.organizationId;
  const { rows, totals } = await rollup<{ kind: string; cycle: Cycle | null; n: number; med: number | null }>(
    actor,
    filters,
    Prisma.sql`
    SELECT 'reach' AS kind, cycle::text AS cycle, count(*)::int AS n, NULL::float8 AS med FROM ent GROUP BY cycle
    UNION ALL
    SELECT 'gap', cycle::text, count(*)::int,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM ("recordedAt" - prev_at))) / 86400)::float8
    FROM ent WHERE pidx = idx - 1 GROUP BY cycle
    UNION ALL
    SELECT 'stories', NULL, count(DISTINCT "storyId")::int, NULL FROM ent`,
    Prisma.sql`
    ent AS (
      SELECT e."storyId", e.cycle, e."recordedAt",
        array_position(enum_range(NULL::"Cycle"), e.cycle) AS idx,
        array_position(enum_range(NULL::"Cycle"), lag(e.cycle) OVER w) AS pidx,
        lag(e."recordedAt") OVER w AS prev_at
      FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${org}::uuid
      WINDOW w AS (PARTITION BY e."storyId" ORDER BY e.cycle)
    )`,
  );
  const cutoff = new Date(now().getTime() - STALLED_AFTER_DAYS * 86_400_000);
  const stopped = await prisma().$queryRaw<{ storyId: string; title: string; furthest: Cycle; last: Date | string }[]>`${reportScopeSql(actor, filters)},
    per AS (
      SELECT e."storyId", max(e.cycle) AS furthest, max(e."recordedAt") AS last
      FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${org}::uuid
      GROUP BY e."storyId"
    )
    SELECT per."storyId"::text AS "storyId", vis.title, per.furthest::text AS furthest, per.last
    FROM per JOIN vis ON vis.id = per."storyId"
    WHERE per.furthest < 'REALIZED'::"Cycle" AND per.last < ${cutoff}
    ORDER BY per.last ASC, per."storyId" ASC
    LIMIT 20`;

  const reached = Object.fromEntries(CYCLES.map((c) => [c, 0])) as Record<Cycle, number>;
  const gaps = new Map<Cycle, { n: number; med: number | null }>();
  let stories = 0;
  for (const r of rows) {
    if (r.kind === "reach" && r.cycle) reached[r.cycle] = r.n;
    else if (r.kind === "gap" && r.cycle) gaps.set(r.cycle, { n: r.n, med: r.med === null ? null : Number(r.med) });
    else if (r.kind === "stories") stories = r.n;
  }
  const transitions: Transition[] = CYCLES.slice(1).map((to, i) => ({
    from: CYCLES[i]!,
    to,
    stories: gaps.get(to)?.n ?? 0,
    medianDays: gaps.get(to)?.med ?? null,
  }));
  return {
    stories,
    reached,
    transitions,
    stoppedEarly: stopped.map((s) => ({ storyId: s.storyId, title: s.title, furthest: s.furthest, lastRecordedAt: utc(s.last) })),
    totals,
  };
}

// ---------------------------------------------------------------------------------------------
// Trends

export type TrendSeries = { key: string; label: string; start: Date; counts: Record<string, number>; total: number }[];

export type ReportTrends = {
  unit: TrendUnit;
  /** Stories (by occurredAt) per bucket that reached each cycle. */
  byCycle: TrendSeries;
  /** Stories per bucket per channel key ("none" without a channel). */
  byChannel: TrendSeries;
  /** Stories per bucket per author team id ("none" without a team). */
  byTeam: TrendSeries;
  totals: ReportTotals;
};

export async function reportTrends(actor: Actor, filters: ReportFilters = {}, unit: TrendUnit = "month"): Promise<ReportTrends> {
  const org = actor.organizationId;
  const trunc = unit === "week" ? Prisma.sql`'week'` : Prisma.sql`'month'`;
  const { rows: raw, totals } = await rollup<{ dim: string; bucket: Date | string; key: string; n: number }>(actor, filters, Prisma.sql`
    SELECT 'cycle' AS dim, date_trunc(${trunc}, vis."occurredAt") AS bucket, e.cycle::text AS key, count(DISTINCT vis.id)::int AS n
    FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${org}::uuid GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'channel', date_trunc(${trunc}, vis."occurredAt"), coalesce(c.key, 'none'), count(*)::int
    FROM vis LEFT JOIN "Channel" c ON c.id = vis."channelId" GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'team', date_trunc(${trunc}, vis."occurredAt"), coalesce(vis."authorTeamId"::text, 'none'), count(*)::int
    FROM vis GROUP BY 1, 2, 3`);
  const rows = raw.map((r) => ({ ...r, bucket: utc(r.bucket) }));
  if (rows.length === 0) return { unit, byCycle: [], byChannel: [], byTeam: [], totals };
  // The bucket skeleton (empty buckets included) from the first and last bucket.
  const times = rows.map((r) => new Date(r.bucket).getTime());
  const skeleton = trendBuckets(
    [
      { at: new Date(Math.min(...times)), key: "_" },
      { at: new Date(Math.max(...times)), key: "_" },
    ],
    unit,
  );
  const series = (dim: string, keys: readonly string[]): TrendSeries => {
    const own = rows.filter((r) => r.dim === dim);
    const allKeys = [...keys, ...[...new Set(own.map((r) => r.key))].filter((k) => !keys.includes(k)).sort()];
    const out = skeleton.map((b) => ({ key: b.key, label: b.label, start: b.start, counts: Object.fromEntries(allKeys.map((k) => [k, 0])) as Record<string, number>, total: 0 }));
    const index = new Map(out.map((b) => [b.start.getTime(), b]));
    for (const r of own) {
      const b = index.get(new Date(r.bucket).getTime());
      if (!b) continue;
      b.counts[r.key] = (b.counts[r.key] ?? 0) + r.n;
      b.total += r.n;
    }
    return out;
  };
  return { unit, byCycle: series("cycle", CYCLES), byChannel: series("channel", []), byTeam: series("team", []), totals };
}

// ---------------------------------------------------------------------------------------------
// Knowledge capital

export type ReportCapitalMix = { counts: Record<CapitalKind, number>; totals: ReportTotals };

/** Per capital kind, the stories whose POTENTIAL entry names an indicator of that kind. */
export async function reportCapitalMix(actor: Actor, filters: ReportFilters = {}): Promise<ReportCapitalMix> {
  const org = actor.organizationId;
  const { rows, totals } = await rollup<{ kind: CapitalKind; n: number }>(actor, filters, Prisma.sql`
    SELECT i."capitalKind"::text AS kind, count(DISTINCT e."storyId")::int AS n
    FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${org}::uuid AND e.cycle = 'POTENTIAL'
    CROSS JOIN LATERAL unnest(e."indicatorKeys") AS k(key)
    JOIN "Indicator" i ON i."organizationId" = ${org}::uuid AND i.key = k.key
    WHERE i."capitalKind" IS NOT NULL
    GROUP BY 1`);
  const counts = Object.fromEntries(CAPITAL_KINDS.map((k) => [k, 0])) as Record<CapitalKind, number>;
  for (const r of rows) counts[r.kind] = r.n;
  return { counts, totals };
}

// ---------------------------------------------------------------------------------------------
// Network

export type ReportNetwork = {
  contributions: number;
  inside: number;
  outside: number;
  distinctInternalPeople: number;
  distinctExternalNames: number;
  distinctPlatforms: number;
  strong: number;
  weak: number;
  /** Internal contributions where the contributor's team differs from the author's team (both set). */
  crossTeam: number;
  storiesWithContributors: number;
  totals: ReportTotals;
};

export async function reportNetwork(actor: Actor, filters: ReportFilters = {}): Promise<ReportNetwork> {
  const org = actor.organizationId;
  const {
    rows: [r],
    totals,
  } = await rollup<Omit<ReportNetwork, "totals">>(actor, filters, Prisma.sql`
    SELECT count(*)::int AS contributions,
      count(*) FILTER (WHERE c."insideOrg")::int AS inside,
      count(*) FILTER (WHERE NOT c."insideOrg")::int AS outside,
      count(DISTINCT c."membershipId") FILTER (WHERE c."insideOrg")::int AS "distinctInternalPeople",
      count(DISTINCT lower(btrim(c."externalName"))) FILTER (WHERE NOT c."insideOrg" AND btrim(coalesce(c."externalName", '')) <> '')::int AS "distinctExternalNames",
      count(DISTINCT lower(btrim(c.platform))) FILTER (WHERE btrim(coalesce(c.platform, '')) <> '')::int AS "distinctPlatforms",
      count(*) FILTER (WHERE c."tieStrength" = 'STRONG')::int AS strong,
      count(*) FILTER (WHERE c."tieStrength" = 'WEAK')::int AS weak,
      count(*) FILTER (WHERE c."insideOrg" AND m."teamId" IS NOT NULL AND vis."authorTeamId" IS NOT NULL AND m."teamId" <> vis."authorTeamId")::int AS "crossTeam",
      count(DISTINCT c."storyId")::int AS "storiesWithContributors"
    FROM vis JOIN "Contributor" c ON c."storyId" = vis.id AND c."organizationId" = ${org}::uuid
    LEFT JOIN "Membership" m ON m.id = c."membershipId" AND m."organizationId" = ${org}::uuid`);
  return { ...r!, totals };
}

// ---------------------------------------------------------------------------------------------
// Realized value

export async function reportRealizedValue(actor: Actor, filters: ReportFilters = {}): Promise<{ units: UnitTotal[]; totals: ReportTotals }> {
  const org = actor.organizationId;
  const { rows, totals } = await rollup<{ unit: string; confirmed: boolean; value: string; n: number }>(actor, filters, Prisma.sql`
    SELECT coalesce(e."figureUnit", '') AS unit, (e."confirmedAt" IS NOT NULL) AS confirmed,
      sum(e."figureValue")::text AS value, count(*)::int AS n
    FROM vis JOIN "CycleEntry" e ON e."storyId" = vis.id AND e."organizationId" = ${org}::uuid
    WHERE e."figureValue" IS NOT NULL
    GROUP BY 1, 2`);
  const units = realizedValueTotals(rows.map((r) => ({ unit: r.unit, value: Number(r.value), confirmed: r.confirmed })));
  // The shaping counts input rows; the SQL grouped them, so put back the real figure counts.
  for (const u of units) {
    u.confirmedCount = 0;
    u.selfReportedCount = 0;
  }
  for (const r of rows) {
    const u = units.find((x) => x.unit === normalizeUnit(r.unit).unit);
    if (!u) continue;
    if (r.confirmed) u.confirmedCount += r.n;
    else u.selfReportedCount += r.n;
  }
  return { units, totals };
}

// ---------------------------------------------------------------------------------------------
// Participation

export type ReportParticipation = {
  /** Active people in scope (the team filter applies). */
  people: number;
  /** People with at least one visible story. */
  logging: number;
  buckets: ParticipationBucket[];
  summary: string;
  /** People in scope who completed (did not skip) at least one weekly reflection in the period. */
  reflecting: number;
  /** Completed reflections in the period. */
  reflections: number;
  totals: ReportTotals;
};

export async function reportParticipation(actor: Actor, filters: ReportFilters = {}): Promise<ReportParticipation> {
  const org = actor.organizationId;
  const me = actor.membershipId;
  const scope = reportScope(actor);
  const conds: Prisma.Sql[] = [Prisma.sql`p."organizationId" = ${org}::uuid`, Prisma.sql`p.status = 'ACTIVE'`];
  if (scope === "subtree") conds.push(Prisma.sql`(p.id = ${me}::uuid OR p.id IN (SELECT id FROM reports))`);
  if (scope === "own") conds.push(Prisma.sql`p.id = ${me}::uuid`);
  if (filters.teamId) conds.push(Prisma.sql`p."teamId" IN (SELECT id FROM fteams)`);
  const refl: Prisma.Sql[] = [Prisma.sql`r."organizationId" = ${org}::uuid`, Prisma.sql`NOT r.skipped`];
  if (filters.from) refl.push(Prisma.sql`r."weekStart" >= ${filters.from}::date`);
  if (filters.to) refl.push(Prisma.sql`r."weekStart" < ${filters.to}::date`);
  const { rows, totals } = await rollup<{ kind: string; n: number; people: number }>(
    actor,
    filters,
    Prisma.sql`
    SELECT 'dist' AS kind, n, count(*)::int AS people FROM per GROUP BY n
    UNION ALL
    SELECT 'refl', count(*)::int, count(DISTINCT r."membershipId")::int
    FROM "Reflection" r WHERE r."membershipId" IN (SELECT id FROM people) AND ${Prisma.join(refl, " AND ")}`,
    Prisma.sql`
    people AS (SELECT p.id FROM "Membership" p WHERE ${Prisma.join(conds, " AND ")}),
    per AS (SELECT people.id, count(vis.id)::int AS n FROM people LEFT JOIN vis ON vis."authorId" = people.id GROUP BY people.id)`,
  );
  const perPerson: number[] = [];
  let reflecting = 0;
  let reflections = 0;
  for (const r of rows) {
    if (r.kind === "dist") for (let i = 0; i < r.people; i++) perPerson.push(r.n);
    else {
      reflections = r.n;
      reflecting = r.people;
    }
  }
  const dist = participationDistribution(perPerson);
  return {
    people: dist.people,
    logging: perPerson.filter((n) => n > 0).length,
    buckets: dist.buckets,
    summary: dist.summary,
    reflecting,
    reflections,
    totals,
  };
}
