import "server-only";
// The network figures: contributions inside and outside, tie strength, cross-team help, and the
// distinct people, names and platforms behind them.
import { readClient } from "../replica";
import { cubeServes, cubeSource, cubeTotalsColumns } from "./cube";
import { rollupScope } from "./filters";
import { totalsColumns, totalsOf, type ReportTotals, type TotalsRow } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import type { ReportFilters } from "@/lib/domain/report-filters";
import type { NetworkFigures } from "@/lib/domain/reports";

export type ReportNetwork = NetworkFigures & { totals: ReportTotals };

type SumsRow = Omit<ReportNetwork, "totals" | "distinctInternalPeople" | "distinctExternalNames" | "distinctPlatforms"> & TotalsRow;

/** The sums from the pre-aggregates (./cube.ts): one row per cube cell instead of per story. */
async function cubeSums(actor: Actor, filters: ReportFilters): Promise<SumsRow | undefined> {
  const { source, readable } = await cubeSource(actor, filters);
  const [row] = await (
    await readClient(actor)
  ).$queryRaw<SumsRow[]>`
    SELECT coalesce(sum(c.sign * (c.inside + c.outside)) FILTER (WHERE ${readable}), 0)::int AS contributions,
      coalesce(sum(c.sign * c.inside) FILTER (WHERE ${readable}), 0)::int AS inside,
      coalesce(sum(c.sign * c.outside) FILTER (WHERE ${readable}), 0)::int AS outside,
      coalesce(sum(c.sign * c.strong) FILTER (WHERE ${readable}), 0)::int AS strong,
      coalesce(sum(c.sign * c.weak) FILTER (WHERE ${readable}), 0)::int AS weak,
      coalesce(sum(c.sign * c."crossTeam") FILTER (WHERE ${readable}), 0)::int AS "crossTeam",
      coalesce(sum(c.sign * c.contributed) FILTER (WHERE ${readable}), 0)::int AS "storiesWithContributors",
      ${cubeTotalsColumns(readable)}
    FROM ${source} c`;
  return row;
}

export async function reportNetwork(actor: Actor, filters: ReportFilters = {}): Promise<ReportNetwork> {
  return networkFigures(actor, filters, cubeServes(filters));
}

/** The network figures over the per-story rollups only (the path for filters the cubes do not key, and the tests' oracle). */
export async function reportNetworkPerRow(actor: Actor, filters: ReportFilters = {}): Promise<ReportNetwork> {
  return networkFigures(actor, filters, false);
}

async function networkFigures(actor: Actor, filters: ReportFilters, fromCube: boolean): Promise<ReportNetwork> {
  const { where, readable } = await rollupScope(actor, filters);
  const [[sums], distinct] = await Promise.all([
    fromCube
      ? cubeSums(actor, filters).then((r) => [r])
      : (await readClient(actor)).$queryRaw<SumsRow[]>`
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
