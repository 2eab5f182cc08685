import "server-only";
// The pre-aggregated path of the reports whose figures are sums: "ReportCube" (per organisation,
// month, author's team, visibility and author status), "ReportAuthorCube" (the same per author)
// and "ReflectionMonth" (completed reflections per person and month), kept current on write by
// triggers (prisma/migrations/*_report_cubes). See the README, "Reports read rollups".
//
// How the access rules stay exact. Whether the actor may read a story depends on its visibility,
// its author's team and status, and on who wrote it (the actor's own, or someone in the actor's
// reporting line). A cube row without an author holds everything but the last, so it is
// classified by the same predicate (lib/db/access.ts readableStorySql) with the author unknown
// (NULL): readable when the story's visibility and team make it readable to the actor whoever
// wrote it. For every author outside A = the actor and their reporting line, that is exactly the
// story's answer; for the authors in A it can only under-count (being the author or their manager
// adds readers, never removes them). So the organisation-wide source is
//   the organisation cube, classified without the author
//   − the per-author cube rows of A, classified without the author (cancelling A's share above)
//   + the per-author cube rows of A, classified with the author
// and every sum over it (visible, private, hidden, contributor counts) is the per-story sum. A
// manager's and an employee's population is A itself: only A's per-author rows, by index.
//
// Periods: a cube row is a calendar month, or all time (month '-infinity': each story counts in
// both). Whole months inside the period come from the cubes; the days at either end that do not
// fill a month come from the per-story rollups, so any period is exact. Filters the cubes do not key (channel, tag, cycle) take the per-story path.
import { Prisma } from "@/lib/db/generated/client";
import { readableStorySql, reportPopulationSql, uuidArray, viewerContext, type StoryColumns } from "../access";
import { teamSql } from "./filters";
import type { Actor } from "@/lib/domain/actor";
import { reportScope } from "@/lib/domain/access";
import type { ReportFilters } from "@/lib/domain/report-filters";

/** The cubes' team for a story whose author has none (a key column cannot be null). */
export const NO_TEAM = "00000000-0000-0000-0000-000000000000";

/** The cube relation `c` as the access predicate reads a story (only live stories are in the cubes). */
const CUBE_COLUMNS: StoryColumns = {
  organizationId: Prisma.raw(`c."organizationId"`),
  authorId: Prisma.raw(`c."authorId"`),
  authorTeamId: Prisma.raw(`c."authorTeamId"`),
  authorActive: Prisma.raw(`c."authorActive"`),
  visibility: Prisma.raw(`c.visibility`),
  kept: Prisma.raw(`TRUE`),
  published: Prisma.raw(`TRUE`),
};

/** Whether the cubes can answer these filters (they key month, team, visibility and author; not channel, tag or cycle). */
export function cubeServes(f: ReportFilters): boolean {
  return !f.channel && !f.tag && !f.cycle;
}

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
/** A day as a date literal. Not toISOString: its year 10000 ("+010000-…", the end of a period up to 9999-12-31) is no date to PostgreSQL. */
const day = (d: Date) =>
  Prisma.sql`${`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`}::date`;

/**
 * The period split into whole months (for the cubes: `first` ≤ month < `end`, either open) and
 * the ends that are not whole months (for the rows: [from, to) ranges). `none` when the period
 * holds no whole month.
 */
export function monthSplit(f: Pick<ReportFilters, "from" | "to">): {
  first: Date | null;
  end: Date | null;
  none: boolean;
  edges: { from: Date | null; to: Date | null }[];
} {
  const from = f.from ?? null;
  const to = f.to ?? null;
  const first = from ? (monthStart(from).getTime() === from.getTime() ? from : nextMonth(from)) : null;
  const end = to ? monthStart(to) : null;
  if (first && end && first.getTime() >= end.getTime()) return { first, end, none: true, edges: [{ from, to }] };
  const edges: { from: Date | null; to: Date | null }[] = [];
  if (from && first && from.getTime() < first.getTime()) edges.push({ from, to: first });
  if (to && end && end.getTime() < to.getTime()) edges.push({ from: end, to });
  return { first, end, none: false, edges };
}

