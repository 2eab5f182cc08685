import "server-only";
// What the report queries over the rollups share: the anonymous totals that accompany every
// report, one row of aggregates or rows as JSON over the scoped rollups (with the totals in the
// same round trip), and the organisation's indicator catalogue with its bits in the rollup.
//
// Every report reads "StoryRollup", one narrow row per story kept current on write by database
// triggers (prisma/migrations/*_report_rollups), instead of joining stories, cycle entries,
// contributors and memberships. The scope comes from ./filters.ts rollupScope. Where a report is
// one row of aggregates, the anonymous totals are computed in the same scan.
import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "../client";
import { readClient } from "../replica";
import { rollupScope } from "./filters";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { ReportFilters } from "@/lib/domain/report-filters";

/** Anonymous counts that accompany every report. */
export type ReportTotals = {
  /** Stories the report is built from. */
  visible: number;
  /** Published PRIVATE stories of other people in scope: counted, never shown. */
  privateCount: number;
  /** Other published stories in scope the actor may not read: counted, never shown. */
  hiddenCount: number;
};

/** Strings as one text[] parameter. */
export const texts = (values: readonly string[]) => Prisma.sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;

/** The gap column of each cycle after the first (days from the cycle before). */
export const GAP_COLUMN: Record<Exclude<Cycle, "IMMEDIATE">, string> = {
  POTENTIAL: `"gapPotential"`,
  APPLIED: `"gapApplied"`,
  REALIZED: `"gapRealized"`,
  REFRAMING: `"gapReframing"`,
};

export type TotalsRow = { visible: number; private: number; hidden: number };

/** The anonymous totals as aggregates over the scoped rows (for a scan that also does the report). */
export const totalsColumns = (readable: Prisma.Sql) => Prisma.sql`count(*) FILTER (WHERE ${readable})::int AS visible,
  count(*) FILTER (WHERE r.visibility = 'PRIVATE' AND NOT ${readable})::int AS private,
  count(*) FILTER (WHERE r.visibility <> 'PRIVATE' AND NOT ${readable})::int AS hidden`;

export const totalsOf = (r: TotalsRow | undefined): ReportTotals => ({ visible: r?.visible ?? 0, privateCount: r?.private ?? 0, hiddenCount: r?.hidden ?? 0 });

/** One row of aggregates over the scoped rollups, the totals included: `columns(readable)`. */
export async function rollupRow<T>(actor: Actor, f: ReportFilters, columns: (readable: Prisma.Sql) => Prisma.Sql): Promise<{ row: T; totals: ReportTotals }> {
  const { where, readable } = await rollupScope(actor, f);
  const [r] = await (
    await readClient(actor)
  ).$queryRaw<(T & TotalsRow)[]>`SELECT ${columns(readable)}, ${totalsColumns(readable)} FROM "StoryRollup" r WHERE ${where}`;
  return { row: r!, totals: totalsOf(r) };
}

/**
 * Rows (as JSON, so any shape fits) from `report(where)`, a query over `"StoryRollup" r` for the
 * readable stories, and the totals, in one round trip.
 */
export async function rollupRows<T>(actor: Actor, f: ReportFilters, report: (where: Prisma.Sql) => Prisma.Sql): Promise<{ rows: T[]; totals: ReportTotals }> {
  const { where, readable } = await rollupScope(actor, f);
  const [r] = await (
    await readClient(actor)
  ).$queryRaw<({ rows: T[] | string | null } & TotalsRow)[]>`
    SELECT (SELECT coalesce(json_agg(main), '[]'::json) FROM (${report(Prisma.sql`${where} AND ${readable}`)}) main) AS rows, tot.*
    FROM (SELECT ${totalsColumns(readable)} FROM "StoryRollup" r WHERE ${where}) tot`;
  const rows = typeof r?.rows === "string" ? (JSON.parse(r.rows) as T[]) : (r?.rows ?? []);
  return { rows, totals: totalsOf(r) };
}

/** A timestamp that came through JSON: timestamps without time zone are UTC here. */
export function utc(v: string | Date): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
}

/** The organisation's indicators in catalogue order, with their rollup bit (place by creation). */
export async function catalogue(organizationId: string) {
  const rows = await prisma().indicator.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { key: true, label: true, cycle: true, capitalKind: true, retiredAt: true, sortOrder: true },
  });
  return rows.map((i, place) => ({ ...i, place }));
}

/** An indicator's bit in the rollup's `indicatorMask`, as an int8 parameter. */
export const bit = (place: number) => (1n << BigInt(place)).toString();
/** Separates the rollup's `cellsExtra` entries once aggregated. */
export const EXTRA_SEP = "\u001f";
