import Link from "next/link";
import { ChartFrame } from "@/components/reports/chart-frame";
import { CYCLE_COLOR, OTHER_COLOR, SERIES_COLORS } from "@/components/reports/chart-theme";
import { DataTable } from "@/components/reports/data-table";
import { TrendChart, type TrendSeriesDef } from "@/components/reports/trend-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportTrends, TrendSeries } from "@/lib/db/reports";
import { formatNumber } from "@/lib/domain/format";
import { CYCLES } from "@/lib/domain/framework";
import { REST_KEY, shortCycleName, topSeries, trendRows } from "@/lib/domain/report-charts";
import type { TrendUnit } from "@/lib/domain/reports";
import { cn } from "@/lib/utils";

/** Stories by when they happened, per cycle reached, per channel and (beyond one's own report) per team; by month or week. */
export function TrendsSection({
  trends,
  unit,
  unitHref,
  own,
  channelLabels,
  teamNames,
}: {
  trends: ReportTrends;
  unit: TrendUnit;
  unitHref: (unit: TrendUnit) => string;
  own: boolean;
  channelLabels: ReadonlyMap<string, string>;
  teamNames: ReadonlyMap<string, string>;
}) {
  return (
    <Card role="region" aria-labelledby="trends-title">
      <CardHeader>
        <CardTitle id="trends-title">Trends</CardTitle>
        <CardDescription>Stories by when they happened, {unit === "week" ? "week by week" : "month by month"}.</CardDescription>
        <nav aria-label="Trend unit" className="flex gap-1 pt-1">
          {(["month", "week"] as const).map((u) => (
            <Link
              key={u}
              href={unitHref(u)}
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
          series={CYCLES.map((c) => ({ key: c, label: shortCycleName(c), color: CYCLE_COLOR[c] }))}
        />
        <TrendBlock
          title="Per channel"
          rows={trends.byChannel}
          kind="stacked"
          series={seriesOf(trends.byChannel, (k) => (k === "none" ? "No channel" : (channelLabels.get(k) ?? k)))}
        />
        {own ? null : (
          <TrendBlock
            title="Per team"
            rows={trends.byTeam}
            kind="stacked"
            series={seriesOf(trends.byTeam, (k) => (k === "none" ? "No team" : (teamNames.get(k) ?? "A team")))}
          />
        )}
      </CardContent>
    </Card>
  );
}

/** The biggest series by their totals (as many as there are colours), the others together as "The rest". */
function seriesOf(rows: TrendSeries, labelOf: (key: string) => string): TrendSeriesDef[] {
  const { keys, rest } = topSeries(rows, SERIES_COLORS.length);
  const defs: TrendSeriesDef[] = keys.map((k, i) => ({ key: k, label: labelOf(k), color: SERIES_COLORS[i % SERIES_COLORS.length]! }));
  if (rest) defs.push({ key: REST_KEY, label: "The rest", color: OTHER_COLOR });
  return defs;
}

function TrendBlock({ title, rows, series, kind }: { title: string; rows: TrendSeries; series: TrendSeriesDef[]; kind: "lines" | "stacked" }) {
  const data = trendRows(
    rows,
    series.map((s) => s.key).filter((k) => k !== REST_KEY),
    series.some((s) => s.key === REST_KEY),
  );
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
            rows={data.map((r) => ({
              key: String(r.label),
              cells: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? formatNumber(v) : v])),
            }))}
          />
        }
      />
    </div>
  );
}
