import { z } from "zod";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { isIsoDate } from "@/lib/domain/story-filters";
import type { ExportFilters } from "@/lib/domain/exports";
import type { TrendUnit } from "@/lib/domain/reports";
import { urlText } from "./common";

// The reports page's filters, as they live in the address (and in every export link). Lenient on
// purpose, like the story filters: a value that does not fit is dropped and the page shows what
// it applied. `team` is a team id; `channel` a channel key; `tag` a tag name; `from`/`to` are
// inclusive calendar days (UTC); `unit` is the trend bucket.

export const REPORT_FILTER_PARAMS = ["from", "to", "team", "channel", "tag", "cycle", "unit", "period"] as const;

/** The reports page opens on the last 90 days; `period=all` asks for all time. */
export const DEFAULT_PERIOD_DAYS = 90;

export type ReportFilterParams = {
  from?: string;
  to?: string;
  team?: string;
  channel?: string;
  tag?: string;
  cycle?: Cycle;
  unit?: TrendUnit;
  /** "all": no period (all time), instead of the default last 90 days. */
  period?: "all";
};

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);
const text = (max: number) => urlText(max).transform((v) => (v === "" ? undefined : v));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const reportFiltersSchema = z.object({
  from: lenient(z.string().trim().refine(isIsoDate, "Enter a date as YYYY-MM-DD.")),
  to: lenient(z.string().trim().refine(isIsoDate, "Enter a date as YYYY-MM-DD.")),
  team: lenient(z.string().trim().toLowerCase().regex(UUID, "Choose a team from the list.")),
  channel: lenient(text(60)),
  tag: lenient(text(60)),
  cycle: lenient(z.string().trim().toUpperCase().pipe(z.enum(CYCLES))),
  unit: lenient(z.string().trim().toLowerCase().pipe(z.enum(["week", "month"]))),
  period: lenient(z.string().trim().toLowerCase().pipe(z.enum(["all"]))),
});

export type ReportFiltersInput = Record<string, string | string[] | undefined> | URLSearchParams;

/** The report filters in an address (a page's searchParams or URLSearchParams). Never throws. */
export function parseReportFilters(input: ReportFiltersInput): ReportFilterParams {
  const raw: Record<string, unknown> = {};
  for (const key of REPORT_FILTER_PARAMS) {
    const v = input instanceof URLSearchParams ? input.getAll(key) : input[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) raw[key] = v;
  }
  const parsed = reportFiltersSchema.safeParse(raw);
  if (!parsed.success) return {};
  const out: ReportFilterParams = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  // A reversed period is read the way it was meant; dates win over "all".
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  if (out.from || out.to) delete out.period;
  return out;
}

/**
 * The period the reports page shows: the dates in the address, or all time when asked
 * (`period=all`), or else the last 90 days up to today (UTC). Exports get the applied dates.
 */
export function withDefaultPeriod(p: ReportFilterParams, today: Date): ReportFilterParams {
  if (p.from || p.to || p.period === "all") return p;
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const start = new Date(end.getTime() - (DEFAULT_PERIOD_DAYS - 1) * 86_400_000);
  return { ...p, from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The filters the data layer takes (lib/db/reports.ts ReportFilters): `to` becomes exclusive. */
export function reportQueryFilters(p: ReportFilterParams): {
  from: Date | null;
  to: Date | null;
  teamId: string | null;
  channel: string | null;
  tag: string | null;
  cycle: Cycle | null;
} {
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  return {
    from: p.from ? day(p.from) : null,
    to: p.to ? new Date(day(p.to).getTime() + 86_400_000) : null,
    teamId: p.team ?? null,
    channel: p.channel ?? null,
    tag: p.tag ?? null,
    cycle: p.cycle ?? null,
  };
}

/** The address query for these filters, in a stable order ("" when none is set). */
export function reportQueryString(p: ReportFilterParams, extra: Record<string, string> = {}): string {
  const sp = new URLSearchParams();
  for (const key of REPORT_FILTER_PARAMS) {
    const v = p[key];
    if (v) sp.set(key, key === "cycle" ? v.toLowerCase() : v);
  }
  for (const [k, v] of Object.entries(extra)) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** The export file name's and header's view of the filters. */
export function exportFiltersOf(p: ReportFilterParams, teamName?: string): ExportFilters {
  return { from: p.from, to: p.to, team: p.team ? (teamName ?? p.team) : undefined, channel: p.channel, tag: p.tag, cycle: p.cycle };
}
