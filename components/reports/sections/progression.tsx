import Link from "next/link";
import { FormattedDate } from "@/components/layout/time-zone";
import { ArrowRightIcon } from "lucide-react";
import { SimpleBarChart } from "@/components/reports/bar-chart";
import { ChartFrame } from "@/components/reports/chart-frame";
import { CYCLE_COLOR } from "@/components/reports/chart-theme";
import { DataTable } from "@/components/reports/data-table";
import { EmptyNote } from "@/components/reports/empty-note";
import { CycleDot } from "@/components/reports/value-matrix";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportProgression } from "@/lib/db/reports";
import { formatDays, formatNumber, plural } from "@/lib/domain/format";
import { CYCLE_INFO, CYCLES } from "@/lib/domain/framework";
import { shortCycleName } from "@/lib/domain/report-charts";
import type { ReportDrill } from "@/lib/validation/report-drilldown";

/** How far stories get (stories reaching each cycle), how long each step takes, and the stories that stopped early. */
export function ProgressionSection({ progression, drillHref }: { progression: ReportProgression; drillHref: (drill: ReportDrill) => string }) {
  return (
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
                data={CYCLES.map((c) => ({ label: `${CYCLE_INFO[c].number}. ${shortCycleName(c)}`, value: progression.reached[c], color: CYCLE_COLOR[c] }))}
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
                        {formatNumber(progression.reached[c])}
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
            Not yet at realized value, and nothing added for three weeks. A question from a manager (&ldquo;what happened next?&rdquo;) often brings the next
            cycle.
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
                      Stopped at {CYCLE_INFO[s.furthest].name.toLowerCase()} · last entry <FormattedDate date={s.lastRecordedAt} style="day" />
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
  );
}
