import { EmptyNote } from "@/components/reports/empty-note";
import { CycleDot } from "@/components/reports/value-matrix";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportFigures } from "@/lib/db/reports";
import { formatAmount, unitName } from "@/lib/domain/figures";
import { plural } from "@/lib/domain/format";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { percentages } from "@/lib/domain/report-view";
import { cn } from "@/lib/utils";

/** What the realized-value cycle records, by unit, confirmed and self-reported apart; then the other cycles' figures, as what they are. */
export function RealizedValueSection({ realized }: { realized: ReportFigures }) {
  return (
    <Card role="region" aria-labelledby="value-title">
      <CardHeader>
        <CardTitle id="value-title">Realized value</CardTitle>
        <CardDescription>
          What stories record in their realized-value cycle, by unit. Confirmed by a manager and self-reported are never added together.
        </CardDescription>
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
                    <FigureCell amount={formatAmount(u.confirmed, u.unit)} count={u.confirmedCount} className="px-2 py-2" amountClassName="font-semibold" />
                    <FigureCell amount={formatAmount(u.selfReported, u.unit)} count={u.selfReportedCount} className="ps-2 py-2" />
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
                      <FigureCell amount={formatAmount(u.total, u.unit)} count={u.count} className="ps-2 py-1.5" amountClassName="font-medium" />
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** An amount, and how many figures make it. */
function FigureCell({ amount, count, className, amountClassName }: { amount: string; count: number; className: string; amountClassName?: string }) {
  return (
    <td className={cn(className, "text-end")}>
      <span className={cn(amountClassName, "tabular-nums")}>{amount}</span>
      <span className="block text-xs text-muted-foreground">{plural(count, "figure", "figures")}</span>
    </td>
  );
}
