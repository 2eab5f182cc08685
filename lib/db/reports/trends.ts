import "server-only";
// Trends: the readable stories per week or month, by cycle reached, by channel and by team.
import { Prisma } from "@/lib/db/generated/client";
import { readClient } from "../replica";
import { CYCLE_BIT, rollupScope } from "./filters";
import type { ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import { CYCLES } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";
import { trendBuckets, type TrendUnit } from "@/lib/domain/reports";

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
  const grouped = await (
    await readClient(actor)
  ).$queryRaw<{ dim: string; b: Date | string | null; key: string | null; n: number }[]>`
    WITH g AS (
      SELECT CASE WHEN ${readable} THEN 0 WHEN r.visibility = 'PRIVATE' THEN 1 ELSE 2 END AS kind,
        CASE WHEN ${readable} THEN ${bucket} END AS b,
        CASE WHEN ${readable} THEN r."channelId" END AS ch,
        CASE WHEN ${readable} THEN r."authorTeamId" END AS tm,
        count(*) AS n,
        ${Prisma.join(
          CYCLES.map((c, i) => Prisma.sql`count(*) FILTER (WHERE (r.reached & ${CYCLE_BIT[c]}::int2) <> 0) AS ${Prisma.raw(`c${i}`)}`),
          ", ",
        )}
      FROM "StoryRollup" r WHERE ${where}
      GROUP BY 1, 2, 3, 4
    )
    SELECT 'total' || kind AS dim, NULL::date AS b, NULL AS key, sum(n)::int AS n FROM g GROUP BY kind
    UNION ALL
    SELECT 'cycle', g.b, x.key, sum(x.n)::int FROM g CROSS JOIN LATERAL (VALUES ${Prisma.join(
      CYCLES.map((c, i) => Prisma.sql`(${c}, g.${Prisma.raw(`c${i}`)})`),
      ", ",
    )}) AS x(key, n)
    WHERE g.kind = 0 GROUP BY 2, 3 HAVING sum(x.n) > 0
    UNION ALL
    SELECT 'channel', g.b, coalesce(c.key, 'none'), sum(g.n)::int FROM g LEFT JOIN "Channel" c ON c."organizationId" = ${actor.organizationId}::uuid AND c.id = g.ch WHERE g.kind = 0 GROUP BY 2, 3
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
    const out = skeleton.map((b) => ({
      key: b.key,
      label: b.label,
      start: b.start,
      counts: Object.fromEntries(allKeys.map((k) => [k, 0])) as Record<string, number>,
      total: 0,
    }));
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
