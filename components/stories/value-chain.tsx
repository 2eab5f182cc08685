import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { cn } from "@/lib/utils";

const FILLED: Record<Cycle, string> = {
  IMMEDIATE: "bg-cycle-immediate text-cycle-immediate-foreground border-cycle-immediate",
  POTENTIAL: "bg-cycle-potential text-cycle-potential-foreground border-cycle-potential",
  APPLIED: "bg-cycle-applied text-cycle-applied-foreground border-cycle-applied",
  REALIZED: "bg-cycle-realized text-cycle-realized-foreground border-cycle-realized",
  REFRAMING: "bg-cycle-reframing text-cycle-reframing-foreground border-cycle-reframing",
};

/**
 * The value chain at a glance: five numbered steps, filled where the story reaches that
 * cycle. Screen readers get one sentence instead of five shapes.
 */
export function ValueChain({ chain, size = "sm", className }: { chain: { cycle: Cycle; reached: boolean }[]; size?: "sm" | "md"; className?: string }) {
  const reached = chain.filter((c) => c.reached).map((c) => CYCLE_INFO[c.cycle].name.replace(" value", "").toLowerCase());
  const label = reached.length ? `Value chain: reaches ${reached.join(", ")}` : "Value chain: no cycle yet";
  return (
    <div role="img" aria-label={label} className={cn("flex items-center", className)}>
      {chain.map((c, i) => (
        <span key={c.cycle} className="flex items-center" title={`${CYCLE_INFO[c.cycle].name}${c.reached ? "" : " (not yet)"}`}>
          {i > 0 ? <span aria-hidden="true" className={cn("h-0.5 bg-border", size === "sm" ? "w-2" : "w-4")} /> : null}
          <span
            aria-hidden="true"
            className={cn(
              "flex items-center justify-center rounded-full border font-semibold tabular-nums",
              size === "sm" ? "size-5 text-[0.65rem]" : "size-8 text-xs",
              c.reached ? FILLED[c.cycle] : "border-dashed border-input bg-background text-muted-foreground",
            )}
          >
            {CYCLE_INFO[c.cycle].number}
          </span>
        </span>
      ))}
    </div>
  );
}
