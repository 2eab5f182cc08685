import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { REPORT_FILTER_PARAMS, reportPeriod, type ReportFilters } from "@/lib/domain/report-filters";
import { choiceParam, isoDateParam, lenient, optionalUrlText, parseSearchParams, type SearchParamsInput } from "./search-params";

// The reports page's filters, as they live in the address (and in every export link), read into
// the one filter shape the report queries take (lib/domain/report-filters.ts). Lenient on
// purpose, like every address (./search-params.ts): a value that does not fit is dropped and the
// page shows what it applied. `team` is a team id; `channel` a channel key; `tag` a tag name;
// `from`/`to` are inclusive calendar days (UTC); `unit` is the trend bucket.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const reportFiltersSchema = z.object({
  from: lenient(isoDateParam),
  to: lenient(isoDateParam),
  team: lenient(z.string().trim().toLowerCase().regex(UUID, "Choose a team from the list.")),
  channel: lenient(optionalUrlText(60)),
  tag: lenient(optionalUrlText(60)),
  cycle: lenient(choiceParam(CYCLES, "upper")),
  unit: lenient(choiceParam(["week", "month"], "lower")),
  period: lenient(choiceParam(["all"], "lower")),
} satisfies Record<(typeof REPORT_FILTER_PARAMS)[number], z.ZodType>);

/** The report filters in an address (a page's searchParams or a route's URLSearchParams). Never throws. */
export function parseReportFilters(input: SearchParamsInput): ReportFilters {
  const { from, to, team, channel, tag, cycle, unit, period } = parseSearchParams(reportFiltersSchema, input);
  // A reversed period is read the way it was meant; dates win over "all".
  const [first, last] = from && to && from > to ? [to, from] : [from, to];
  const out: ReportFilters = reportPeriod(first, last);
  if (team) out.teamId = team;
  if (channel) out.channel = channel;
  if (tag) out.tag = tag;
  if (cycle) out.cycle = cycle;
  if (unit) out.unit = unit;
  if (period && !first && !last) out.period = period;
  return out;
}
