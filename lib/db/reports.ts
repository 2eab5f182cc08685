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
import { cache } from "react";
import { prisma } from "./client";
import { viewerContext } from "./access";
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

// ---------------------------------------------------------------------------------------------
// The rollup path: every report reads "StoryRollup", one narrow row per story kept current on
// write by database triggers (prisma/migrations/*_report_rollups), instead of joining stories,
// cycle entries, contributors and memberships. The scope is the same as reportScopeSql's, with
// the viewer's reporting and team subtrees passed in as arrays (computed once per request by
// viewerContext), so the database can scan the rollups in parallel.

type RollupScope = { where: Prisma.Sql; readable: Prisma.Sql };

const teamSubtree = cache(async (organizationId: string, teamId: string): Promise<string[]> => {
  if (!UUID.test(teamId)) return [];
  const rows = await prisma().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (
      SELECT id FROM "Team" WHERE id = ${teamId}::uuid AND "organizationId" = ${organizationId}::uuid
      UNION
      SELECT x.id FROM "Team" x JOIN t ON x."parentId" = t.id WHERE x."organizationId" = ${organizationId}::uuid
    ) SELECT id::text AS id FROM t`;
  return rows.map((r) => r.id);
});

const uuids = (ids: readonly string[]) => Prisma.sql`${`{${ids.join(",")}}`}::uuid[]`;

async function rollupScope(actor: Actor, f: ReportFilters): Promise<RollupScope> {
  const org = actor.organizationId;
  const me = actor.membershipId;
  const ctx = await viewerContext(actor);
  const scope = reportScope(actor);
  const conds: Prisma.Sql[] = [Prisma.sql`r."organizationId" = ${org}::uuid`, Prisma.sql`r.live`];
  if (scope === "subtree")
    conds.push(ctx.reportIds.length ? Prisma.sql`(r."authorId" = ${me}::uuid OR r."authorId" = ANY(${uuids(ctx.reportIds)}))` : Prisma.sql`r."authorId" = ${me}::uuid`);
  if (scope === "own") conds.push(Prisma.sql`r."authorId" = ${me}::uuid`);
  if (f.from) conds.push(Prisma.sql`r."occurredAt" >= ${f.from}`);
  if (f.to) conds.push(Prisma.sql`r."occurredAt" < ${f.to}`);
  if (f.teamId) {
    const teams = await teamSubtree(org, f.teamId);
    conds.push(teams.length ? Prisma.sql`r."authorTeamId" = ANY(${uuids(teams)})` : Prisma.sql`FALSE`);
  }
  if (f.channel) conds.push(Prisma.sql`r."channelId" = (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${f.channel})`);
  if (f.tag)
    conds.push(
      Prisma.sql`r."storyId" IN (SELECT st."storyId" FROM "StoryTag" st WHERE st."organizationId" = ${org}::uuid
        AND st."tagId" = (SELECT id FROM "Tag" WHERE "organizationId" = ${org}::uuid AND name = ${f.tag}))`,
    );
  if (f.cycle) conds.push(Prisma.sql`r.${Prisma.raw(CYCLE_AT[f.cycle])} IS NOT NULL`);
  const shared: Prisma.Sql[] = [Prisma.sql`r.visibility = 'ORG'`];
  if (ctx.coveredTeamIds.length) shared.push(Prisma.sql`(r.visibility = 'TEAM' AND r."authorTeamId" = ANY(${uuids(ctx.coveredTeamIds)}))`);
  if (ctx.reportIds.length) shared.push(Prisma.sql`(r.visibility IN ('MANAGER', 'TEAM') AND r."authorId" = ANY(${uuids(ctx.reportIds)}))`);
  const readable = Prisma.sql`(r."authorId" = ${me}::uuid OR (${ctx.hideDeactivated ? Prisma.sql`r."authorActive" AND ` : Prisma.empty}(${Prisma.join(shared, " OR ")})))`;
  return { where: Prisma.join(conds, " AND "), readable };
}

/** The rollup column of each cycle's recorded time. */
const CYCLE_AT: Record<Cycle, string> = {
  IMMEDIATE: `"immediateAt"`,
  POTENTIAL: `"potentialAt"`,
  APPLIED: `"appliedAt"`,
  REALIZED: `"realizedAt"`,
  REFRAMING: `"reframingAt"`,
};

/**
 * One round trip: the report's rows (as JSON, so any shape fits) and the anonymous totals.
 * `report(where)` is the report's SELECT over `"StoryRollup" r` for the readable stories.
 */
async function rollup<T>(actor: Actor, f: ReportFilters, report: (where: Prisma.Sql) => Prisma.Sql): Promise<{ rows: T[]; totals: ReportTotals }> {
  const { where, readable } = await rollupScope(actor, f);
  const [r] = await prisma().$queryRaw<{ rows: T[] | string | null; visible: number; private: number; hidden: number }[]>`
    SELECT (SELECT coalesce(json_agg(main), '[]'::json) FROM (${report(Prisma.sql`${where} AND ${readable}`)}) main) AS rows, tot.*
    FROM (
      SELECT count(*) FILTER (WHERE ${readable})::int AS visible,
        count(*) FILTER (WHERE NOT ${readable} AND r.visibility = 'PRIVATE')::int AS private,
        count(*) FILTER (WHERE NOT ${readable} AND r.visibility <> 'PRIVATE')::int AS hidden
      FROM "StoryRollup" r WHERE ${where}
    ) tot`;
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
  const [{ rows, totals }, indicators] = await Promise.all([
    rollup<{ cell: string; stories: number }>(actor, filters, (where) => Prisma.sql`
      SELECT cell, count(*)::int AS stories FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r.cells) AS cell WHERE ${where} GROUP BY cell`),
    prisma().indicator.findMany({
      where: { organizationId: actor.organizationId },
      orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
      select: { key: true, label: true, cycle: true, retiredAt: true },
    }),
  ]);
  const counts = rows.map((r) => {
    const at = r.cell.indexOf(":");
    return { cycle: r.cell.slice(0, at) as Cycle, indicatorKey: r.cell.slice(at + 1), stories: r.stories };
  });
  const matrix = valueCreationMatrix(
    counts,
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
  const cutoff = new Date(now().getTime() - STALLED_AFTER_DAYS * 86_400_000);
  const gap = (from: Cycle, to: Cycle) =>
    Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM (r.${Prisma.raw(CYCLE_AT[to])} - r.${Prisma.raw(CYCLE_AT[from])}))) / 86400)
      FILTER (WHERE r.${Prisma.raw(CYCLE_AT[to])} IS NOT NULL AND r.${Prisma.raw(CYCLE_AT[from])} IS NOT NULL)`;
  const pairs = CYCLES.slice(1).map((to, i) => [CYCLES[i]!, to] as const);
  const [{ rows, totals }, stopped] = await Promise.all([
    rollup<{ kind: string; cycle: Cycle | null; n: number; med: number | null }>(actor, filters, (where) => Prisma.sql`
      SELECT x.* FROM (
        SELECT count(*) FILTER (WHERE r.furthest > 0)::int AS stories,
          ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`count(r.${Prisma.raw(CYCLE_AT[c])})::int AS ${Prisma.raw(`reach${i}`)}`), ", ")},
          ${Prisma.join(pairs.map(([a, b], i) => Prisma.sql`count(*) FILTER (WHERE r.${Prisma.raw(CYCLE_AT[a])} IS NOT NULL AND r.${Prisma.raw(CYCLE_AT[b])} IS NOT NULL)::int AS ${Prisma.raw(`pair${i}`)}`), ", ")},
          ${Prisma.join(pairs.map(([a, b], i) => Prisma.sql`${gap(a, b)} AS ${Prisma.raw(`med${i}`)}`), ", ")}
        FROM "StoryRollup" r WHERE ${where}
      ) t CROSS JOIN LATERAL (VALUES ('stories', NULL, t.stories, NULL::float8),
        ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`('reach', ${c}, t.${Prisma.raw(`reach${i}`)}, NULL::float8)`), ", ")},
        ${Prisma.join(pairs.map(([, b], i) => Prisma.sql`('gap', ${b}, t.${Prisma.raw(`pair${i}`)}, t.${Prisma.raw(`med${i}`)})`), ", ")}
      ) AS x(kind, cycle, n, med)`),
    rollupScope(actor, filters).then(({ where, readable }) =>
      prisma().$queryRaw<{ storyId: string; title: string; furthest: number; last: Date | string }[]>`
        SELECT r."storyId"::text AS "storyId", s.title, r.furthest, r."lastRecordedAt" AS last
        FROM "StoryRollup" r JOIN "Story" s ON s.id = r."storyId"
        WHERE ${where} AND ${readable} AND r.furthest BETWEEN 1 AND 3 AND r."lastRecordedAt" < ${cutoff}
        ORDER BY r."lastRecordedAt" ASC, r."storyId" ASC
        LIMIT 20`,
    ),
  ]);
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
    stoppedEarly: stopped.map((s) => ({ storyId: s.storyId, title: s.title, furthest: CYCLES[s.furthest - 1]!, lastRecordedAt: utc(s.last) })),
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
  const trunc = unit === "week" ? Prisma.sql`'week'` : Prisma.sql`'month'`;
  const { rows: raw, totals } = await rollup<{ dim: string; bucket: Date | string; key: string; n: number }>(actor, filters, (where) => Prisma.sql`
    WITH g AS (
      SELECT date_trunc(${trunc}, r."occurredAt") AS b, r."channelId" AS ch, r."authorTeamId" AS tm, count(*) AS n,
        ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`count(r.${Prisma.raw(CYCLE_AT[c])}) AS ${Prisma.raw(`c${i}`)}`), ", ")}
      FROM "StoryRollup" r WHERE ${where} GROUP BY 1, 2, 3
    )
    SELECT 'cycle' AS dim, g.b AS bucket, x.key, sum(x.n)::int AS n
    FROM g CROSS JOIN LATERAL (VALUES ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`(${c}, g.${Prisma.raw(`c${i}`)})`), ", ")}) AS x(key, n)
    GROUP BY 1, 2, 3 HAVING sum(x.n) > 0
    UNION ALL
    SELECT 'channel', g.b, coalesce(c.key, 'none'), sum(g.n)::int FROM g LEFT JOIN "Channel" c ON c.id = g.ch GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'team', g.b, coalesce(g.tm::text, 'none'), sum(g.n)::int FROM g GROUP BY 1, 2, 3`);
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
  // The catalogue's indicators of each kind, as rollup cells of the POTENTIAL cycle.
  const indicators = await prisma().indicator.findMany({
    where: { organizationId: actor.organizationId, capitalKind: { not: null } },
    select: { key: true, capitalKind: true },
  });
  const cells = Object.fromEntries(CAPITAL_KINDS.map((k) => [k, indicators.filter((i) => i.capitalKind === k).map((i) => `POTENTIAL:${i.key}`)])) as Record<CapitalKind, string[]>;
  const { rows, totals } = await rollup<Record<CapitalKind, number>>(actor, filters, (where) => Prisma.sql`
    SELECT ${Prisma.join(
      CAPITAL_KINDS.map((k) => Prisma.sql`count(*) FILTER (WHERE r.cells && ${`{${cells[k].map((c) => `"${c.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[])::int AS ${Prisma.raw(`"${k}"`)}`),
      ", ",
    )}
    FROM "StoryRollup" r WHERE ${where}`);
  const counts = Object.fromEntries(CAPITAL_KINDS.map((k) => [k, rows[0]?.[k] ?? 0])) as Record<CapitalKind, number>;
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
  const {
    rows: [r],
    totals,
  } = await rollup<Omit<ReportNetwork, "totals">>(actor, filters, (where) => Prisma.sql`
    SELECT coalesce(sum(r.inside + r.outside), 0)::int AS contributions,
      coalesce(sum(r.inside), 0)::int AS inside,
      coalesce(sum(r.outside), 0)::int AS outside,
      coalesce(sum(r.strong), 0)::int AS strong,
      coalesce(sum(r.weak), 0)::int AS weak,
      coalesce(sum(r."crossTeam"), 0)::int AS "crossTeam",
      count(*) FILTER (WHERE r.inside + r.outside > 0)::int AS "storiesWithContributors",
      (SELECT count(DISTINCT h)::int FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r.helpers) AS h WHERE ${where} AND cardinality(r.helpers) > 0) AS "distinctInternalPeople",
      (SELECT count(DISTINCT x)::int FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r.externals) AS x WHERE ${where} AND cardinality(r.externals) > 0) AS "distinctExternalNames",
      (SELECT count(DISTINCT x)::int FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r.platforms) AS x WHERE ${where} AND cardinality(r.platforms) > 0) AS "distinctPlatforms"
    FROM "StoryRollup" r WHERE ${where} AND r.inside + r.outside > 0`);
  return { ...r!, totals };
}

// ---------------------------------------------------------------------------------------------
// Realized value

export async function reportRealizedValue(actor: Actor, filters: ReportFilters = {}): Promise<{ units: UnitTotal[]; totals: ReportTotals }> {
  const { rows, totals } = await rollup<{ unit: string; confirmed: boolean; value: string; n: number }>(actor, filters, (where) => Prisma.sql`
    SELECT f.unit, f.confirmed, sum(f.value)::text AS value, count(*)::int AS n
    FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r."figureUnits", r."figureValues", r."figureConfirmed") AS f(unit, value, confirmed)
    WHERE ${where} AND cardinality(r."figureUnits") > 0
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
  const ctx = await viewerContext(actor);
  const conds: Prisma.Sql[] = [Prisma.sql`p."organizationId" = ${org}::uuid`, Prisma.sql`p.status = 'ACTIVE'`];
  if (scope === "subtree") conds.push(Prisma.sql`(p.id = ${me}::uuid OR p.id = ANY(${uuids(ctx.reportIds)}))`);
  if (scope === "own") conds.push(Prisma.sql`p.id = ${me}::uuid`);
  if (filters.teamId) conds.push(Prisma.sql`p."teamId" = ANY(${uuids(await teamSubtree(org, filters.teamId))})`);
  const refl: Prisma.Sql[] = [Prisma.sql`x."organizationId" = ${org}::uuid`, Prisma.sql`NOT x.skipped`];
  if (filters.from) refl.push(Prisma.sql`x."weekStart" >= ${filters.from}::date`);
  if (filters.to) refl.push(Prisma.sql`x."weekStart" < ${filters.to}::date`);
  const { rows, totals } = await rollup<{ kind: string; n: number; people: number }>(actor, filters, (where) => Prisma.sql`
    WITH people AS (SELECT p.id FROM "Membership" p WHERE ${Prisma.join(conds, " AND ")}),
    counted AS (SELECT r."authorId", count(*)::int AS n FROM "StoryRollup" r WHERE ${where} GROUP BY r."authorId"),
    per AS (SELECT people.id, coalesce(counted.n, 0) AS n FROM people LEFT JOIN counted ON counted."authorId" = people.id)
    SELECT 'dist' AS kind, n, count(*)::int AS people FROM per GROUP BY n
    UNION ALL
    SELECT 'refl', count(*)::int, count(DISTINCT x."membershipId")::int
    FROM "Reflection" x WHERE x."membershipId" IN (SELECT id FROM people) AND ${Prisma.join(refl, " AND ")}`);
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
