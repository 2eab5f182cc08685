// How the reports page presents itself to each role, and its filters in words. Pure: no I/O.
import { can, reportScope, type Capability } from "./access";
import type { ExportKind } from "./exports";
import { CYCLE_INFO } from "./framework";
import { reportDays, type ReportFilters } from "./report-filters";
import type { Role } from "./roles";
import { formatFilterDate } from "./story-filters";

/** The capability each export needs (lib/domain/access.ts), in the order the page offers them. */
const EXPORT_NEEDS: Record<ExportKind, Capability> = {
  csv: "reports.export",
  xlsx: "reports.export",
  pdf: "reports.export",
  json: "organization.export",
  xapi: "reports.export",
};

/** The exports a role may take from the reports page (the JSON organisation archive needs its own capability). */
export function exportKindsFor(role: Role): ExportKind[] {
  return (Object.keys(EXPORT_NEEDS) as ExportKind[]).filter((kind) => can({ role }, EXPORT_NEEDS[kind]));
}

/** The page's heading and what it covers, by whose stories the role's reports cover. */
export function reportHeading(role: Role, organizationName: string): { title: string; scope: string } {
  const scope = reportScope({ role });
  if (scope === "organization") return { title: "Reports", scope: `All of ${organizationName}, broken down by team.` };
  if (scope === "subtree") return { title: "Reports", scope: "You, the people who report to you and the people who report to them." };
  return { title: "Your reports", scope: "What your own shared stories add up to. Only you see these figures." };
}

/**
 * Keeps only filter values the actor may apply: a team among their team options, a channel and
 * a tag the page offers. Anything else is dropped (the page then says what it applied).
 */
export function applicableReportFilters(
  filters: ReportFilters,
  known: { teams: readonly string[]; channels: readonly string[]; tags: readonly string[] },
): ReportFilters {
  const out: ReportFilters = { ...filters };
  if (out.teamId && !known.teams.includes(out.teamId)) delete out.teamId;
  if (out.channel && !known.channels.includes(out.channel)) delete out.channel;
  if (out.tag && !known.tags.includes(out.tag)) delete out.tag;
  return out;
}

export type AppliedFilter = { key: "period" | "team" | "channel" | "tag" | "cycle"; label: string; value: string };

/**
 * The filters that narrow the report, in words ("Period: 1 Jan 2025 – 31 Mar 2025"). The trend
 * unit is a view, not a filter; all time is no filter. `defaultPeriod` marks the page's own
 * period (the last so many days) as such.
 */
export function describeReportFilters(
  filters: ReportFilters,
  labels: { teams?: ReadonlyMap<string, string>; channels?: ReadonlyMap<string, string> } = {},
  defaultPeriod: { days: number } | null = null,
): AppliedFilter[] {
  const out: AppliedFilter[] = [];
  const { from, to } = reportDays(filters);
  if (defaultPeriod && from && to)
    out.push({ key: "period", label: "Period", value: `last ${defaultPeriod.days} days (${formatFilterDate(from)} – ${formatFilterDate(to)})` });
  else if (from && to) out.push({ key: "period", label: "Period", value: `${formatFilterDate(from)} – ${formatFilterDate(to)}` });
  else if (from) out.push({ key: "period", label: "Period", value: `from ${formatFilterDate(from)}` });
  else if (to) out.push({ key: "period", label: "Period", value: `until ${formatFilterDate(to)}` });
  if (filters.teamId) out.push({ key: "team", label: "Team", value: labels.teams?.get(filters.teamId) ?? "A team" });
  if (filters.channel) out.push({ key: "channel", label: "Channel", value: labels.channels?.get(filters.channel) ?? filters.channel });
  if (filters.tag) out.push({ key: "tag", label: "Tag", value: filters.tag });
  if (filters.cycle) out.push({ key: "cycle", label: "Reached", value: CYCLE_INFO[filters.cycle].name });
  return out;
}

/** The filters without one of them (for "remove this filter" links): without a period is all time. */
export function withoutFilter(filters: ReportFilters, key: AppliedFilter["key"]): ReportFilters {
  const out = { ...filters };
  if (key === "period") {
    delete out.from;
    delete out.to;
    out.period = "all";
  } else delete out[key === "team" ? "teamId" : key];
  return out;
}

/**
 * The filters' quick choices of period: the page's default (the last `days` days) and all time,
 * each keeping the other filters, and which one is showing (`defaultDays` null: not the default).
 */
export function periodChoices<F extends ReportFilters>(
  filters: F,
  defaultDays: number | null,
  href: (f: F) => string,
  days = 90,
): { showing: "default" | "all" | "chosen"; defaultLabel: string; defaultHref: string; allHref: string } {
  const rest = { ...filters };
  delete rest.from;
  delete rest.to;
  delete rest.period;
  return {
    showing: defaultDays !== null ? "default" : filters.period === "all" ? "all" : "chosen",
    defaultLabel: `Last ${defaultDays ?? days} days`,
    defaultHref: href(rest),
    allHref: href({ ...rest, period: "all" }),
  };
}

/** "12 private stories are counted here but not shown." and the like; empty when there is nothing to say. */
export function anonymousCountsText(totals: { privateCount: number; hiddenCount: number }): string[] {
  const out: string[] = [];
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (totals.privateCount > 0) out.push(`${n(totals.privateCount, "private story is", "private stories are")} counted here but not shown.`);
  if (totals.hiddenCount > 0) out.push(`${n(totals.hiddenCount, "other story is", "other stories are")} not shared with you: counted here, not shown.`);
  return out;
}

/** Shares of a whole as whole percentages that add up to 100 (largest remainder); all zero for an empty whole. */
export function percentages(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (total === 0) return values.map(() => 0);
  const raw = values.map((v) => (Math.max(0, v) / total) * 100);
  const floor = raw.map(Math.floor);
  let left = 100 - floor.reduce((s, v) => s + v, 0);
  const order = raw.map((v, i) => ({ i, r: v - floor[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floor[i]!++;
    left--;
  }
  return floor;
}
