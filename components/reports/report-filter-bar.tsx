import { AppliedFilters } from "@/components/reports/applied-filters";
import { ReportFilterForm } from "@/components/reports/report-filter-form";
import type { ReportContext } from "@/lib/db/report-context";
import { DEFAULT_PERIOD_DAYS, reportQueryString } from "@/lib/domain/report-filters";
import { periodChoices, withoutFilter } from "@/lib/domain/report-view";

/**
 * The filters of a report page (the reports, the stories behind a figure): the form, then what
 * is applied, each with a link that removes it. Every link stays on `action` and keeps `hidden`
 * (a drill-down) in the address.
 */
export function ReportFilterBar({
  action,
  ctx,
  allTeamsLabel,
  hidden = {},
  lead,
}: {
  action: string;
  ctx: ReportContext;
  allTeamsLabel: string;
  hidden?: Record<string, string>;
  lead: React.ReactNode;
}) {
  const { filters } = ctx;
  const href = (f: typeof filters) => `${action}${reportQueryString(f, hidden)}`;
  return (
    <div className="space-y-3">
      <ReportFilterForm
        action={action}
        filters={filters}
        teams={ctx.teams}
        allTeamsLabel={allTeamsLabel}
        channels={ctx.channels}
        tags={ctx.tags}
        activeCount={ctx.activeCount}
        hidden={hidden}
        period={periodChoices(filters, ctx.defaultPeriod ? DEFAULT_PERIOD_DAYS : null, href)}
      />
      <AppliedFilters applied={ctx.applied} hrefWithout={(key) => href(withoutFilter(filters, key))} clearHref={href({})} lead={lead} />
    </div>
  );
}
