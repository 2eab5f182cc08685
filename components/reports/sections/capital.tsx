import { SimpleBarChart } from "@/components/reports/bar-chart";
import { ChartFrame } from "@/components/reports/chart-frame";
import { DataTable } from "@/components/reports/data-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportCapitalMix } from "@/lib/db/reports";
import { formatNumber } from "@/lib/domain/format";
import { CAPITAL_INFO, CAPITAL_KINDS } from "@/lib/domain/framework";

/** What the potential value consists of: stories naming each kind of knowledge capital. */
export function CapitalSection({ capital }: { capital: ReportCapitalMix }) {
  return (
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
              data={CAPITAL_KINDS.map((k) => ({
                label: CAPITAL_INFO[k].name.replace(" capital", ""),
                value: capital.counts[k],
                color: "var(--color-cycle-potential)",
              }))}
            />
          }
          table={
            <DataTable
              caption="Stories per kind of knowledge capital"
              columns={[
                { key: "kind", label: "Kind" },
                { key: "n", label: "Stories", numeric: true },
              ]}
              rows={CAPITAL_KINDS.map((k) => ({ key: k, cells: { kind: CAPITAL_INFO[k].name, n: formatNumber(capital.counts[k]) } }))}
            />
          }
        />
      </CardContent>
    </Card>
  );
}
