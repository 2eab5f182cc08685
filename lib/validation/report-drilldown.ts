import { z } from "zod";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { choiceParam, lenient, optionalUrlText, parseSearchParams, type SearchParamsInput } from "./search-params";

// The drill-down from a report to the stories behind a figure, as it lives in the address next
// to the report filters (lib/validation/report-filters.ts): `at` a cycle (stories with an entry
// there), `indicator` an indicator key (named by that entry, or by any entry without `at`),
// `stalled=1` the stories that stopped early, `page` the page of the list. Lenient: a value that
// does not fit is dropped.

export const REPORT_DRILL_PARAMS = ["at", "indicator", "stalled", "page"] as const;

export type ReportDrill = { at?: Cycle; indicator?: string; stalled?: boolean };

export const reportDrillSchema = z.object({
  at: lenient(choiceParam(CYCLES, "upper")),
  indicator: lenient(optionalUrlText(80)),
  stalled: lenient(z.enum(["1", "true"]).transform(() => true)),
  page: lenient(z.coerce.number().int().min(1).max(100_000)),
});

export function parseReportDrill(input: SearchParamsInput): { drill: ReportDrill; page: number } {
  const { at, indicator, stalled, page } = parseSearchParams(reportDrillSchema, input);
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
