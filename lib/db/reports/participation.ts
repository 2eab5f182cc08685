import "server-only";
// Participation: the people in scope, how many stories each has shared, and their weekly reflections.
import { Prisma } from "@/lib/db/generated/client";
import { reportPopulationSql, viewerContext } from "../access";
import { readClient } from "../replica";
import { cubeServes, cubeSource, reflectionCubeSql } from "./cube";
import { periodSql, rollupScope, teamSql } from "./filters";
import type { ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import type { ReportFilters } from "@/lib/domain/report-filters";
import { participationDistribution, type ParticipationBucket } from "@/lib/domain/reports";

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
  return participation(actor, filters, cubeServes(filters));
}

/** Participation over the per-story rollups and reflections only (the path for filters the cubes do not key, and the tests' oracle). */
export async function reportParticipationPerRow(actor: Actor, filters: ReportFilters = {}): Promise<ReportParticipation> {
  return participation(actor, filters, false);
}

async function participation(actor: Actor, filters: ReportFilters, fromCube: boolean): Promise<ReportParticipation> {
  const org = actor.organizationId;
  const ctx = await viewerContext(actor);
  const conds: Prisma.Sql[] = [
    Prisma.sql`p."organizationId" = ${org}::uuid`,
    Prisma.sql`p.status = 'ACTIVE'`,
    reportPopulationSql(actor, ctx, Prisma.sql`p.id`),
  ];
  const team = await teamSql(org, filters, Prisma.sql`p."teamId"`);
  if (team) conds.push(team);
  const refl: Prisma.Sql[] = [
    Prisma.sql`x."organizationId" = ${org}::uuid`,
    Prisma.sql`NOT x.skipped`,
    ...periodSql(filters, Prisma.sql`x."weekStart"`, "date"),
  ];
  const people = Prisma.sql`SELECT p.id FROM "Membership" p WHERE ${Prisma.join(conds, " AND ")}`;
  // Stories per readable author, the rest counted by kind (1 private, 2 hidden): from the
  // per-author cube (./cube.ts) when it serves the filters, else one scan of the rollups.
  let counted: Prisma.Sql;
  let refls: Prisma.Sql;
  if (fromCube) {
    const { source, readable } = await cubeSource(actor, filters, true);
    counted = Prisma.sql`SELECT CASE WHEN ${readable} THEN 0 WHEN c.visibility = 'PRIVATE' THEN 1 ELSE 2 END AS k,
        CASE WHEN ${readable} THEN c."authorId" END AS a, sum(c.sign * c.stories)::int AS n
      FROM ${source} c GROUP BY 1, 2`;
    refls = Prisma.sql`SELECT 'refl', n, people FROM (${reflectionCubeSql(org, filters, Prisma.sql`SELECT id FROM people`)}) rm`;
  } else {
    const { where, readable } = await rollupScope(actor, filters);
    counted = Prisma.sql`SELECT CASE WHEN ${readable} THEN 0 WHEN r.visibility = 'PRIVATE' THEN 1 ELSE 2 END AS k,
        CASE WHEN ${readable} THEN r."authorId" END AS a, count(*)::int AS n
      FROM "StoryRollup" r WHERE ${where} GROUP BY 1, 2`;
    refls = Prisma.sql`SELECT 'refl', count(*)::int, count(DISTINCT x."membershipId")::int
      FROM "Reflection" x WHERE x."membershipId" IN (SELECT id FROM people) AND ${Prisma.join(refl, " AND ")}`;
  }
  const rows = await (
    await readClient(actor)
  ).$queryRaw<{ kind: string; n: number; people: number }[]>`
    WITH people AS (${people}),
    counted AS (${counted}),
    per AS (SELECT people.id, coalesce(counted.n, 0) AS n FROM people LEFT JOIN counted ON counted.k = 0 AND counted.a = people.id)
    SELECT 'dist' AS kind, n, count(*)::int AS people FROM per GROUP BY n
    UNION ALL
    SELECT 'total' || k, coalesce(sum(n), 0)::int, 0 FROM counted GROUP BY k
    UNION ALL
    ${refls}`;
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
