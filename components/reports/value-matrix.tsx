import Link from "next/link";
import { CYCLE_INFO, CYCLES, type Cycle } from "@/lib/domain/framework";
import type { ValueCreationMatrix } from "@/lib/domain/reports";
import { cn } from "@/lib/utils";

const CYCLE_VAR: Record<Cycle, string> = {
  IMMEDIATE: "var(--color-cycle-immediate)",
  POTENTIAL: "var(--color-cycle-potential)",
  APPLIED: "var(--color-cycle-applied)",
  REALIZED: "var(--color-cycle-realized)",
  REFRAMING: "var(--color-cycle-reframing)",
};

const DOT: Record<Cycle, string> = {
  IMMEDIATE: "bg-cycle-immediate text-cycle-immediate-foreground",
  POTENTIAL: "bg-cycle-potential text-cycle-potential-foreground",
  APPLIED: "bg-cycle-applied text-cycle-applied-foreground",
  REALIZED: "bg-cycle-realized text-cycle-realized-foreground",
  REFRAMING: "bg-cycle-reframing text-cycle-reframing-foreground",
};

/** The cycle's number in its colour. */
export function CycleDot({ cycle, className }: { cycle: Cycle; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("inline-flex size-5 shrink-0 items-center justify-center rounded-full text-[0.65rem] font-semibold tabular-nums", DOT[cycle], className)}
    >
      {CYCLE_INFO[cycle].number}
    </span>
  );
}

const shortName = (c: Cycle) => CYCLE_INFO[c].name.replace(" value", "");

/**
 * The value-creation matrix as a table: indicators (rows, grouped by their own cycle) by the
 * five cycles (columns), each count shaded by its size and linking to the stories behind it.
 */
export function ValueMatrix({ matrix, cellHref }: { matrix: ValueCreationMatrix; cellHref: (cycle: Cycle, indicatorKey: string) => string }) {
  const max = Math.max(1, ...matrix.rows.flatMap((r) => CYCLES.map((c) => r.cells[c])));
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="sr-only">
        Value-creation matrix: for each indicator (rows) and cycle (columns), the number of stories whose entry for that cycle names the indicator. Each number
        links to those stories.
      </caption>
      <colgroup>
        <col className="w-[44%] sm:w-[38%]" />
        {CYCLES.map((c) => (
          <col key={c} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="pb-2 text-start align-bottom text-xs font-medium text-muted-foreground">
            Indicator
          </th>
          {CYCLES.map((c) => (
            <th key={c} scope="col" className="px-0.5 pb-2 align-bottom text-xs font-medium text-muted-foreground">
              <span className="flex flex-col items-center gap-1">
                <CycleDot cycle={c} />
                <span className="sr-only lg:not-sr-only">{shortName(c)}</span>
                <span className="sr-only">{CYCLE_INFO[c].name.replace(shortName(c), "")}</span>
              </span>
            </th>
          ))}
        </tr>
      </thead>
      {matrix.groups.map((g) => (
        <tbody key={g.cycle ?? "unknown"} className="border-t border-border">
          <tr>
            <th scope="colgroup" colSpan={6} className="pt-3 pb-1 text-start text-xs font-semibold tracking-wide text-muted-foreground uppercase">
              {g.cycle ? `${CYCLE_INFO[g.cycle].name} indicators` : "No longer in the catalogue"}
            </th>
          </tr>
          {g.rows.map((r) => (
            <tr key={r.key} className="group">
              <th scope="row" className="py-0.5 pe-2 text-start text-[0.8125rem] leading-snug font-normal group-hover:text-foreground">
                {r.label}
                {r.retired ? <span className="text-xs text-muted-foreground"> (retired)</span> : null}
              </th>
              {CYCLES.map((c) => {
                const n = r.cells[c];
                const own = r.cycle === c;
                return (
                  <td key={c} className="p-0.5 text-center">
                    {n > 0 ? (
                      <Link
                        href={cellHref(c, r.key)}
                        className="flex h-8 items-center justify-center rounded-md font-semibold tabular-nums text-foreground outline-offset-1 hover:ring-2 hover:ring-ring/50 focus-visible:outline-2 focus-visible:outline-ring"
                        style={{ backgroundColor: `color-mix(in oklab, ${CYCLE_VAR[c]} ${Math.round(12 + 22 * (n / max))}%, transparent)` }}
                      >
                        {n}
                        <span className="sr-only">
                          {" "}
                          {n === 1 ? "story" : "stories"}: {r.label}, {CYCLE_INFO[c].name}
                        </span>
                      </Link>
                    ) : (
                      <span className={cn("flex h-8 items-center justify-center rounded-md text-muted-foreground/60", own && "bg-muted/60")}>
                        <span aria-hidden="true">·</span>
                        <span className="sr-only">0</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      ))}
      <tfoot className="border-t-2 border-border">
        <tr>
          <th scope="row" className="pt-2 pe-2 text-start text-xs font-medium text-muted-foreground">
            Indicator mentions
          </th>
          {CYCLES.map((c) => (
            <td key={c} className="pt-2 text-center text-xs font-semibold tabular-nums">
              {matrix.totals[c]}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