/** The all-time rows' month: every story and reflection also counts in the row of its key with this month. */
const ALL_TIME = Prisma.sql`'-infinity'::date`;

/** The month conditions on a cube's `month` column: the all-time rows for all time, else the whole months. */
function monthConds(split: ReturnType<typeof monthSplit>, column: Prisma.Sql): Prisma.Sql[] {
  if (split.none) return [Prisma.sql`FALSE`];
  if (!split.first && !split.end) return [Prisma.sql`${column} = ${ALL_TIME}`];
  const conds: Prisma.Sql[] = [Prisma.sql`${column} > ${ALL_TIME}`];
  if (split.first) conds.push(Prisma.sql`${column} >= ${day(split.first)}`);
  if (split.end) conds.push(Prisma.sql`${column} < ${day(split.end)}`);
  return conds;
}

/** The edges as one condition on a timestamp or date column; null when there are none. */
function edgeCond(split: ReturnType<typeof monthSplit>, column: Prisma.Sql, cast?: "date"): Prisma.Sql | null {
  if (split.edges.length === 0) return null;
  const bound = (d: Date) => (cast === "date" ? day(d) : Prisma.sql`${d}`);
  return Prisma.sql`(${Prisma.join(
    split.edges.map((e) => {
      const c: Prisma.Sql[] = [];
      if (e.from) c.push(Prisma.sql`${column} >= ${bound(e.from)}`);
      if (e.to) c.push(Prisma.sql`${column} < ${bound(e.to)}`);
      return c.length ? Prisma.sql`(${Prisma.join(c, " AND ")})` : Prisma.sql`TRUE`;
    }),
    " OR ",
  )})`;
}

/**
 * The rows a pre-aggregated report sums, as the relation `c` (`FROM ${source} c`): columns
 * "organizationId", "authorId" (null on the organisation cube's rows), "authorTeamId",
 * visibility, "authorActive", sign (+1 or -1: multiply every measure by it), stories,
 * contributed, inside, outside, strong, weak, "crossTeam"; and `readable`, the access
 * predicate over those columns (never null). `perAuthor` asks for rows that all carry their
 * author (participation counts per person), from the per-author cube.
 */
export type CubeSource = { source: Prisma.Sql; readable: Prisma.Sql };

const MEASURES = Prisma.raw(`stories, contributed, inside, outside, strong, weak, "crossTeam"`);
const teamCol = (t: string) => Prisma.raw(`NULLIF(${t}."teamId", '${NO_TEAM}'::uuid)`);

