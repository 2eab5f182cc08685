// The report filters: one shape from the address to SQL. The address parser
// (lib/validation/report-filters.ts) makes it, the reports page, its drill-down and every
// export carry it, and the report queries (lib/db/reports/ and its siblings, through lib/db/reports/filters.ts) take it as it is.
// Pure: no I/O.
import type { Cycle } from "./framework";
import type { TrendUnit } from "./reports";
import { DAY_MS } from "./week";

export type ReportFilters = {
  /** Inclusive lower bound on the story's occurredAt: the first instant of the first day (UTC). */
  from?: Date | null;
  /** Exclusive upper bound on the story's occurredAt: the first instant after the last day (UTC). */
  to?: Date | null;
  /** The author's team or any team below it. */
  teamId?: string | null;
  /** A channel key of the organisation. */
  channel?: string | null;
  /** A tag name of the organisation. */
  tag?: string | null;
  /** Only stories that reached this cycle. */
  cycle?: Cycle | null;
  /** How the trends are bucketed: a view of the same stories, which the other queries ignore. */
  unit?: TrendUnit;
  /** `period=all`: all time was asked for, so the page fills in no default period. */
  period?: "all";
};

/** The reports page opens on the last 90 days; `period=all` asks for all time. */
export const DEFAULT_PERIOD_DAYS = 90;

const isValid = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** "2026-03-31" for the day that starts at `date` (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The period of inclusive calendar days `first`…`last` (YYYY-MM-DD, UTC) as the filters' bounds. */
export function reportPeriod(first?: string, last?: string): Pick<ReportFilters, "from" | "to"> {
  const out: Pick<ReportFilters, "from" | "to"> = {};
  if (first) out.from = new Date(`${first}T00:00:00.000Z`);
  if (last) out.to = new Date(new Date(`${last}T00:00:00.000Z`).getTime() + DAY_MS);
  return out;
}

/** The period as inclusive calendar days (YYYY-MM-DD, UTC), as people read and type it; a bound that is not a date is left out. */
export function reportDays(filters: ReportFilters): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (isValid(filters.from)) out.from = isoDay(filters.from);
  if (isValid(filters.to)) out.to = isoDay(new Date(filters.to.getTime() - DAY_MS));
  return out;
}

/**
 * The period the reports page shows: the dates asked for, or all time when asked
 * (`period=all`), or else the last 90 days up to today (UTC). Exports get the applied dates.
 */
export function withDefaultPeriod(filters: ReportFilters, today: Date): ReportFilters {
  if (filters.from || filters.to || filters.period === "all") return filters;
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const start = new Date(end.getTime() - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  return { ...filters, ...reportPeriod(isoDay(start), isoDay(end)) };
}

/** The names of the filters' parameters in an address, in the order an address writes them. */
export const REPORT_FILTER_PARAMS = ["from", "to", "team", "channel", "tag", "cycle", "unit", "period"] as const;
export type ReportFilterParam = (typeof REPORT_FILTER_PARAMS)[number];

/**
 * The filters as the values of their address parameters: days, the team's id, the channel's key,
 * the cycle's key; only those that are set. What the audit log records of an export.
 */
export function reportFilterParams(filters: ReportFilters): Partial<Record<ReportFilterParam, string>> {
  const days = reportDays(filters);
  const values: Record<ReportFilterParam, string | null | undefined> = {
    from: days.from,
    to: days.to,
    team: filters.teamId,
    channel: filters.channel,
    tag: filters.tag,
    cycle: filters.cycle,
    unit: filters.unit,
    period: filters.period,
  };
  const out: Partial<Record<ReportFilterParam, string>> = {};
  for (const key of REPORT_FILTER_PARAMS) {
    const v = values[key];
    if (v) out[key] = v;
  }
  return out;
}

/** The address query for these filters, in a stable order ("" when none is set); `extra` follows. */
export function reportQueryString(filters: ReportFilters, extra: Record<string, string> = {}): string {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(reportFilterParams(filters))) sp.set(key, key === "cycle" ? value.toLowerCase() : value);
  for (const [k, v] of Object.entries(extra)) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : "";
}
