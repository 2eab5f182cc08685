import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReportFilterBar } from "@/components/reports/report-filter-bar";
import { CapitalSection } from "@/components/reports/sections/capital";
import { EmptyReportSection } from "@/components/reports/sections/empty-report";
import { GlanceSection } from "@/components/reports/sections/glance";
import { MatrixSection } from "@/components/reports/sections/matrix";
import { NetworkSection } from "@/components/reports/sections/network";
import { ParticipationSection } from "@/components/reports/sections/participation";
import { ProgressionSection } from "@/components/reports/sections/progression";
import { RealizedValueSection } from "@/components/reports/sections/realized-value";
import { TrendsSection } from "@/components/reports/sections/trends";
import { requireActor } from "@/lib/auth/session";
import { reportContext } from "@/lib/db/report-context";
import { reportGraph } from "@/lib/db/report-graph";
import { reportTopStories } from "@/lib/db/report-stories";
import { reportCapitalMix, reportMatrix, reportNetwork, reportParticipation, reportProgression, reportRealizedValue, reportTrends } from "@/lib/db/reports";
import { reportScope } from "@/lib/domain/access";
import { plural } from "@/lib/domain/format";
import { reportQueryString, type ReportFilters } from "@/lib/domain/report-filters";
import { exportKindsFor, reportHeading } from "@/lib/domain/report-view";
import { reportDrillParams, type ReportDrill } from "@/lib/validation/report-drilldown";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { nonCanonicalQuery } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "Reports" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const ctx = await reportContext(actor, parseReportFilters(raw), "page");
  // One clean address per view, so it can be shared (a GET form sends empty fields and its own order).
  const canonical = nonCanonicalQuery(raw, reportQueryString(ctx.chosen));
  if (canonical !== null) redirect(`/reports${canonical}`);
  const { filters } = ctx;
  const own = reportScope(actor) === "own";
  const unit = filters.unit ?? "month";
  const [{ matrix, totals }, progression, trends, capital, network, realized, participation, top, graph] = await Promise.all([
    reportMatrix(actor, filters),
    reportProgression(actor, filters),
    reportTrends(actor, filters, unit),
    reportCapitalMix(actor, filters),
    reportNetwork(actor, filters),
    reportRealizedValue(actor, filters),
    reportParticipation(actor, filters),
    reportTopStories(actor, filters),
    reportGraph(actor, filters),
  ]);

  const heading = reportHeading(actor.role, actor.organizationName);
  const href = (f: ReportFilters) => `/reports${reportQueryString(f)}`;
  const drillHref = (drill: ReportDrill) => `/reports/stories${reportQueryString(filters, reportDrillParams(drill))}`;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{heading.title}</h1>
          <p className="mt-1 text-muted-foreground">{heading.scope}</p>
        </div>
      </header>

      <ReportFilterBar
        action="/reports"
        ctx={ctx}
        allTeamsLabel={reportScope(actor) === "subtree" ? "All my teams" : "All teams"}
        lead={
          <>
            <span className="font-medium text-foreground" data-testid="stories-in-report">
              {plural(totals.visible, "story", "stories")}
            </span>{" "}
            in this report
            {ctx.applied.length ? "," : "."}
          </>
        }
      />

      <GlanceSection
        top={top}
        totals={totals}
        participation={participation}
        progression={progression}
        realizedUnits={realized.units}
        own={own}
        drillHref={drillHref}
        exportKinds={exportKindsFor(actor.role)}
        exportQuery={reportQueryString(filters)}
      />

      {totals.visible === 0 ? (
        <EmptyReportSection
          chosen={ctx.activeCount}
          defaultPeriod={ctx.defaultPeriod}
          allTimeHref={href({ ...filters, from: undefined, to: undefined, period: "all" })}
          own={own}
        />
      ) : (
        <>
          <MatrixSection matrix={matrix} progression={progression} byCycle={top.byCycle} drillHref={drillHref} />
          <ProgressionSection progression={progression} drillHref={drillHref} />
          <TrendsSection
            trends={trends}
            unit={unit}
            unitHref={(u) => href({ ...filters, unit: u })}
            own={own}
            channelLabels={ctx.channelLabels}
            teamNames={ctx.teamNames}
          />
          <div className="grid gap-6 lg:grid-cols-2">
            <CapitalSection capital={capital} />
            <RealizedValueSection realized={realized} />
          </div>
          <NetworkSection network={network} totals={totals} graph={graph} />
          <ParticipationSection participation={participation} totals={totals} own={own} />
        </>
      )}
    </div>
  );
}
