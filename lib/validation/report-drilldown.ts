import { z } from "zod";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { urlText } from "./common";

// The drill-down from a report to the stories behind a figure, as it lives in the address next
// to the report filters (lib/validation/report-filters.ts): `at` a cycle (stories with an entry
// there), `indicator` an indicator key (named by that entry, or by any entry without `at`),
// `stalled=1` the stories that stopped early, `page` the page of the list. Lenient: a value that
// does not fit is dropped.

export const REPORT_DRILL_PARAMS = ["at", "indicator", "stalled", "page"] as const;

export type ReportDrill = { at?: Cycle; indicator?: string; stalled?: boolean };

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);

export const reportDrillSchema = z.object({
  at: lenient(z.string().trim().toUpperCase().pipe(z.enum(CYCLES))),
  indicator: lenient(urlText(80).transform((v) => (v === "" ? undefined : v))),
  stalled: lenient(z.enum(["1", "true"]).transform(() => true)),
  page: lenient(z.coerce.number().int().min(1).max(100_000)),
});

export function parseReportDrill(input: Record<string, string | string[] | undefined> | URLSearchParams): { drill: ReportDrill; page: number } {
  const raw: Record<string, unknown> = {};
  for (const key of REPORT_DRILL_PARAMS) {
    const v = input instanceof URLSearchParams ? input.get(key) : input[key];
    if (v !== undefined && v !== null) raw[key] = v;
  }
  const parsed = reportDrillSchema.safeParse(raw);
  if (!parsed.success) return { drill: {}, page: 1 };
  const { at, indicator, stalled, page } = parsed.data;
  const drill: ReportDrill = {};
  if (at) drill.at = at;
  if (indicator) drill.indicator = indicator;
  if (stalled) drill.stalled = true;
  return { drill, page: page ?? 1 };
}

/** The drill-down's part of an address, to pass as `extra` to reportQueryString. */
export function reportDrillParams(drill: ReportDrill, page = 1): Record<string, string> {
  const out: Record<string, string> = {};
  if (drill.at) out.at = drill.at.toLowerCase();
  if (drill.indicator) out.indicator = drill.indicator;
  if (drill.stalled) out.stalled = "1";
  if (page > 1) out.page = String(page);
  return out;
}
