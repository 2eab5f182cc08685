import "server-only";
// Report rollups, computed in SQL. Every function takes the acting person first, scopes by their
// organisation and by who they may see, and returns small, already aggregated results shaped by
// the pure functions in lib/domain/reports.ts. Stories are never loaded into JavaScript.
//
// Scope (lib/domain/access.ts reportScope): whose stories an actor's role reports on, the whole
// organisation, their reporting line and themselves, or themselves. Within that population, a
// story counts in the reports only when it is published, not in the bin and readable by the actor
// under the access rules (the SQL predicate lib/db/access.ts compiles from AUDIENCE). Published
// stories the actor may not read, PRIVATE ones included, are counted only anonymously
// (`totals.privateCount`, `totals.hiddenCount`).
import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "./client";
import { ROLLUP_COLUMNS, STORY_COLUMNS, readableStorySql, reportPopulationSql, teamSubtree, uuidArray, viewerContext } from "./access";
import { readClient } from "./replica";
import type { Actor } from "@/lib/domain/actor";
import { CAPITAL_KINDS, CYCLES, type CapitalKind, type Cycle } from "@/lib/domain/framework";
import { figureTotals, type FigureTotals, type UnitTotal } from "@/lib/domain/figures";
import type { ReportFilters } from "@/lib/domain/report-filters";
import {
  participationDistribution,
  trendBuckets,
  valueCreationMatrix,
  type NetworkFigures,
  type ParticipationBucket,
  type Transition,
  type TrendUnit,
  type ValueCreationMatrix,
} from "@/lib/domain/reports";
import { now } from "@/lib/platform/clock";

export type { ReportFilters };

/** Anonymous counts that accompany every report. */
export type ReportTotals = {
  /** Stories the report is built from. */
  visible: number;
  /** Published PRIVATE stories of other people in scope: counted, never shown. */
  privateCount: number;
  /** Other published stories in scope the actor may not read: counted, never shown. */
  hiddenCount: number;
};

/** A story below realized value with no new cycle for this long "stopped early". */
export const STALLED_AFTER_DAYS = 21;

/**
 * `WITH RECURSIVE … scoped AS (…), vis AS (…)`: `scoped` is every published, not deleted story
 * in the actor's population that passes the filters, with a `readable` flag; `vis` the readable
 * ones. Later CTEs and the final SELECT are appended by each report (start with a comma).
 * Population and readability come from lib/db/access.ts, over the viewer's subtrees computed once
 * per request (viewerContext), the same as the rollup path's.
 *
 * The contract other report modules rely on: `vis` (and `scoped`) have the columns
 * id, title, "occurredAt", "channelId", "authorId", visibility, "authorTeamId".
 * Anything shown about a story must come from `vis`, never from `scoped`.
 */
