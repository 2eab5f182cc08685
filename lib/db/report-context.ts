import "server-only";
// What the reports page, its drill-down and every export know about one view of the reports:
// the filters, checked and completed, what they are called, and what the filters' controls
// offer. One context for all of them, so a file holds what the page showed and says so in the
// same words.
import { prisma } from "./client";
import { reportTeams, type ReportTeamOption } from "./report-options";
import { reportScope } from "@/lib/domain/access";
import { listTagNames } from "./stories";
import type { Actor } from "@/lib/domain/actor";
import { exportFileName, filtersHeader, type ExportKind } from "@/lib/domain/exports";
import { DEFAULT_PERIOD_DAYS, withDefaultPeriod, type ReportFilters } from "@/lib/domain/report-filters";
import { applicableReportFilters, describeReportFilters, type AppliedFilter } from "@/lib/domain/report-view";
import { now } from "@/lib/platform/clock";

export type ReportContext = {
  /** The filters asked for, as the address should say them (on a page: only values the actor may choose). */
  chosen: ReportFilters;
  /** The filters the reports are computed for: on a page, `chosen` with the default period filled in. */
  filters: ReportFilters;
  /** The period is the page's default (the last DEFAULT_PERIOD_DAYS days), not one chosen. */
  defaultPeriod: boolean;
  /** The filters in words, one each ("Period: 1 Jan 2025 – 31 Mar 2025", "Team: Support"). */
  applied: AppliedFilter[];
  /** How many filters the person chose (the page's own default period is not one). */
  activeCount: number;
  /** The filters in one line, for the top of a file ("From 1 Jan 2026 to 31 Mar 2026 · cycle Applied value"). */
  filtersLine: string;
  organizationName: string;
  /** The file name of this view's export of `kind`: the organisation and the filters. */
  fileName(kind: ExportKind): string;
  /** The teams the actor may narrow to; null for an employee (their report is their own stories). */
  teams: ReportTeamOption[] | null;
  /** Every team's name by id, to label the per-team figures. */
  teamNames: Map<string, string>;
  /** The channels the filters offer (not retired). */
  channels: { key: string; label: string }[];
  channelLabels: Map<string, string>;
  /** The tags the filters offer. */
  tags: string[];
};

/**
 * The context of the reports for `requested` (lib/validation/report-filters.ts parseReportFilters).
 * - "page": a value the actor may not choose is dropped (the page says what it applied), and
 *   without dates the page shows the last DEFAULT_PERIOD_DAYS days.
 * - "export": the filters as the link gives them (the page's export links carry what the page
 *   applied, dates included); without dates, all time. A team or channel is named when it is
 *   the organisation's (a retired channel too); an unknown one keeps its raw value, and the
 *   report itself matches nothing for it.
 */
export async function reportContext(actor: Actor, requested: ReportFilters, use: "page" | "export"): Promise<ReportContext> {
  const own = reportScope(actor) === "own";
  const [org, teams, channelRows, tags] = await Promise.all([
    prisma().organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true, slug: true } }),
    reportTeams(actor),
    prisma().channel.findMany({
      where: { organizationId: actor.organizationId },
      select: { key: true, label: true, retiredAt: true },
      orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
    }),
    listTagNames(actor, { scope: own ? "own" : "organization" }),
  ]);
  const channels = channelRows.filter((c) => c.retiredAt === null).map((c) => ({ key: c.key, label: c.label }));
  const channelLabels = new Map(channels.map((c) => [c.key, c.label]));

  const chosen =
    use === "page" ? applicableReportFilters(requested, { teams: teams.options.map((t) => t.id), channels: channels.map((c) => c.key), tags }) : requested;
  const defaultPeriod = use === "page" && !chosen.from && !chosen.to && chosen.period !== "all";
  const filters = defaultPeriod ? withDefaultPeriod(chosen, now()) : chosen;

  const teamName = filters.teamId ? teams.names.get(filters.teamId) : undefined;
  const channelLabel = filters.channel ? channelRows.find((c) => c.key === filters.channel)?.label : undefined;
  const teamPaths = new Map(teams.options.map((t) => [t.id, t.path]));
  const applied = describeReportFilters(filters, { teams: teamPaths, channels: channelLabels }, defaultPeriod ? { days: DEFAULT_PERIOD_DAYS } : null);
  return {
    chosen,
    filters,
    defaultPeriod,
    applied,
    activeCount: applied.filter((a) => !(a.key === "period" && defaultPeriod)).length,
    filtersLine: filtersHeader(filters, { team: teamName, channel: channelLabel }),
    organizationName: org.name,
    fileName: (kind) => exportFileName(kind, org.slug, filters, { team: teamName }),
    teams: own ? null : teams.options,
    teamNames: teams.names,
    channels,
    channelLabels,
    tags,
  };
}
