import "server-only";
import { listChannels } from "@/lib/db/catalogue";
import { reportTeams, type ReportTeamOption } from "@/lib/db/report-options";
import { listTagNames } from "@/lib/db/stories";
import { reportScope } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { applicableReportFilters, describeReportFilters, type AppliedFilter } from "@/lib/domain/report-view";
import { now } from "@/lib/platform/clock";
import { DEFAULT_PERIOD_DAYS, parseReportFilters, reportQueryFilters, withDefaultPeriod, type ReportFilterParams } from "@/lib/validation/report-filters";

export type ReportContext = {
  /** The filters as chosen in the address (no default period): what the address should say. */
  chosen: ReportFilterParams;
  /** The filters as applied (values the actor may not use are dropped; the default period filled in). */
  filters: ReportFilterParams;
  /** The period is the page's default (the last DEFAULT_PERIOD_DAYS days), not one chosen. */
  defaultPeriod: boolean;
  /** The same, as the data layer takes them. */
  query: ReturnType<typeof reportQueryFilters>;
  applied: AppliedFilter[];
  /** Null for an employee: their report is their own stories, there is no team to choose. */
  teams: ReportTeamOption[] | null;
  teamNames: Map<string, string>;
  channels: { key: string; label: string }[];
  channelLabels: Map<string, string>;
  tags: string[];
};

/** What both report pages need: the filters read from the address, checked against what the actor may choose. */
export async function reportContext(actor: Actor, raw: Record<string, string | string[] | undefined>): Promise<ReportContext> {
  const own = reportScope(actor) === "own";
  const [teams, channelRows, tags] = await Promise.all([reportTeams(actor), listChannels(actor), listTagNames(actor, { scope: own ? "own" : "organization" })]);
  const channels = channelRows.map((c) => ({ key: c.key, label: c.label }));
  const channelLabels = new Map(channels.map((c) => [c.key, c.label]));
  const chosen = applicableReportFilters(parseReportFilters(raw), {
    teams: teams.options.map((t) => t.id),
    channels: channels.map((c) => c.key),
    tags,
  }) as ReportFilterParams;
  const filters = withDefaultPeriod(chosen, now());
  const defaultPeriod = !chosen.from && !chosen.to && chosen.period !== "all";
  const teamPaths = new Map(teams.options.map((t) => [t.id, t.path]));
  return {
    chosen,
    filters,
    defaultPeriod,
    query: reportQueryFilters(filters),
    applied: describeReportFilters(filters, { teams: teamPaths, channels: channelLabels }, defaultPeriod ? { days: DEFAULT_PERIOD_DAYS } : null),
    teams: own ? null : teams.options,
    teamNames: teams.names,
    channels,
    channelLabels,
    tags,
  };
}

/**
 * The address's query when it is not already the canonical one (a GET form sends empty fields,
 * upper case and its own order), so pages can redirect to the clean, shareable address; null
 * when it already is.
 */
export function nonCanonicalQuery(raw: Record<string, string | string[] | undefined>, canonical: string): string | null {
  const actual = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) actual.append(key, v);
  }
  const now = actual.toString();
  return now === canonical.replace(/^\?/, "") ? null : canonical;
}
