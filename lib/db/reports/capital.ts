import "server-only";
// Knowledge capital: per capital kind, the readable stories whose POTENTIAL entry names it.
import { Prisma } from "@/lib/db/generated/client";
import { catalogue, rollupRow, texts, type ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import { CAPITAL_KINDS, type CapitalKind } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";

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
