import { SimpleBarChart } from "@/components/reports/bar-chart";
import { ChartFrame } from "@/components/reports/chart-frame";
import { DataTable } from "@/components/reports/data-table";
import { Stat } from "@/components/reports/stat";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportParticipation, ReportTotals } from "@/lib/db/reports";
import { formatNumber, plural } from "@/lib/domain/format";
import { storiesLoggedLabel } from "@/lib/domain/report-charts";

/** How many people log stories and reflect: a distribution, never a ranking; one's own rhythm in one's own report. */
export function ParticipationSection({ participation, totals, own }: { participation: ReportParticipation; totals: ReportTotals; own: boolean }) {
  return (
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
            <Stat label="Stories shared" value={formatNumber(totals.visible)} />
            <Stat label="Weekly reflections completed" value={formatNumber(participation.reflections)} />
          </dl>
        ) : (
          <div className="grid gap-8 lg:grid-cols-3">
            <dl className="grid grid-cols-2 content-start gap-4 lg:grid-cols-1">
              <Stat
                label="People logging stories"
                value={formatNumber(participation.logging)}
                note={`of ${plural(participation.people, "person", "people")}`}
              />
              <Stat
                label="Completed a weekly reflection"
                value={formatNumber(participation.reflecting)}
                note={`${plural(participation.reflections, "reflection", "reflections")} in all`}
              />
            </dl>
            <div className="min-w-0 lg:col-span-2">
              <h3 className="mb-2 text-sm font-semibold">People by the number of stories they logged</h3>
              <ChartFrame
                label="people by the number of stories they logged"
                figure={
                  <SimpleBarChart
                    data={participation.buckets.map((b) => ({ label: storiesLoggedLabel(b.label), value: b.people, color: "var(--color-primary)" }))}
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
                    rows={participation.buckets.map((b) => ({ key: b.label, cells: { n: b.label, people: formatNumber(b.people) } }))}
                  />
                }
              />
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
