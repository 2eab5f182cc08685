import Link from "next/link";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { cn } from "@/lib/utils";

export const CYCLE_FILLED: Record<Cycle, string> = {
  IMMEDIATE: "bg-cycle-immediate text-cycle-immediate-foreground border-cycle-immediate",
  POTENTIAL: "bg-cycle-potential text-cycle-potential-foreground border-cycle-potential",
  APPLIED: "bg-cycle-applied text-cycle-applied-foreground border-cycle-applied",
  REALIZED: "bg-cycle-realized text-cycle-realized-foreground border-cycle-realized",
  REFRAMING: "bg-cycle-reframing text-cycle-reframing-foreground border-cycle-reframing",
};

/**
 * The value chain at a glance: five numbered steps, filled where the story reaches that
 * cycle. Screen readers get one sentence instead of five shapes. With `hrefFor` (the author's
 * own story), each step is a link to that cycle in the editor.
 */
export function ValueChain({
  chain,
  size = "sm",
  className,
  hrefFor,
}: {
  chain: { cycle: Cycle; reached: boolean }[];
  size?: "sm" | "md";
  className?: string;
  hrefFor?: (cycle: Cycle) => string;
}) {
  const reached = chain.filter((c) => c.reached).map((c) => CYCLE_INFO[c.cycle].name.replace(" value", "").toLowerCase());
  const label = reached.length ? `Value chain: reaches ${reached.join(", ")}` : "Value chain: no cycle yet";
  const circle = (c: { cycle: Cycle; reached: boolean }) =>
    cn(
      "flex items-center justify-center rounded-full border font-semibold tabular-nums",
      size === "sm" ? "size-5 text-[0.65rem]" : "size-8 text-xs",
      c.reached ? CYCLE_FILLED[c.cycle] : "border-dashed border-input bg-background text-muted-foreground",
    );
  const joint = (i: number) => (i > 0 ? <span aria-hidden="true" className={cn("h-0.5 bg-border", size === "sm" ? "w-2" : "w-4")} /> : null);
  if (hrefFor) {
    return (
      <ol aria-label={label} className={cn("flex items-center", className)}>
        {chain.map((c, i) => (
          <li key={c.cycle} className="flex items-center">
            {joint(i)}
            <Link
              href={hrefFor(c.cycle)}
              title={`${CYCLE_INFO[c.cycle].name}${c.reached ? "" : " (not yet)"}: edit`}
              aria-label={`Edit ${CYCLE_INFO[c.cycle].number}. ${CYCLE_INFO[c.cycle].name}${c.reached ? "" : " (not yet)"}`}
              // The stretched link of a list row lies over the row: the circles stay above it.
              // A 24 px target around small circles (WCAG 2.5.8).
              className={cn(
                "relative z-10 flex items-center justify-center rounded-full hover:scale-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                size === "sm" && "size-6",
              )}
            >
              <span aria-hidden="true" className={circle(c)}>
                {CYCLE_INFO[c.cycle].number}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div role="img" aria-label={label} className={cn("flex items-center", className)}>
      {chain.map((c, i) => (
        <span key={c.cycle} className="flex items-center" title={`${CYCLE_INFO[c.cycle].name}${c.reached ? "" : " (not yet)"}`}>
          {joint(i)}
          <span aria-hidden="true" className={circle(c)}>
            {CYCLE_INFO[c.cycle].number}
          </span>
        </span>
      ))}
    </div>
  );
}
