import "server-only";
// Realized value: the readable stories' figures, summed by the rules of lib/domain/figures.ts.
import { Prisma } from "@/lib/db/generated/client";
import { rollupRows, type ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import { figureTotals, type FigureTotals, type UnitTotal } from "@/lib/domain/figures";
import type { ReportFilters } from "@/lib/domain/report-filters";

export type ReportFigures = {
  /** Realized value: the REALIZED cycle's figures by unit, confirmed and self-reported apart. */
  units: UnitTotal[];
  /** The other cycles' figures, per cycle and unit: what they are, never realized value. */
  otherCycles: FigureTotals["otherCycles"];
  totals: ReportTotals;
};

/** The figures of the readable stories, summed by the rules of lib/domain/figures.ts. */
export async function reportRealizedValue(actor: Actor, filters: ReportFilters = {}): Promise<ReportFigures> {
  const { rows, totals } = await rollupRows<{ cycle: Cycle; unit: string; confirmed: boolean; value: string; n: number }>(
    actor,
    filters,
    (where) => Prisma.sql`
    SELECT f.cycle, f.unit, f.confirmed, sum(f.value)::text AS value, count(*)::int AS n
    FROM "StoryRollup" r CROSS JOIN LATERAL unnest(r."figureCycles", r."figureUnits", r."figureValues", r."figureConfirmed") AS f(cycle, unit, value, confirmed)
    WHERE ${where} AND r."figureUnits" IS NOT NULL
    GROUP BY 1, 2, 3`,
  );
  const figures = figureTotals(rows.map((r) => ({ cycle: r.cycle, unit: r.unit, value: Number(r.value), confirmed: r.confirmed, count: r.n })));
  return { units: figures.realized, otherCycles: figures.otherCycles, totals };
}
