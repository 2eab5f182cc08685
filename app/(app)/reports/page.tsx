import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowRightIcon, EyeOffIcon } from "lucide-react";
import { AppliedFilters } from "@/components/reports/applied-filters";
import { SimpleBarChart } from "@/components/reports/bar-chart";
import { ChartFrame } from "@/components/reports/chart-frame";
import { CYCLE_COLOR, OTHER_COLOR, SERIES_COLORS } from "@/components/reports/chart-theme";
import { DataTable } from "@/components/reports/data-table";
import { ExportPanel } from "@/components/reports/export-panel";
import { NetworkPicture } from "@/components/reports/network-picture";
import { ReportFilterForm } from "@/components/reports/report-filter-form";
import { ReportStoryList } from "@/components/reports/report-story-list";
import { TrendChart, type TrendRow, type TrendSeriesDef } from "@/components/reports/trend-chart";
import { CycleDot, ValueMatrix } from "@/components/reports/value-matrix";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { reportContext } from "@/lib/db/report-context";
import { reportGraph, GRAPH_STORY_LIMIT } from "@/lib/db/report-graph";
import { reportTopStories } from "@/lib/db/report-stories";
import {
  reportCapitalMix,
  reportMatrix,
  reportNetwork,
  reportParticipation,
  reportProgression,
  reportRealizedValue,
  reportScope,
  reportTrends,
  type TrendSeries,
} from "@/lib/db/reports";
import { CAPITAL_INFO, CAPITAL_KINDS, CYCLE_INFO, CYCLES, type Cycle } from "@/lib/domain/framework";
import { formatAmount, realizedHeadline, unitName } from "@/lib/domain/figures";
import { formatDays } from "@/lib/domain/format";
import { anonymousCountsText, exportKindsFor, percentages, periodChoices, reportHeading, withoutFilter } from "@/lib/domain/report-view";
import { DEFAULT_PERIOD_DAYS, reportQueryString, type ReportFilters } from "@/lib/domain/report-filters";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { nonCanonicalQuery } from "@/lib/validation/search-params";
import { reportDrillParams, type ReportDrill } from "@/lib/validation/report-drilldown";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Reports" };