export async function cubeSource(actor: Actor, f: ReportFilters, perAuthor = false): Promise<CubeSource> {
  const org = actor.organizationId;
  const ctx = await viewerContext(actor);
  const scope = reportScope(actor);
  const split = monthSplit(f);
  const authors = uuidArray([actor.membershipId, ...(scope === "own" ? [] : ctx.reportIds)]);
  const cubeTeam = await teamSql(org, f, Prisma.sql`x."teamId"`);
  const cubeWhere = (extra: Prisma.Sql[]) =>
    Prisma.join([Prisma.sql`x."organizationId" = ${org}::uuid`, ...monthConds(split, Prisma.sql`x.month`), ...(cubeTeam ? [cubeTeam] : []), ...extra], " AND ");
  const parts: Prisma.Sql[] = [];
  const inA = Prisma.sql`x."authorId" = ANY(${authors})`;
  if (scope === "organization" && !perAuthor) {
    parts.push(Prisma.sql`SELECT x."organizationId", NULL::uuid AS "authorId", ${teamCol("x")} AS "authorTeamId", x.visibility, x."authorActive", 1 AS sign, ${MEASURES}
      FROM "ReportCube" x WHERE ${cubeWhere([])}`);
    parts.push(Prisma.sql`SELECT x."organizationId", NULL::uuid AS "authorId", ${teamCol("x")} AS "authorTeamId", x.visibility, x."authorActive", -1 AS sign, ${MEASURES}
      FROM "ReportAuthorCube" x WHERE ${cubeWhere([inA])}`);
  }
  parts.push(Prisma.sql`SELECT x."organizationId", x."authorId", ${teamCol("x")} AS "authorTeamId", x.visibility, x."authorActive", 1 AS sign, ${MEASURES}
    FROM "ReportAuthorCube" x WHERE ${cubeWhere(scope === "organization" && perAuthor ? [] : [inA])}`);
  const edges = edgeCond(split, Prisma.sql`r."occurredAt"`);
  if (edges) {
    const rowTeam = await teamSql(org, f, Prisma.sql`r."authorTeamId"`);
    parts.push(Prisma.sql`SELECT r."organizationId", r."authorId", r."authorTeamId", r.visibility, r."authorActive", 1 AS sign, 1 AS stories,
      (r.inside + r.outside > 0)::int AS contributed, r.inside::int AS inside, r.outside::int AS outside, r.strong::int AS strong, r.weak::int AS weak, r."crossTeam"::int AS "crossTeam"
      FROM "StoryRollup" r WHERE ${Prisma.join(
        [
          Prisma.sql`r."organizationId" = ${org}::uuid`,
          Prisma.sql`r.live`,
          reportPopulationSql(actor, ctx, Prisma.sql`r."authorId"`),
          edges,
          ...(rowTeam ? [rowTeam] : []),
        ],
        " AND ",
      )}`);
  }
  return {
    source: Prisma.sql`(${Prisma.join(parts, " UNION ALL ")})`,
    readable: Prisma.sql`coalesce(${readableStorySql(actor, ctx, CUBE_COLUMNS)}, FALSE)`,
  };
}

/** The anonymous totals as aggregates over a cube source's rows. */
export const cubeTotalsColumns = (readable: Prisma.Sql) => Prisma.sql`coalesce(sum(c.sign * c.stories) FILTER (WHERE ${readable}), 0)::int AS visible,
  coalesce(sum(c.sign * c.stories) FILTER (WHERE c.visibility = 'PRIVATE' AND NOT ${readable}), 0)::int AS private,
  coalesce(sum(c.sign * c.stories) FILTER (WHERE c.visibility <> 'PRIVATE' AND NOT ${readable}), 0)::int AS hidden`;

/**
 * Completed reflections in the period of the people `people` selects (an SQL relation of ids):
 * whole months from "ReflectionMonth", the ends from "Reflection". `reflecting` counts each
 * person once however many months and ends they appear in.
 */
export function reflectionCubeSql(organizationId: string, f: Pick<ReportFilters, "from" | "to">, people: Prisma.Sql): Prisma.Sql {
  const split = monthSplit(f);
  const parts: Prisma.Sql[] = [
    Prisma.sql`SELECT x."membershipId", x.completed AS n FROM "ReflectionMonth" x
      WHERE ${Prisma.join([Prisma.sql`x."organizationId" = ${organizationId}::uuid`, Prisma.sql`x.completed > 0`, ...monthConds(split, Prisma.sql`x.month`)], " AND ")}
        AND x."membershipId" IN (${people})`,
  ];
  const edges = edgeCond(split, Prisma.sql`x."weekStart"`, "date");
  if (edges)
    parts.push(Prisma.sql`SELECT x."membershipId", 1 FROM "Reflection" x
      WHERE x."organizationId" = ${organizationId}::uuid AND NOT x.skipped AND ${edges} AND x."membershipId" IN (${people})`);
  return Prisma.sql`SELECT coalesce(sum(n), 0)::int AS n, count(DISTINCT "membershipId")::int AS people FROM (${Prisma.join(parts, " UNION ALL ")}) refl`;
}
