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

/** The axes' labels: small, muted, legible in both themes. */
export const AXIS_TEXT = "text-xs text-muted-foreground";