export async function reportScopeSql(actor: Actor, f: ReportFilters): Promise<Prisma.Sql> {
  const org = actor.organizationId;
  const ctx = await viewerContext(actor);
  const conds: Prisma.Sql[] = [reportPopulationSql(actor, ctx, Prisma.sql`s."authorId"`)];
  if (f.from) conds.push(Prisma.sql`s."occurredAt" >= ${f.from}`);
  if (f.to) conds.push(Prisma.sql`s."occurredAt" < ${f.to}`);
  if (f.teamId) {
    const teams = await teamSubtree(org, f.teamId);
    conds.push(teams.length ? Prisma.sql`a."teamId" = ANY(${uuidArray(teams)})` : Prisma.sql`FALSE`);
  }
  if (f.channel) conds.push(Prisma.sql`s."channelId" IN (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${f.channel})`);
  if (f.tag)
    conds.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."storyId" = s.id AND st."organizationId" = ${org}::uuid AND t.name = ${f.tag})`,
    );
  if (f.cycle) conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "CycleEntry" ce WHERE ce."storyId" = s.id AND ce.cycle = ${f.cycle}::"Cycle")`);
  return Prisma.sql`
    WITH RECURSIVE scoped AS (
      SELECT s.id, s.title, s."occurredAt", s."channelId", s."authorId", s.visibility, a."teamId" AS "authorTeamId",
        ${readableStorySql(actor, ctx, STORY_COLUMNS)} AS readable
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
// cycle entries, contributors and memberships. The scope is the same as reportScopeSql's, built
// by the same functions over the rollup's columns, with the viewer's reporting and team subtrees
// passed in as arrays (computed once per request by viewerContext), so the database can scan the
// rollups in parallel. Where a report is one row of aggregates, the anonymous totals are computed
// in the same scan.

type RollupScope = { where: Prisma.Sql; readable: Prisma.Sql };

/** Strings as one text[] parameter. */
const texts = (values: readonly string[]) => Prisma.sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;

/** The bit of each cycle in the rollup's `reached`, and its gap column (from the cycle before). */
const CYCLE_BIT: Record<Cycle, number> = { IMMEDIATE: 1, POTENTIAL: 2, APPLIED: 4, REALIZED: 8, REFRAMING: 16 };
const GAP_COLUMN: Record<Exclude<Cycle, "IMMEDIATE">, string> = {
  POTENTIAL: `"gapPotential"`,
  APPLIED: `"gapApplied"`,
  REALIZED: `"gapRealized"`,
  REFRAMING: `"gapReframing"`,
};

async function rollupScope(actor: Actor, f: ReportFilters): Promise<RollupScope> {
  const org = actor.organizationId;
  const ctx = await viewerContext(actor);
  const conds: Prisma.Sql[] = [Prisma.sql`r."organizationId" = ${org}::uuid`, Prisma.sql`r.live`, reportPopulationSql(actor, ctx, Prisma.sql`r."authorId"`)];
  if (f.from) conds.push(Prisma.sql`r."occurredAt" >= ${f.from}`);
  if (f.to) conds.push(Prisma.sql`r."occurredAt" < ${f.to}`);
  if (f.teamId) {
    const teams = await teamSubtree(org, f.teamId);
    conds.push(teams.length ? Prisma.sql`r."authorTeamId" = ANY(${uuidArray(teams)})` : Prisma.sql`FALSE`);
  }
  if (f.channel) conds.push(Prisma.sql`r."channelId" = (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${f.channel})`);
  if (f.tag)
    conds.push(
      Prisma.sql`r."storyId" IN (SELECT st."storyId" FROM "StoryTag" st WHERE st."organizationId" = ${org}::uuid
        AND st."tagId" = (SELECT id FROM "Tag" WHERE "organizationId" = ${org}::uuid AND name = ${f.tag}))`,
    );
  if (f.cycle) conds.push(Prisma.sql`(r.reached & ${CYCLE_BIT[f.cycle]}::int2) <> 0`);
  return { where: Prisma.join(conds, " AND "), readable: readableStorySql(actor, ctx, ROLLUP_COLUMNS) };
}

type TotalsRow = { visible: number; private: number; hidden: number };

/** The anonymous totals as aggregates over the scoped rows (for a scan that also does the report). */
const totalsColumns = (readable: Prisma.Sql) => Prisma.sql`count(*) FILTER (WHERE ${readable})::int AS visible,
  count(*) FILTER (WHERE r.visibility = 'PRIVATE' AND NOT ${readable})::int AS private,
  count(*) FILTER (WHERE r.visibility <> 'PRIVATE' AND NOT ${readable})::int AS hidden`;

const totalsOf = (r: TotalsRow | undefined): ReportTotals => ({ visible: r?.visible ?? 0, privateCount: r?.private ?? 0, hiddenCount: r?.hidden ?? 0 });

/** One row of aggregates over the scoped rollups, the totals included: `columns(readable)`. */
async function rollupRow<T>(actor: Actor, f: ReportFilters, columns: (readable: Prisma.Sql) => Prisma.Sql): Promise<{ row: T; totals: ReportTotals }> {
  const { where, readable } = await rollupScope(actor, f);
  const [r] = await (await readClient(actor)).$queryRaw<(T & TotalsRow)[]>`SELECT ${columns(readable)}, ${totalsColumns(readable)} FROM "StoryRollup" r WHERE ${where}`;
  return { row: r!, totals: totalsOf(r) };
}

/**
 * Rows (as JSON, so any shape fits) from `report(where)`, a query over `"StoryRollup" r` for the
 * readable stories, and the totals, in one round trip.
 */
async function rollupRows<T>(actor: Actor, f: ReportFilters, report: (where: Prisma.Sql) => Prisma.Sql): Promise<{ rows: T[]; totals: ReportTotals }> {
  const { where, readable } = await rollupScope(actor, f);
  const [r] = await (await readClient(actor)).$queryRaw<({ rows: T[] | string | null } & TotalsRow)[]>`
    SELECT (SELECT coalesce(json_agg(main), '[]'::json) FROM (${report(Prisma.sql`${where} AND ${readable}`)}) main) AS rows, tot.*
    FROM (SELECT ${totalsColumns(readable)} FROM "StoryRollup" r WHERE ${where}) tot`;
  const rows = typeof r?.rows === "string" ? (JSON.parse(r.rows) as T[]) : (r?.rows ?? []);
  return { rows, totals: totalsOf(r) };
}

/** A timestamp that came through JSON: timestamps without time zone are UTC here. */
function utc(v: string | Date): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
}

/** The organisation's indicators in catalogue order, with their rollup bit (place by creation). */
async function catalogue(organizationId: string) {
  const rows = await prisma().indicator.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { key: true, label: true, cycle: true, capitalKind: true, retiredAt: true, sortOrder: true },
  });
  return rows.map((i, place) => ({ ...i, place }));
}

const bit = (place: number) => (1n << BigInt(place)).toString();
const EXTRA_SEP = "\u001f";

// ---------------------------------------------------------------------------------------------
// Matrix

export async function reportMatrix(actor: Actor, filters: ReportFilters = {}): Promise<{ matrix: ValueCreationMatrix; totals: ReportTotals }> {
  const indicators = await catalogue(actor.organizationId);
  const masked = indicators.filter((i) => i.place < 63);
  const { row, totals } = await rollupRow<Record<string, number | string | null>>(actor, filters, (readable) =>
    Prisma.join(
      [
        ...masked.map((i) => Prisma.sql`count(*) FILTER (WHERE (r."indicatorMask" & ${bit(i.place)}::int8) <> 0 AND ${readable})::int AS ${Prisma.raw(`"b${i.place}"`)}`),
        Prisma.sql`string_agg(array_to_string(r."cellsExtra", ${EXTRA_SEP}), ${EXTRA_SEP}) FILTER (WHERE r."cellsExtra" IS NOT NULL AND ${readable}) AS extra`,
      ],
      ", ",
    ),
  );
  const counts: { cycle: Cycle; indicatorKey: string; stories: number }[] = masked.map((i) => ({ cycle: i.cycle, indicatorKey: i.key, stories: Number(row[`b${i.place}`] ?? 0) }));
  // Indicators named outside their own cycle, or beyond the first 63: one "CYCLE:key" per story.
  for (const cell of typeof row.extra === "string" && row.extra ? row.extra.split(EXTRA_SEP) : []) {
    const at = cell.indexOf(":");
    counts.push({ cycle: cell.slice(0, at) as Cycle, indicatorKey: cell.slice(at + 1), stories: 1 });
  }
  const sorted = [...indicators].sort((a, b) => a.sortOrder - b.sortOrder || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const matrix = valueCreationMatrix(
    counts.filter((c) => c.stories > 0),
    sorted.map((i) => ({ key: i.key, label: i.label, cycle: i.cycle, retired: i.retiredAt !== null })),
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
  const later = CYCLES.slice(1) as Exclude<Cycle, "IMMEDIATE">[];
  const [{ row, totals }, stopped] = await Promise.all([
    rollupRow<Record<string, number | null>>(actor, filters, (readable) =>
      Prisma.join(
        [
          Prisma.sql`count(*) FILTER (WHERE r.furthest > 0 AND ${readable})::int AS stories`,
          ...CYCLES.map((c) => Prisma.sql`count(*) FILTER (WHERE (r.reached & ${CYCLE_BIT[c]}::int2) <> 0 AND ${readable})::int AS ${Prisma.raw(`"reach_${c}"`)}`),
          ...later.map((c) => Prisma.sql`count(*) FILTER (WHERE r.${Prisma.raw(GAP_COLUMN[c])} IS NOT NULL AND ${readable})::int AS ${Prisma.raw(`"pair_${c}"`)}`),
          ...later.map(
            (c) =>
              Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY r.${Prisma.raw(GAP_COLUMN[c])}) FILTER (WHERE r.${Prisma.raw(GAP_COLUMN[c])} IS NOT NULL AND ${readable}) AS ${Prisma.raw(`"med_${c}"`)}`,
          ),
        ],
        ", ",
      ),
    ),
    rollupScope(actor, filters).then(async ({ where, readable }) =>
      (await readClient(actor)).$queryRaw<{ storyId: string; title: string; furthest: number; last: Date | string }[]>`
        SELECT r."storyId"::text AS "storyId", s.title, r.furthest, r."lastRecordedAt" AS last
        FROM "StoryRollup" r JOIN "Story" s ON s.id = r."storyId"
        WHERE ${where} AND ${readable} AND r.furthest BETWEEN 1 AND 3 AND r."lastRecordedAt" < ${cutoff}
        ORDER BY r."lastRecordedAt" ASC, r."storyId" ASC
        LIMIT 20`,
    ),
  ]);
  const reached = Object.fromEntries(CYCLES.map((c) => [c, Number(row[`reach_${c}`] ?? 0)])) as Record<Cycle, number>;
  const transitions: Transition[] = later.map((to, i) => {
    const med = row[`med_${to}`];
    return { from: CYCLES[i]!, to, stories: Number(row[`pair_${to}`] ?? 0), medianDays: med === null || med === undefined ? null : Number(med) };
  });
  return {
    stories: Number(row.stories ?? 0),
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
  const { where, readable } = await rollupScope(actor, filters);
  const bucket = unit === "week" ? Prisma.sql`r.week` : Prisma.sql`r.month`;
  // One scan: readable stories grouped by bucket, channel and team with their cycle counts, the
  // others only by kind (1 private, 2 hidden) for the anonymous totals; then one row per series
  // point.
  const grouped = await (await readClient(actor)).$queryRaw<{ dim: string; b: Date | string | null; key: string | null; n: number }[]>`
    WITH g AS (
      SELECT CASE WHEN ${readable} THEN 0 WHEN r.visibility = 'PRIVATE' THEN 1 ELSE 2 END AS kind,
        CASE WHEN ${readable} THEN ${bucket} END AS b,
        CASE WHEN ${readable} THEN r."channelId" END AS ch,
        CASE WHEN ${readable} THEN r."authorTeamId" END AS tm,
        count(*) AS n,
        ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`count(*) FILTER (WHERE (r.reached & ${CYCLE_BIT[c]}::int2) <> 0) AS ${Prisma.raw(`c${i}`)}`), ", ")}
      FROM "StoryRollup" r WHERE ${where}
      GROUP BY 1, 2, 3, 4
    )
    SELECT 'total' || kind AS dim, NULL::date AS b, NULL AS key, sum(n)::int AS n FROM g GROUP BY kind
    UNION ALL
    SELECT 'cycle', g.b, x.key, sum(x.n)::int FROM g CROSS JOIN LATERAL (VALUES ${Prisma.join(CYCLES.map((c, i) => Prisma.sql`(${c}, g.${Prisma.raw(`c${i}`)})`), ", ")}) AS x(key, n)
    WHERE g.kind = 0 GROUP BY 2, 3 HAVING sum(x.n) > 0
    UNION ALL
    SELECT 'channel', g.b, coalesce(c.key, 'none'), sum(g.n)::int FROM g LEFT JOIN "Channel" c ON c.id = g.ch WHERE g.kind = 0 GROUP BY 2, 3
    UNION ALL
    SELECT 'team', g.b, coalesce(g.tm::text, 'none'), sum(g.n)::int FROM g WHERE g.kind = 0 GROUP BY 2, 3`;
  const total = (kind: number) => grouped.find((g) => g.dim === `total${kind}`)?.n ?? 0;
  const totals: ReportTotals = { visible: total(0), privateCount: total(1), hiddenCount: total(2) };
  const day = (v: Date | string) => (v instanceof Date ? v : new Date(`${String(v).slice(0, 10)}T00:00:00Z`));
  const rows = grouped.filter((g) => !g.dim.startsWith("total") && g.b !== null).map((g) => ({ dim: g.dim, bucket: day(g.b!), key: g.key ?? "none", n: g.n }));
  if (rows.length === 0) return { unit, byCycle: [], byChannel: [], byTeam: [], totals };
  // The bucket skeleton (empty buckets included) from the first and last bucket.
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    const t = r.bucket.getTime();
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const skeleton = trendBuckets(
    [
      { at: new Date(first), key: "_" },
      { at: new Date(last), key: "_" },
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
  const indicators = await catalogue(actor.organizationId);
  const { row, totals } = await rollupRow<Record<CapitalKind, number>>(actor, filters, (readable) =>
    Prisma.join(
      CAPITAL_KINDS.map((kind) => {
        const own = indicators.filter((i) => i.capitalKind === kind);
        // In the mask: indicators of the POTENTIAL cycle among the first 63. Everything else
        // (an indicator of that kind named in a POTENTIAL entry although it belongs elsewhere,
        // or beyond 63) is a "POTENTIAL:key" in cellsExtra.
        const mask = own.filter((i) => i.cycle === "POTENTIAL" && i.place < 63).reduce((m, i) => m | (1n << BigInt(i.place)), 0n);
        const extra = own.map((i) => `POTENTIAL:${i.key}`);
        return Prisma.sql`count(*) FILTER (WHERE ((r."indicatorMask" & ${mask.toString()}::int8) <> 0
          OR (r."cellsExtra" IS NOT NULL AND r."cellsExtra" && ${texts(extra)})) AND ${readable})::int AS ${Prisma.raw(`"${kind}"`)}`;
      }),
      ", ",
    ),
  );
  const counts = Object.fromEntries(CAPITAL_KINDS.map((k) => [k, Number(row[k] ?? 0)])) as Record<CapitalKind, number>;
  return { counts, totals };
}

// ---------------------------------------------------------------------------------------------
// Network

export type ReportNetwork = NetworkFigures & { totals: ReportTotals };

export async function reportNetwork(actor: Actor, filters: ReportFilters = {}): Promise<ReportNetwork> {
  const { where, readable } = await rollupScope(actor, filters);
  const [[sums], distinct] = await Promise.all([
    (await readClient(actor)).$queryRaw<(Omit<ReportNetwork, "totals" | "distinctInternalPeople" | "distinctExternalNames" | "distinctPlatforms"> & TotalsRow)[]>`
      SELECT coalesce(sum(r.inside + r.outside) FILTER (WHERE ${readable}), 0)::int AS contributions,
        coalesce(sum(r.inside) FILTER (WHERE ${readable}), 0)::int AS inside,
        coalesce(sum(r.outside) FILTER (WHERE ${readable}), 0)::int AS outside,
        coalesce(sum(r.strong) FILTER (WHERE ${readable}), 0)::int AS strong,
        coalesce(sum(r.weak) FILTER (WHERE ${readable}), 0)::int AS weak,
        coalesce(sum(r."crossTeam") FILTER (WHERE ${readable}), 0)::int AS "crossTeam",
        count(*) FILTER (WHERE ${readable} AND r.inside + r.outside > 0)::int AS "storiesWithContributors",
        ${totalsColumns(readable)}
      FROM "StoryRollup" r WHERE ${where}`,
    // Distinct helpers, names and platforms: one scan of the stories that have any.
    (await readClient(actor)).$queryRaw<{ kind: string; n: number }[]>`
      SELECT x.kind, count(*)::int AS n FROM (
        SELECT DISTINCT u.kind, u.v
        FROM "StoryRollup" r CROSS JOIN LATERAL (
          SELECT 'h' AS kind, h::text AS v FROM unnest(r.helpers) h
          UNION ALL SELECT 'e', e FROM unnest(r.externals) e
          UNION ALL SELECT 'p', p FROM unnest(r.platforms) p
        ) u
        WHERE ${where} AND ${readable} AND r.inside + r.outside > 0
      ) x GROUP BY x.kind`,
  ]);
  const d = (k: string) => distinct.find((x) => x.kind === k)?.n ?? 0;
  const { visible, private: priv, hidden, ...rest } = sums!;
  return {
    ...rest,
    distinctInternalPeople: d("h"),
    distinctExternalNames: d("e"),
    distinctPlatforms: d("p"),
    totals: totalsOf({ visible, private: priv, hidden }),
  };
}

// ---------------------------------------------------------------------------------------------
// Realized value

export type ReportFigures = {
  /** Realized value: the REALIZED cycle's figures by unit, confirmed and self-reported apart. */
  units: UnitTotal[];
  /** The other cycles' figures, per cycle and unit: what they are, never realized value. */
  otherCycles: FigureTotals["otherCycles"];
  totals: ReportTotals;
};

/** The figures of the readable stories, summed by the rules of lib/domain/figures.ts. */
export async function reportRealizedValue(actor: Actor, filters: ReportFilters = {}): Promise<ReportFigures> {
  const { rows, totals } = await rollupRows<{ cycle: Cycle; unit: string; confirmed: boolean; value: string; n: number }>(actor, filters, (where) => Prisma.sql`
    SELECT f.cycle, f.unit, f.confirmed, sum(f.value)::text AS value, count(*)::int AS n
    FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r."figureCycles", r."figureUnits", r."figureValues", r."figureConfirmed") AS f(cycle, unit, value, confirmed)
    WHERE ${where} AND r."figureUnits" IS NOT NULL
    GROUP BY 1, 2, 3`);
  const figures = figureTotals(rows.map((r) => ({ cycle: r.cycle, unit: r.unit, value: Number(r.value), confirmed: r.confirmed, count: r.n })));
  return { units: figures.realized, otherCycles: figures.otherCycles, totals };
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
  const [ctx, { where, readable }] = await Promise.all([viewerContext(actor), rollupScope(actor, filters)]);
  const conds: Prisma.Sql[] = [Prisma.sql`p."organizationId" = ${org}::uuid`, Prisma.sql`p.status = 'ACTIVE'`, reportPopulationSql(actor, ctx, Prisma.sql`p.id`)];
  if (filters.teamId) conds.push(Prisma.sql`p."teamId" = ANY(${uuidArray(await teamSubtree(org, filters.teamId))})`);
  const refl: Prisma.Sql[] = [Prisma.sql`x."organizationId" = ${org}::uuid`, Prisma.sql`NOT x.skipped`];
  if (filters.from) refl.push(Prisma.sql`x."weekStart" >= ${filters.from}::date`);
  if (filters.to) refl.push(Prisma.sql`x."weekStart" < ${filters.to}::date`);
  // One scan: stories per readable author; the rest counted by kind (1 private, 2 hidden).
  const rows = await (await readClient(actor)).$queryRaw<{ kind: string; n: number; people: number }[]>`
    WITH people AS (SELECT p.id FROM "Membership" p WHERE ${Prisma.join(conds, " AND ")}),
    counted AS (
      SELECT CASE WHEN ${readable} THEN 0 WHEN r.visibility = 'PRIVATE' THEN 1 ELSE 2 END AS k,
        CASE WHEN ${readable} THEN r."authorId" END AS a, count(*)::int AS n
      FROM "StoryRollup" r WHERE ${where} GROUP BY 1, 2
    ),
    per AS (SELECT people.id, coalesce(counted.n, 0) AS n FROM people LEFT JOIN counted ON counted.k = 0 AND counted.a = people.id)
    SELECT 'dist' AS kind, n, count(*)::int AS people FROM per GROUP BY n
    UNION ALL
    SELECT 'total' || k, coalesce(sum(n), 0)::int, 0 FROM counted GROUP BY k
    UNION ALL
    SELECT 'refl', count(*)::int, count(DISTINCT x."membershipId")::int
    FROM "Reflection" x WHERE x."membershipId" IN (SELECT id FROM people) AND ${Prisma.join(refl, " AND ")}`;
  const totals: ReportTotals = {
    visible: rows.find((r) => r.kind === "total0")?.n ?? 0,
    privateCount: rows.find((r) => r.kind === "total1")?.n ?? 0,
    hiddenCount: rows.find((r) => r.kind === "total2")?.n ?? 0,
  };
  const perPerson: number[] = [];
  let reflecting = 0;
  let reflections = 0;
  for (const r of rows) {
    if (r.kind === "dist") for (let i = 0; i < r.people; i++) perPerson.push(r.n);
    else if (r.kind === "refl") {
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
