import "server-only";
// Progression: how far the readable stories got along the cycles, how long each step took, and
// the stories that stopped early.
import { Prisma } from "@/lib/db/generated/client";
import { readClient } from "../replica";
import { CYCLE_BIT, rollupScope } from "./filters";
import { GAP_COLUMN, rollupRow, utc, type ReportTotals } from "./rollup";
import type { Actor } from "@/lib/domain/actor";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";
import type { Transition } from "@/lib/domain/reports";
import { now } from "@/lib/platform/clock";

/** A story below realized value with no new cycle for this long "stopped early". */
export const STALLED_AFTER_DAYS = 21;

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
          ...CYCLES.map(
            (c) => Prisma.sql`count(*) FILTER (WHERE (r.reached & ${CYCLE_BIT[c]}::int2) <> 0 AND ${readable})::int AS ${Prisma.raw(`"reach_${c}"`)}`,
          ),
          ...later.map(
            (c) => Prisma.sql`count(*) FILTER (WHERE r.${Prisma.raw(GAP_COLUMN[c])} IS NOT NULL AND ${readable})::int AS ${Prisma.raw(`"pair_${c}"`)}`,
          ),
          ...later.map(
            (c) =>
              Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY r.${Prisma.raw(GAP_COLUMN[c])}) FILTER (WHERE r.${Prisma.raw(GAP_COLUMN[c])} IS NOT NULL AND ${readable}) AS ${Prisma.raw(`"med_${c}"`)}`,
          ),
        ],
        ", ",
      ),
    ),
    rollupScope(actor, filters).then(
      async ({ where, readable }) =>
        (await readClient(actor)).$queryRaw<{ storyId: string; title: string; furthest: number; last: Date | string }[]>`
        SELECT r."storyId"::text AS "storyId", s.title, r.furthest, r."lastRecordedAt" AS last
        FROM "StoryRollup" r JOIN "Story" s ON s."organizationId" = r."organizationId" AND s.id = r."storyId"
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
