"use client";

import { CYCLES, CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { CYCLE_FILLED } from "@/components/stories/value-chain";
import { cn } from "@/lib/utils";
import { cycleAnchor } from "@/lib/domain/framework";

/**
 * Where the story stands, and the way to each cycle: five numbered steps, filled where the
 * story reaches that cycle, the one being edited marked. Each step is a link to the cycle's
 * anchor (`#cycle-applied`), so it also works opened in a new tab.
 */
export function CycleStepper({ selected, reached, onSelect }: { selected: Cycle; reached: Cycle[]; onSelect: (cycle: Cycle) => void }) {
  return (
    <nav aria-label="Cycles of this story">
      <ol className="grid grid-cols-5 gap-0.5 sm:gap-1">
        {CYCLES.map((cycle) => {
          const info = CYCLE_INFO[cycle];
          const on = reached.includes(cycle);
          const current = cycle === selected;
          return (
            <li key={cycle} className="flex">
              <a
                href={`#${cycleAnchor(cycle)}`}
                aria-current={current ? "step" : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
                  e.preventDefault();
                  onSelect(cycle);
                }}
                className={cn(
                  "relative flex w-full flex-col items-center gap-1 rounded-md px-0 py-2 text-center text-[0.6875rem] leading-tight sm:px-0.5 sm:text-xs focus-visible:outline-2 focus-visible:outline-ring",
                  current ? "bg-secondary font-semibold text-foreground" : "text-muted-foreground hover:bg-accent hover:text-foreground",
                )}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    "flex size-8 items-center justify-center rounded-full border text-xs font-semibold tabular-nums",
                    on ? CYCLE_FILLED[cycle] : "border-dashed border-input bg-background text-muted-foreground",
                    current && "ring-2 ring-ring ring-offset-2 ring-offset-background",
                  )}
                >
                  {info.number}
                </span>
                <span>
                  <span className="sr-only">{info.number}. </span>
                  {info.name.replace(" value", "")}
                  <span className="sr-only"> value, {on ? "reached" : "not yet"}</span>
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