type SearchParams = Record<string, string | string[] | undefined>;

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const fmt = (n: number) => numberFormat.format(n);
const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;
const shortCycle = (c: Cycle) => CYCLE_INFO[c].name.replace(" value", "");

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const ctx = await reportContext(actor, parseReportFilters(raw), "page");
  // One clean address per view, so it can be shared (a GET form sends empty fields and its own order).
  const canonical = nonCanonicalQuery(raw, reportQueryString(ctx.chosen));
  if (canonical !== null) redirect(`/reports${canonical}`);
  const { filters } = ctx;
  const q = filters;
  const scope = reportScope(actor);
  const own = scope === "own";
  const unit = filters.unit ?? "month";
  const [{ matrix, totals }, progression, trends, capital, network, realized, participation, top, graph] = await Promise.all([
    reportMatrix(actor, q),
    reportProgression(actor, q),
    reportTrends(actor, q, unit),
    reportCapitalMix(actor, q),
    reportNetwork(actor, q),
    reportRealizedValue(actor, q),
    reportParticipation(actor, q),
    reportTopStories(actor, q),
    reportGraph(actor, q),
  ]);

  const heading = reportHeading(actor.role, actor.organizationName);
  const exportKinds = exportKindsFor(actor.role);
  const exportQuery = reportQueryString(filters);
  const href = (f: ReportFilters) => `/reports${reportQueryString(f)}`;
  const drillHref = (drill: ReportDrill) => `/reports/stories${reportQueryString(filters, reportDrillParams(drill))}`;
  const anonymous = anonymousCountsText(totals);
  const headline = realizedHeadline(realized.units);
  const empty = totals.visible === 0;
  /** Filters the person chose (the page's own default period is not one). */
  const chosen = ctx.applied.filter((a) => !(a.key === "period" && ctx.defaultPeriod)).length;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{heading.title}</h1>
          <p className="mt-1 text-muted-foreground">{heading.scope}</p>
        </div>
      </header>

      <div className="space-y-3">
        <ReportFilterForm
          action="/reports"
          filters={filters}
          teams={ctx.teams}
          allTeamsLabel={scope === "subtree" ? "All my teams" : "All teams"}
          channels={ctx.channels}
          tags={ctx.tags}
          activeCount={chosen}
          period={periodChoices(filters, ctx.defaultPeriod ? DEFAULT_PERIOD_DAYS : null, href)}
        />
        <AppliedFilters
          applied={ctx.applied}
          hrefWithout={(key) => href(withoutFilter(filters, key))}
          clearHref="/reports"
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
      </div>

      {/* At a glance: the stories first, the figures beside them. */}
      <section aria-labelledby="glance" className="grid gap-6 lg:grid-cols-5">
        <h2 id="glance" className="sr-only">
          At a glance
        </h2>
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle as="h3">Stories to tell</CardTitle>
            <CardDescription>Picked for leadership first, then the ones that went furthest through the cycles.</CardDescription>
          </CardHeader>
          <CardContent>
            {top.leading.length ? (
              <div className="space-y-3">
                <ReportStoryList stories={top.leading} label="Stories to tell" className="max-sm:[&>li:nth-child(n+4)]:hidden" />
                {totals.visible > top.leading.length ? (
                  <Link href={drillHref({})} className="inline-flex min-h-8 items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
                    All {plural(totals.visible, "story", "stories")} in this report
                    <ArrowRightIcon aria-hidden="true" className="size-3.5" />
                  </Link>
                ) : null}
              </div>
            ) : (
              <EmptyNote>{own ? "None of your shared stories match yet." : "No stories match these filters yet."}</EmptyNote>
            )}
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card className="flex-1">
            <CardHeader>
              <CardTitle as="h3">Headline figures</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <dl className="grid grid-cols-2 gap-x-4 gap-y-5">
                <Stat label="Stories in this report" value={fmt(totals.visible)} testId="stat-stories" />
                {own ? (
                  <Stat label="Weekly reflections completed" value={fmt(participation.reflections)} />
                ) : (
                  <Stat label="People logging stories" value={fmt(participation.logging)} note={`of ${plural(participation.people, "person", "people")} in scope`} />
                )}
                <ConfirmedValue headline={headline} />
                <Stat label="Reached realized value" value={fmt(progression.reached.REALIZED)} note={`of ${plural(progression.stories, "story", "stories")}`} />
              </dl>
              {anonymous.length ? (
                <div className="flex gap-2 rounded-lg bg-muted px-3 py-2 text-sm text-muted-foreground" data-testid="anonymous-counts">
                  <EyeOffIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                  <p>{anonymous.join(" ")}</p>
                </div>
              ) : null}
            </CardContent>
          </Card>
          {/* EXPORT PANEL: the files of this view (same filters), for the roles that may export. */}
          {exportKinds.length > 0 ? <ExportPanel query={exportQuery} kinds={exportKinds} /> : null}
        </div>
      </section>

      {empty ? (
        <Card>
          <CardContent>
            <EmptyNote>
              {chosen > 0 ? (
                <>
                  Nothing to report for these filters.{" "}
                  <Link href="/reports" className="font-medium text-primary underline underline-offset-4">
                    Clear the filters
                  </Link>
                </>
              ) : ctx.defaultPeriod ? (
                <>
                  Nothing in the last {DEFAULT_PERIOD_DAYS} days.{" "}
                  <Link href={href({ ...filters, from: undefined, to: undefined, period: "all" })} className="font-medium text-primary underline underline-offset-4">
                    See all time
                  </Link>
                </>
              ) : (
                <>Nothing to report yet.{own ? " Share a story and it counts here." : ""}</>
              )}
            </EmptyNote>
          </CardContent>
        </Card>
      ) : (
        <>
          <Card role="region" aria-labelledby="matrix-title">
            <CardHeader>
              <CardTitle id="matrix-title">Value-creation matrix</CardTitle>
              <CardDescription>
                How many stories name each indicator in each cycle. Select a number to read the stories behind it.
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-8">
              <ValueMatrix matrix={matrix} cellHref={(cycle, key) => drillHref({ at: cycle, indicator: key })} />
              <div className="space-y-3">
                <h3 className="text-base font-semibold">Stories passing through each cycle</h3>
                <ol className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
                  {CYCLES.map((c) => (
                    <li key={c} className="min-w-0 space-y-2">
                      <div className="flex items-center gap-2">
                        <h4 className="flex min-w-0 items-center gap-2 text-sm font-medium">
                          <CycleDot cycle={c} />
                          {CYCLE_INFO[c].name}
                        </h4>
                        {progression.reached[c] > 0 ? (
                          <Link
                            href={drillHref({ at: c })}
                            className="ms-auto inline-flex min-h-8 shrink-0 items-center gap-0.5 rounded-md px-1.5 text-xs font-medium text-primary tabular-nums hover:bg-accent"
                          >
                            {fmt(progression.reached[c])}
                            <span className="sr-only"> stories reached {CYCLE_INFO[c].name.toLowerCase()}: see them all</span>
                            <ArrowRightIcon aria-hidden="true" className="size-3" />
                          </Link>
                        ) : (
                          <span className="ms-auto text-xs text-muted-foreground">0</span>
                        )}
                      </div>
                      {top.byCycle[c].length ? (
                        <ReportStoryList
                          stories={top.byCycle[c]}
                          label={`Stories passing through ${CYCLE_INFO[c].name.toLowerCase()}`}
                          compact
                          className="max-sm:[&>li:nth-child(n+2)]:hidden"
                        />
                      ) : (
                        <p className="rounded-lg border border-dashed border-border p-3 text-xs text-muted-foreground">
                          {progression.reached[c] > 0
                            ? `${progression.reached[c] === 1 ? "The story that reached it is" : `The ${fmt(progression.reached[c])} stories that reached it are`} shown under a later cycle.`
                            : "No story has reached it yet."}
                        </p>
                      )}
                    </li>
                  ))}
                </ol>
              </div>
            </CardContent>
          </Card>

          <Card role="region" aria-labelledby="progression-title">
            <CardHeader>
              <CardTitle id="progression-title">Progression</CardTitle>
              <CardDescription>How far stories get through the five cycles, and how long each step takes.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-8 lg:grid-cols-2">
              <div className="min-w-0 space-y-3">
                <h3 className="text-sm font-semibold">Stories reaching each cycle</h3>
                <ChartFrame
                  label="stories reaching each cycle"
                  figure={
                    <SimpleBarChart
                      data={CYCLES.map((c) => ({ label: `${CYCLE_INFO[c].number}. ${shortCycle(c)}`, value: progression.reached[c], color: CYCLE_COLOR[c] }))}
                      height={220}
                    />
                  }
                  table={
                    <DataTable
                      caption="Stories reaching each cycle"
                      columns={[
                        { key: "cycle", label: "Cycle" },
                        { key: "n", label: "Stories", numeric: true },
                      ]}
                      rows={CYCLES.map((c) => ({
                        key: c,
                        cells: {
                          cycle: CYCLE_INFO[c].name,
                          n: progression.reached[c] ? (
                            <Link href={drillHref({ at: c })} className="text-primary underline-offset-4 hover:underline">
                              {fmt(progression.reached[c])}
                            </Link>
                          ) : (
                            0
                          ),
                        },
                      }))}
                    />
                  }
                />
                <h3 className="pt-2 text-sm font-semibold">Median time between cycles</h3>
                <ol className="grid gap-2 sm:grid-cols-2">
                  {progression.transitions.map((t) => (
                    <li key={t.to} className="flex items-center gap-2 rounded-lg border border-border px-3 py-2 text-sm">
                      <span className="flex items-center gap-1" aria-hidden="true">
                        <CycleDot cycle={t.from} />
                        <ArrowRightIcon className="size-3 text-muted-foreground" />
                        <CycleDot cycle={t.to} />
                      </span>
                      <span className="sr-only">
                        From {CYCLE_INFO[t.from].name.toLowerCase()} to {CYCLE_INFO[t.to].name.toLowerCase()}:
                      </span>
                      <span className="font-semibold tabular-nums">{formatDays(t.medianDays)}</span>
                      <span className="ms-auto text-xs text-muted-foreground">{plural(t.stories, "story", "stories")}</span>
                    </li>
                  ))}
                </ol>
              </div>
              <div className="min-w-0 space-y-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-sm font-semibold">Stopped early</h3>
                  {progression.stoppedEarly.length ? (
                    <Link href={drillHref({ stalled: true })} className="text-xs font-medium text-primary underline-offset-4 hover:underline">
                      See them all<span className="sr-only"> (stories that stopped early)</span>
                    </Link>
                  ) : null}
                </div>
                <p className="text-sm text-muted-foreground">
                  Not yet at realized value, and nothing added for three weeks. A question from a manager (&ldquo;what happened next?&rdquo;) often brings the next cycle.
                </p>
                {progression.stoppedEarly.length ? (
                  <ul className="divide-y divide-border rounded-lg border border-border" aria-label="Stories that stopped early">
                    {progression.stoppedEarly.slice(0, 6).map((s) => (
                      <li key={s.storyId} className="relative flex items-center gap-3 px-3 py-2 hover:bg-muted/50">
                        <CycleDot cycle={s.furthest} />
                        <div className="min-w-0 flex-1">
                          <Link
                            href={`/stories/${s.storyId}`}
                            className="line-clamp-1 text-sm font-medium after:absolute after:inset-0 focus-visible:outline-none [&:focus-visible]:after:outline-2 [&:focus-visible]:after:outline-ring"
                          >
                            {s.title}
                          </Link>
                          <p className="text-xs text-muted-foreground">
                            Stopped at {CYCLE_INFO[s.furthest].name.toLowerCase()} · last entry{" "}
                            {s.lastRecordedAt.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}
                          </p>
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <EmptyNote>No story has stalled. Good news.</EmptyNote>
                )}
              </div>
            </CardContent>
          </Card>

          <Card role="region" aria-labelledby="trends-title">
            <CardHeader>
              <CardTitle id="trends-title">Trends</CardTitle>
              <CardDescription>Stories by when they happened, {unit === "week" ? "week by week" : "month by month"}.</CardDescription>
              <nav aria-label="Trend unit" className="flex gap-1 pt-1">
                {(["month", "week"] as const).map((u) => (
                  <Link
                    key={u}
                    href={href({ ...filters, unit: u })}
                    aria-current={unit === u ? "true" : undefined}
                    className={cn(
                      "inline-flex min-h-8 items-center rounded-md px-3 text-xs font-medium",
                      unit === u ? "bg-secondary text-secondary-foreground" : "text-muted-foreground hover:bg-accent",
                    )}
                  >
                    By {u}
                  </Link>
                ))}
              </nav>
            </CardHeader>
            <CardContent className={cn("grid gap-8", own ? "lg:grid-cols-2" : "lg:grid-cols-2 xl:grid-cols-3")}>
              <TrendBlock
                title="Per cycle reached"
                rows={trends.byCycle}
                kind="lines"
                series={CYCLES.map((c) => ({ key: c, label: shortCycle(c), color: CYCLE_COLOR[c] }))}
              />
              <TrendBlock title="Per channel" rows={trends.byChannel} kind="stacked" series={topSeries(trends.byChannel, (k) => (k === "none" ? "No channel" : (ctx.channelLabels.get(k) ?? k)))} />
              {own ? null : (
                <TrendBlock title="Per team" rows={trends.byTeam} kind="stacked" series={topSeries(trends.byTeam, (k) => (k === "none" ? "No team" : (ctx.teamNames.get(k) ?? "A team")))} />
              )}
            </CardContent>
          </Card>

          <div className="grid gap-6 lg:grid-cols-2">
            <Card role="region" aria-labelledby="capital-title">
              <CardHeader>
                <CardTitle id="capital-title">Knowledge capital</CardTitle>
                <CardDescription>What the potential value consists of: stories naming each kind of capital.</CardDescription>
              </CardHeader>
              <CardContent>
                <ChartFrame
                  label="stories per kind of knowledge capital"
                  figure={
                    <SimpleBarChart
                      layout="rows"
                      height={230}
                      data={CAPITAL_KINDS.map((k) => ({ label: CAPITAL_INFO[k].name.replace(" capital", ""), value: capital.counts[k], color: "var(--color-cycle-potential)" }))}
                    />
                  }
                  table={
                    <DataTable
                      caption="Stories per kind of knowledge capital"
                      columns={[
                        { key: "kind", label: "Kind" },
                        { key: "n", label: "Stories", numeric: true },
                      ]}
                      rows={CAPITAL_KINDS.map((k) => ({ key: k, cells: { kind: CAPITAL_INFO[k].name, n: fmt(capital.counts[k]) } }))}
                    />
                  }
                />
              </CardContent>
            </Card>

            <Card role="region" aria-labelledby="value-title">
              <CardHeader>
                <CardTitle id="value-title">Realized value</CardTitle>
                <CardDescription>What stories record in their realized-value cycle, by unit. Confirmed by a manager and self-reported are never added together.</CardDescription>
              </CardHeader>
              <CardContent className="space-y-6">
                {realized.units.length ? (
                  <table className="w-full border-collapse text-sm" data-testid="realized-value">
                    <caption className="sr-only">Realized value by unit, confirmed and self-reported</caption>
                    <thead>
                      <tr className="border-b border-border text-xs text-muted-foreground">
                        <th scope="col" className="py-1.5 pe-2 text-start font-medium">
                          Unit
                        </th>
                        <th scope="col" className="px-2 py-1.5 text-end font-medium">
                          Confirmed
                        </th>
                        <th scope="col" className="ps-2 py-1.5 text-end font-medium">
                          Self-reported
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {realized.units.map((u) => {
                        const [c, s] = percentages([Math.abs(u.confirmed), Math.abs(u.selfReported)]);
                        return (
                          <tr key={u.key} className="border-b border-border/60 align-top last:border-0">
                            <th scope="row" className="py-2 pe-2 text-start font-medium break-words">
                              {unitName(u.unit)}
                              <div aria-hidden="true" className="mt-1.5 flex h-1.5 w-full max-w-48 overflow-hidden rounded-full bg-muted">
                                <span className="bg-cycle-realized" style={{ width: `${c}%` }} />
                                <span className="bg-cycle-realized/35" style={{ width: `${s}%` }} />
                              </div>
                            </th>
                            <td className="px-2 py-2 text-end">
                              <span className="font-semibold tabular-nums">{formatAmount(u.confirmed, u.unit)}</span>
                              <span className="block text-xs text-muted-foreground">{plural(u.confirmedCount, "figure", "figures")}</span>
                            </td>
                            <td className="ps-2 py-2 text-end">
                              <span className="tabular-nums">{formatAmount(u.selfReported, u.unit)}</span>
                              <span className="block text-xs text-muted-foreground">{plural(u.selfReportedCount, "figure", "figures")}</span>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                ) : (
                  <EmptyNote>No realized-value figures yet. Authors add them in the realized-value section of a story.</EmptyNote>
                )}
                {realized.otherCycles.length ? (
                  <div className="space-y-2">
                    <h3 className="text-sm font-semibold" id="figures-by-cycle">
                      Figures by cycle
                    </h3>
                    <p className="text-sm text-muted-foreground">Figures recorded in the other cycles, as what they are: not realized value.</p>
                    <table className="w-full border-collapse text-sm" aria-labelledby="figures-by-cycle" data-testid="figures-by-cycle">
                      <thead>
                        <tr className="border-b border-border text-xs text-muted-foreground">
                          <th scope="col" className="py-1.5 pe-2 text-start font-medium">
                            Unit
                          </th>
                          <th scope="col" className="ps-2 py-1.5 text-end font-medium">
                            Total
                          </th>
                        </tr>
                      </thead>
                      {realized.otherCycles.map((group) => (
                        <tbody key={group.cycle}>
                          <tr>
                            <th scope="rowgroup" colSpan={2} className="pt-3 pb-1 text-start text-xs font-medium text-muted-foreground">
                              <span className="inline-flex items-center gap-2">
                                <CycleDot cycle={group.cycle} />
                                {CYCLE_INFO[group.cycle].name}
                              </span>
                            </th>
                          </tr>
                          {group.units.map((u) => (
                            <tr key={u.key} className="border-b border-border/60 align-top last:border-0">
                              <th scope="row" className="py-1.5 pe-2 text-start font-normal break-words">
                                {unitName(u.unit)}
                              </th>
                              <td className="ps-2 py-1.5 text-end">
                                <span className="font-medium tabular-nums">{formatAmount(u.total, u.unit)}</span>
                                <span className="block text-xs text-muted-foreground">{plural(u.count, "figure", "figures")}</span>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      ))}
                    </table>
                  </div>
                ) : null}
              </CardContent>
            </Card>
          </div>

          <Card role="region" aria-labelledby="network-title">
            <CardHeader>
              <CardTitle id="network-title">Network</CardTitle>
              <CardDescription>Who helped: colleagues and people outside, close and occasional ties.</CardDescription>
            </CardHeader>
            <CardContent className="space-y-6">
              <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
                <Stat label="Contributions" value={fmt(network.contributions)} note={`to ${plural(network.storiesWithContributors, "story", "stories")}`} />
                <Stat label="Colleagues who helped" value={fmt(network.distinctInternalPeople)} />
                <Stat label="People outside" value={fmt(network.distinctExternalNames)} />
                <Stat label="Platforms" value={fmt(network.distinctPlatforms)} />
                <Stat label="Across teams" value={fmt(network.crossTeam)} note="help from another team" />
                <Stat label="Stories with help" value={`${percentages([network.storiesWithContributors, totals.visible - network.storiesWithContributors])[0]}%`} />
              </dl>
              <div className="grid gap-4 sm:grid-cols-2">
                <Split label="Inside or outside the organisation" a={{ label: "Inside", value: network.inside }} b={{ label: "Outside", value: network.outside }} />
                <Split label="Tie strength" a={{ label: "Close ties", value: network.strong }} b={{ label: "Occasional ties", value: network.weak }} />
              </div>
              <div className="space-y-2">
                <h3 className="text-sm font-semibold">People and stories</h3>
                <p className="text-sm text-muted-foreground">
                  {graph.stories.length < graph.totalStories
                    ? `The latest ${fmt(graph.stories.length)} of ${fmt(graph.totalStories)} stories, `
                    : `${plural(graph.stories.length, "story", "stories")}, `}
                  {plural(graph.people.length, "person", "people")} and {plural(graph.links.length, "link", "links")} between them.
                  {graph.stories.length >= GRAPH_STORY_LIMIT ? " Narrow the filters to see others." : ""}
                </p>
                <NetworkPicture graph={graph} />
              </div>
            </CardContent>
          </Card>

          <Card role="region" aria-labelledby="participation-title">
            <CardHeader>
              <CardTitle id="participation-title">Participation</CardTitle>
              <CardDescription>
                {own ? "Your own rhythm." : "How many people log stories and reflect each week. A distribution, never a ranking of people."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {own ? (
                <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
                  <Stat label="Stories shared" value={fmt(totals.visible)} />
                  <Stat label="Weekly reflections completed" value={fmt(participation.reflections)} />
                </dl>
              ) : (
                <div className="grid gap-8 lg:grid-cols-3">
                  <dl className="grid grid-cols-2 content-start gap-4 lg:grid-cols-1">
                    <Stat label="People logging stories" value={fmt(participation.logging)} note={`of ${plural(participation.people, "person", "people")}`} />
                    <Stat
                      label="Completed a weekly reflection"
                      value={fmt(participation.reflecting)}
                      note={`${plural(participation.reflections, "reflection", "reflections")} in all`}
                    />
                  </dl>
                  <div className="min-w-0 lg:col-span-2">
                    <h3 className="mb-2 text-sm font-semibold">People by the number of stories they logged</h3>
                    <ChartFrame
                      label="people by the number of stories they logged"
                      figure={
                        <SimpleBarChart
                          data={participation.buckets.map((b) => ({ label: b.label === "1" ? "1 story" : `${b.label} stories`, value: b.people, color: "var(--color-primary)" }))}
                          valueName="People"
                          height={200}
                        />
                      }
                      table={
                        <DataTable
                          caption={participation.summary}
                          columns={[
                            { key: "n", label: "Stories logged" },
                            { key: "people", label: "People", numeric: true },
                          ]}
                          rows={participation.buckets.map((b) => ({ key: b.label, cells: { n: b.label, people: fmt(b.people) } }))}
                        />
                      }
                    />
                  </div>
                </div>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-0.5">
        <span className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>
          {value}
        </span>
        {note ? <span className="block text-xs text-muted-foreground">{note}</span> : null}
      </dd>
    </div>
  );
}

/** The headline's realized value: what managers confirmed, one line per unit. */
function ConfirmedValue({ headline }: { headline: ReturnType<typeof realizedHeadline> }) {
  const lines = headline.confirmed;
  const self = headline.selfReportedFigures;
  const note =
    lines.length === 0
      ? self > 0
        ? `None confirmed yet · ${plural(self, "self-reported figure", "self-reported figures")}`
        : "No figures yet"
      : self > 0
        ? `plus ${plural(self, "self-reported figure", "self-reported figures")}, not confirmed`
        : undefined;
  return (
    <div className="col-span-2 min-w-0 sm:col-span-1">
      <dt className="text-xs font-medium text-muted-foreground">Realized value, confirmed</dt>
      <dd className="mt-0.5" data-testid="stat-realized">
        {lines.length ? (
          <ul className={cn("font-semibold tracking-tight tabular-nums break-words", lines.length > 1 ? "space-y-0.5 text-lg leading-snug" : "text-xl leading-tight")}>
            {lines.map((l) => (
              <li key={l.key}>{l.text}</li>
            ))}
          </ul>
        ) : (
          <span className="text-2xl font-semibold tracking-tight">—</span>
        )}
        {note ? <span className="block text-xs text-muted-foreground">{note}</span> : null}
      </dd>
    </div>
  );
}

function Split({ label, a, b }: { label: string; a: { label: string; value: number }; b: { label: string; value: number } }) {
  const [pa, pb] = percentages([a.value, b.value]);
  return (
    <div className="space-y-1.5 rounded-lg border border-border p-3">
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-muted">
        <span className="bg-primary" style={{ width: `${pa}%` }} />
        <span className="bg-cycle-realized" style={{ width: `${pb}%` }} />
      </div>
      <p className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span>
          <span aria-hidden="true" className="me-1.5 inline-block size-2 rounded-full bg-primary" />
          {a.label} <span className="font-semibold tabular-nums">{fmt(a.value)}</span> <span className="text-muted-foreground">({pa}%)</span>
        </span>
        <span>
          <span aria-hidden="true" className="me-1.5 inline-block size-2 rounded-full bg-cycle-realized" />
          {b.label} <span className="font-semibold tabular-nums">{fmt(b.value)}</span> <span className="text-muted-foreground">({pb}%)</span>
        </span>
      </p>
    </div>
  );
}

function EmptyNote({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">{children}</p>;
}

/** The biggest series by their totals (at most five), the others together as "The rest". */
function topSeries(rows: TrendSeries, labelOf: (key: string) => string): TrendSeriesDef[] {
  const totals = new Map<string, number>();
  for (const r of rows) for (const [k, n] of Object.entries(r.counts)) totals.set(k, (totals.get(k) ?? 0) + n);
  const keys = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const shown = keys.slice(0, SERIES_COLORS.length);
  const defs: TrendSeriesDef[] = shown.map((k, i) => ({ key: k, label: labelOf(k), color: SERIES_COLORS[i % SERIES_COLORS.length]! }));
  if (keys.length > shown.length) defs.push({ key: "__other", label: "The rest", color: OTHER_COLOR });
  return defs;
}

function TrendBlock({ title, rows, series, kind }: { title: string; rows: TrendSeries; series: TrendSeriesDef[]; kind: "lines" | "stacked" }) {
  const keys = new Set(series.map((s) => s.key));
  const data: TrendRow[] = rows.map((r) => {
    const row: TrendRow = { label: r.label };
    let other = 0;
    for (const [k, n] of Object.entries(r.counts)) {
      if (keys.has(k)) row[k] = n;
      else other += n;
    }
    if (keys.has("__other")) row.__other = other;
    return row;
  });
  return (
    <div className="min-w-0 space-y-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      <ChartFrame
        label={`stories ${title.toLowerCase()}`}
        figure={<TrendChart rows={data} series={series} kind={kind} />}
        table={
          <DataTable
            caption={`Stories ${title.toLowerCase()}`}
            columns={[{ key: "label", label: "Period" }, ...series.map((s) => ({ key: s.key, label: s.label, numeric: true }))]}
            rows={data.map((r) => ({ key: String(r.label), cells: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? fmt(v) : v])) }))}
          />
        }
      />
    </div>
  );
}
