import "server-only";
// The one filter compiler of the reports: a report's filters (lib/domain/report-filters.ts
// ReportFilters) and the actor's scope, turned into SQL WHERE fragments, over stories ("Story"
// joined to its author's membership) or over the per-story rollups ("StoryRollup"). Every report,
// every list of a report's stories, every export and the leadership summary are built on it:
// - storyScopeSql: the CTEs `scoped` and `vis` over stories;
// - rollupScope: the WHERE and the readable predicate over `"StoryRollup" r`;
// - periodSql and teamSql: the period and team conditions on any other column (people,
//   reflections, an export's windows).
//
// Scope (lib/domain/access.ts reportScope): whose stories an actor's role reports on, the whole
// organisation, their reporting line and themselves, or themselves. Within that population, a
// story counts in the reports only when it is published, not in the bin and readable by the actor
// under the access rules (the SQL predicate lib/db/access.ts compiles from AUDIENCE). Published
// stories the actor may not read, PRIVATE ones included, are counted only anonymously.
import { Prisma } from "@/lib/db/generated/client";
import { ROLLUP_COLUMNS, STORY_COLUMNS, readableStorySql, reportPopulationSql, teamSubtree, uuidArray, viewerContext, type ViewerContext } from "../access";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";

export type { ReportFilters };

/** The bit of each cycle in the rollup's `reached`. */
export const CYCLE_BIT: Record<Cycle, number> = { IMMEDIATE: 1, POTENTIAL: 2, APPLIED: 4, REALIZED: 8, REFRAMING: 16 };

/** The period's bounds on `column` (from inclusive, to exclusive); with `cast`, the bounds as that type. */
export function periodSql(f: Pick<ReportFilters, "from" | "to">, column: Prisma.Sql, cast?: "date"): Prisma.Sql[] {
  const bound = (d: Date) => (cast === "date" ? Prisma.sql`${d}::date` : Prisma.sql`${d}`);
  const conds: Prisma.Sql[] = [];
  if (f.from) conds.push(Prisma.sql`${column} >= ${bound(f.from)}`);
  if (f.to) conds.push(Prisma.sql`${column} < ${bound(f.to)}`);
  return conds;
}

/** The team filter on `column` (a team id): the team and every team below it; null without one. */
export async function teamSql(organizationId: string, f: Pick<ReportFilters, "teamId">, column: Prisma.Sql): Promise<Prisma.Sql | null> {
  if (!f.teamId) return null;
  const teams = await teamSubtree(organizationId, f.teamId);
  return teams.length ? Prisma.sql`${column} = ANY(${uuidArray(teams)})` : Prisma.sql`FALSE`;
}

/** How each filter reads on one kind of row. */
type Target = {
  /** Conditions every row of this kind needs before the filters (organisation, liveness). */
  base(org: string): Prisma.Sql[];
  author: Prisma.Sql;
  occurredAt: Prisma.Sql;
  team: Prisma.Sql;
  channel(org: string, key: string): Prisma.Sql;
  tag(org: string, name: string): Prisma.Sql;
  cycle(cycle: Cycle): Prisma.Sql;
};

const TARGETS: Record<"story" | "rollup", Target> = {
  // `"Story" s JOIN "Membership" a ON a."organizationId" = s."organizationId" AND a.id = s."authorId"` (the organisation, status and bin are in storyScopeSql's FROM).
  story: {
    base: () => [],
    author: Prisma.sql`s."authorId"`,
    occurredAt: Prisma.sql`s."occurredAt"`,
    team: Prisma.sql`a."teamId"`,
    channel: (org, key) => Prisma.sql`s."channelId" IN (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${key})`,
    tag: (org, name) =>
      Prisma.sql`EXISTS (SELECT 1 FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."storyId" = s.id AND st."organizationId" = ${org}::uuid AND t.name = ${name})`,
    cycle: (cycle) => Prisma.sql`EXISTS (SELECT 1 FROM "CycleEntry" ce WHERE ce."storyId" = s.id AND ce.cycle = ${cycle}::"Cycle")`,
  },
  // `"StoryRollup" r`: one narrow row per story, kept current on write by database triggers.
  rollup: {
    base: (org) => [Prisma.sql`r."organizationId" = ${org}::uuid`, Prisma.sql`r.live`],
    author: Prisma.sql`r."authorId"`,
    occurredAt: Prisma.sql`r."occurredAt"`,
    team: Prisma.sql`r."authorTeamId"`,
    channel: (org, key) => Prisma.sql`r."channelId" = (SELECT id FROM "Channel" WHERE "organizationId" = ${org}::uuid AND key = ${key})`,
    tag: (org, name) =>
      Prisma.sql`r."storyId" IN (SELECT st."storyId" FROM "StoryTag" st WHERE st."organizationId" = ${org}::uuid
        AND st."tagId" = (SELECT id FROM "Tag" WHERE "organizationId" = ${org}::uuid AND name = ${name}))`,
    cycle: (cycle) => Prisma.sql`(r.reached & ${CYCLE_BIT[cycle]}::int2) <> 0`,
  },
};

/** The actor's report population and the filters, as conditions on `target`'s rows. */
async function filterConditions(actor: Actor, ctx: ViewerContext, f: ReportFilters, target: Target): Promise<Prisma.Sql[]> {
  const org = actor.organizationId;
  const conds: Prisma.Sql[] = [...target.base(org), reportPopulationSql(actor, ctx, target.author), ...periodSql(f, target.occurredAt)];
  const team = await teamSql(org, f, target.team);
  if (team) conds.push(team);
  if (f.channel) conds.push(target.channel(org, f.channel));
  if (f.tag) conds.push(target.tag(org, f.tag));
  if (f.cycle) conds.push(target.cycle(f.cycle));
  return conds;
}

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
export async function storyScopeSql(actor: Actor, f: ReportFilters): Promise<Prisma.Sql> {
  const org = actor.organizationId;
  const ctx = await viewerContext(actor);
  const conds = await filterConditions(actor, ctx, f, TARGETS.story);
  return Prisma.sql`
    WITH RECURSIVE scoped AS (
      SELECT s.id, s.title, s."occurredAt", s."channelId", s."authorId", s.visibility, a."teamId" AS "authorTeamId",
        ${readableStorySql(actor, ctx, STORY_COLUMNS)} AS readable
      FROM "Story" s JOIN "Membership" a ON a."organizationId" = s."organizationId" AND a.id = s."authorId"
      WHERE s."organizationId" = ${org}::uuid AND s.status = 'PUBLISHED' AND s."deletedAt" IS NULL
        AND ${Prisma.join(conds, " AND ")}
    ), vis AS (
      SELECT * FROM scoped WHERE readable
    )`;
}

/** The scope over `"StoryRollup" r`: `where` selects the population's filtered rows, `readable` those the actor may read. */
export type RollupScope = { where: Prisma.Sql; readable: Prisma.Sql };

/**
 * The same scope as storyScopeSql's, built by the same functions over the rollup's columns, with
 * the viewer's reporting and team subtrees passed in as arrays (computed once per request by
 * viewerContext), so the database can scan the rollups in parallel.
 */
export async function rollupScope(actor: Actor, f: ReportFilters): Promise<RollupScope> {
  const ctx = await viewerContext(actor);
  const conds = await filterConditions(actor, ctx, f, TARGETS.rollup);
  return { where: Prisma.join(conds, " AND "), readable: readableStorySql(actor, ctx, ROLLUP_COLUMNS) };
}
