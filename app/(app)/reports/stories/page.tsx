import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowLeftIcon, ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { ReportFilterBar } from "@/components/reports/report-filter-bar";
import { ReportStoryList } from "@/components/reports/report-story-list";
import { CycleDot } from "@/components/reports/value-matrix";
import { requireActor } from "@/lib/auth/session";
import { listIndicators } from "@/lib/db/catalogue";
import { reportContext } from "@/lib/db/report-context";
import { reportStories } from "@/lib/db/report-stories";
import { reportScope } from "@/lib/domain/access";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { reportQueryString } from "@/lib/domain/report-filters";
import { reportDrillParams, parseReportDrill, type ReportDrill } from "@/lib/validation/report-drilldown";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { nonCanonicalQuery } from "@/lib/validation/search-params";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Stories behind a report" };

type SearchParams = Record<string, string | string[] | undefined>;

function drillTitle(drill: ReportDrill, indicatorLabel: string | null): string {
  if (drill.stalled) return "Stories that stopped early";
  const cycle = drill.at ? CYCLE_INFO[drill.at].name.toLowerCase() : null;
  if (indicatorLabel && cycle) return `“${indicatorLabel}” in ${cycle}`;
  if (indicatorLabel) return `Stories naming “${indicatorLabel}”`;
  if (cycle) return `Stories that reached ${cycle}`;
  return "All stories in this report";
}

export default async function ReportStoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const [ctx, indicators] = await Promise.all([reportContext(actor, parseReportFilters(raw), "page"), listIndicators(actor)]);
  const { drill, page } = parseReportDrill(raw);
  const canonical = nonCanonicalQuery(raw, reportQueryString(ctx.chosen, reportDrillParams(drill, page)));
  if (canonical !== null) redirect(`/reports/stories${canonical}`);
  const { filters } = ctx;
  const result = await reportStories(actor, filters, drill, page);
  const indicatorLabel = drill.indicator ? (indicators.find((i) => i.key === drill.indicator)?.label ?? drill.indicator) : null;
  const title = drillTitle(drill, indicatorLabel);
  const drillParams = reportDrillParams(drill);
  const pageHref = (p: number) => `/reports/stories${reportQueryString(filters, reportDrillParams(drill, p))}`;
  const scope = reportScope(actor);
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.stories.length - 1;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href={`/reports${reportQueryString(filters)}`}
          className="inline-flex items-center gap-1 text-muted-foreground underline-offset-4 hover:underline"
        >
          <ArrowLeftIcon aria-hidden="true" className="size-3.5" />
          {scope === "own" ? "Your reports" : "Reports"}
        </Link>
      </nav>
      <header className="space-y-2">
        <p className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
          {drill.at ? <CycleDot cycle={drill.at} /> : null}
          The stories behind the figure
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-balance sm:text-3xl">{title}</h1>
        {drill.stalled ? (
          <p className="text-muted-foreground">Not yet at realized value, and nothing added for three weeks: the longest waiting first.</p>
        ) : drill.at && drill.indicator ? (
          <p className="text-muted-foreground">Stories whose {CYCLE_INFO[drill.at].name.toLowerCase()} entry names this indicator, newest first.</p>
        ) : null}
      </header>

      <ReportFilterBar
        action="/reports/stories"
        ctx={ctx}
        allTeamsLabel={scope === "subtree" ? "All my teams" : "All teams"}
        hidden={drillParams}
        lead={
          <>
            <span className="font-medium text-foreground" data-testid="drill-total">
              {result.total === 1 ? "1 story" : `${result.total} stories`}
            </span>
            {result.total > result.pageSize && result.stories.length ? `, ${first}–${last} shown` : ""}
            {ctx.applied.length ? "," : "."}
          </>
        }
      />

      {result.stories.length ? (
        <ReportStoryList stories={result.stories} label={title} showLastEntry={Boolean(drill.stalled)} />
      ) : (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          {result.total > 0 ? (
            <>
              This page is past the end.{" "}
              <Link href={pageHref(1)} className="font-medium text-primary underline underline-offset-4">
                Go to the first page
              </Link>
            </>
          ) : (
            "No stories you can read are behind this figure with these filters."
          )}
        </p>
      )}

      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
          <PageLink href={result.page > 1 ? pageHref(result.page - 1) : null} rel="prev">
            <ChevronLeftIcon aria-hidden="true" className="size-4" /> Previous
          </PageLink>
          <span className="text-muted-foreground">
            Page {result.page} of {result.pageCount}
          </span>
          <PageLink href={result.page < result.pageCount ? pageHref(result.page + 1) : null} rel="next">
            Next <ChevronRightIcon aria-hidden="true" className="size-4" />
          </PageLink>
        </nav>
      ) : null}
    </div>
  );
}

function PageLink({ href, rel, children }: { href: string | null; rel: "prev" | "next"; children: React.ReactNode }) {
  const cls = "inline-flex min-h-10 items-center gap-1 rounded-md border border-border px-3 font-medium";
  if (!href)
    return (
      <span aria-disabled="true" className={cn(cls, "text-muted-foreground opacity-60")}>
        {children}
      </span>
    );
  return (
    <Link href={href} rel={rel} className={cn(cls, "hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring")}>
      {children}
    </Link>
  );
}
