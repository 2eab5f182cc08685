import Link from "next/link";
import { ArrowRightIcon, EyeOffIcon } from "lucide-react";
import { EmptyNote } from "@/components/reports/empty-note";
import { ExportPanel } from "@/components/reports/export-panel";
import { ReportStoryList } from "@/components/reports/report-story-list";
import { Stat } from "@/components/reports/stat";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportTopStories } from "@/lib/db/report-stories";
import type { ReportParticipation, ReportProgression, ReportTotals } from "@/lib/db/reports";
import type { ExportKind } from "@/lib/domain/exports";
import { realizedHeadline, type UnitTotal } from "@/lib/domain/figures";
import { formatNumber, plural } from "@/lib/domain/format";
import { confirmedValueNote } from "@/lib/domain/report-charts";
import { anonymousCountsText } from "@/lib/domain/report-view";
import type { ReportDrill } from "@/lib/validation/report-drilldown";
import { cn } from "@/lib/utils";

/** At a glance: the stories first, the headline figures beside them, and the view's exports. */
export function GlanceSection({
  top,
  totals,
  participation,
  progression,
  realizedUnits,
  own,
  drillHref,
  exportKinds,
  exportQuery,
}: {
  top: ReportTopStories;
  totals: ReportTotals;
  participation: ReportParticipation;
  progression: ReportProgression;
  realizedUnits: readonly UnitTotal[];
  own: boolean;
  drillHref: (drill: ReportDrill) => string;
  exportKinds: ExportKind[];
  exportQuery: string;
}) {
  const anonymous = anonymousCountsText(totals);
  const headline = realizedHeadline(realizedUnits);
  return (
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
                <Link
                  href={drillHref({})}
                  className="inline-flex min-h-8 items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
                >
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
              <Stat label="Stories in this report" value={formatNumber(totals.visible)} testId="stat-stories" />
              {own ? (
                <Stat label="Weekly reflections completed" value={formatNumber(participation.reflections)} />
              ) : (
                <Stat
                  label="People logging stories"
                  value={formatNumber(participation.logging)}
                  note={`of ${plural(participation.people, "person", "people")} in scope`}
                />
              )}
              <ConfirmedValue headline={headline} />
              <Stat
                label="Reached realized value"
                value={formatNumber(progression.reached.REALIZED)}
                note={`of ${plural(progression.stories, "story", "stories")}`}
              />
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
        {exportKinds.length > 0 ? <ExportPanel query={exportQuery} kinds={exportKinds} storyCount={totals.visible} /> : null}
      </div>
    </section>
  );
}

/** The headline's realized value: what managers confirmed, one line per unit. */
function ConfirmedValue({ headline }: { headline: ReturnType<typeof realizedHeadline> }) {
  const lines = headline.confirmed;
  const note = confirmedValueNote(lines.length, headline.selfReportedFigures);
  return (
    <div className="col-span-2 min-w-0 sm:col-span-1">
      <dt className="text-xs font-medium text-muted-foreground">Realized value, confirmed</dt>
      <dd className="mt-0.5" data-testid="stat-realized">
        {lines.length ? (
          <ul
            className={cn(
              "font-semibold tracking-tight tabular-nums break-words",
              lines.length > 1 ? "space-y-0.5 text-lg leading-snug" : "text-xl leading-tight",
            )}
          >
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
