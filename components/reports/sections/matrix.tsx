import Link from "next/link";
import { ArrowRightIcon } from "lucide-react";
import { ReportStoryList } from "@/components/reports/report-story-list";
import { CycleDot, ValueMatrix } from "@/components/reports/value-matrix";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportTopStories } from "@/lib/db/report-stories";
import type { ReportProgression } from "@/lib/db/reports";
import { formatNumber } from "@/lib/domain/format";
import { CYCLE_INFO, CYCLES } from "@/lib/domain/framework";
import { passingThroughNote } from "@/lib/domain/report-charts";
import type { ValueCreationMatrix } from "@/lib/domain/reports";
import type { ReportDrill } from "@/lib/validation/report-drilldown";

/** The value-creation matrix (every cell leads to its stories), and the stories passing through each cycle. */
export function MatrixSection({
  matrix,
  progression,
  byCycle,
  drillHref,
}: {
  matrix: ValueCreationMatrix;
  progression: ReportProgression;
  byCycle: ReportTopStories["byCycle"];
  drillHref: (drill: ReportDrill) => string;
}) {
  return (
    <Card role="region" aria-labelledby="matrix-title">
      <CardHeader>
        <CardTitle id="matrix-title">Value-creation matrix</CardTitle>
        <CardDescription>How many stories name each indicator in each cycle. Select a number to read the stories behind it.</CardDescription>
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
                      {formatNumber(progression.reached[c])}
                      <span className="sr-only"> stories reached {CYCLE_INFO[c].name.toLowerCase()}: see them all</span>
                      <ArrowRightIcon aria-hidden="true" className="size-3" />
                    </Link>
                  ) : (
                    <span className="ms-auto text-xs text-muted-foreground">0</span>
                  )}
                </div>
                {byCycle[c].length ? (
                  <ReportStoryList
                    stories={byCycle[c]}
                    label={`Stories passing through ${CYCLE_INFO[c].name.toLowerCase()}`}
                    compact
                    className="max-sm:[&>li:nth-child(n+2)]:hidden"
                  />
                ) : (
                  <p className="rounded-lg border border-dashed border-border p-3 text-xs text-muted-foreground">
                    {passingThroughNote(progression.reached[c])}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </div>
      </CardContent>
    </Card>
  );
}
