import "server-only";
// The value-creation matrix: per cycle and indicator, the readable stories that name it.
import { Prisma } from "@/lib/db/generated/client";
import { EXTRA_SEP, bit, catalogue, rollupRow, type ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";
import { valueCreationMatrix, type ValueCreationMatrix } from "@/lib/domain/reports";

export async function reportMatrix(actor: Actor, filters: ReportFilters = {}): Promise<{ matrix: ValueCreationMatrix; totals: ReportTotals }> {
  const indicators = await catalogue(actor.organizationId);
  const masked = indicators.filter((i) => i.place < 63);
  const { row, totals } = await rollupRow<Record<string, number | string | null>>(actor, filters, (readable) =>
    Prisma.join(
      [
        ...masked.map(
          (i) => Prisma.sql`count(*) FILTER (WHERE (r."indicatorMask" & ${bit(i.place)}::int8) <> 0 AND ${readable})::int AS ${Prisma.raw(`"b${i.place}"`)}`,
        ),
        Prisma.sql`string_agg(array_to_string(r."cellsExtra", ${EXTRA_SEP}), ${EXTRA_SEP}) FILTER (WHERE r."cellsExtra" IS NOT NULL AND ${readable}) AS extra`,
      ],
      ", ",
    ),
  );
  const counts: { cycle: Cycle; indicatorKey: string; stories: number }[] = masked.map((i) => ({
    cycle: i.cycle,
    indicatorKey: i.key,
    stories: Number(row[`b${i.place}`] ?? 0),
  }));
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
