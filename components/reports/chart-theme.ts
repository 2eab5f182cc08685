// Shared looks of the report charts: colours come from the design tokens (app/globals.css), so
// they follow the light and dark themes.
import type { Cycle } from "@/lib/domain/framework";

export const CYCLE_COLOR: Record<Cycle, string> = {
  IMMEDIATE: "var(--color-cycle-immediate)",
  POTENTIAL: "var(--color-cycle-potential)",
  APPLIED: "var(--color-cycle-applied)",
  REALIZED: "var(--color-cycle-realized)",
  REFRAMING: "var(--color-cycle-reframing)",
};

/** Series colours for channels and teams: five hues far apart; OTHER_COLOR for the rest. */
export const SERIES_COLORS = [
  "var(--color-primary)",
  "var(--color-cycle-realized)",
  "var(--color-cycle-potential)",
  "var(--color-cycle-reframing)",
  "var(--color-cycle-immediate)",
] as const;
export const OTHER_COLOR = "var(--color-muted-foreground)";

export const AXIS_TICK = { fill: "var(--color-muted-foreground)", fontSize: 12 } as const;
export const GRID_STROKE = "var(--color-border)";
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: "var(--color-popover)",
    color: "var(--color-popover-foreground)",
    border: "1px solid var(--color-border)",
    borderRadius: "0.5rem",
    fontSize: "0.8125rem",
  },
  labelStyle: { color: "var(--color-popover-foreground)", fontWeight: 600 },
  itemStyle: { color: "var(--color-popover-foreground)" },
  cursor: { fill: "var(--color-muted)", opacity: 0.6 },
} as const;
