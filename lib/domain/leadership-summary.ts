// What the leadership summary PDF prints: a plain data object, gathered by the data layer
// (lib/db/leadership-summary.ts) and laid out by lib/pdf/leadership-summary. Types only.
import type { CapitalKind, Cycle } from "./framework";
import type { FigureTotals, UnitTotal } from "./figures";
import type { NetworkFigures, Transition } from "./reports";

export type SummaryFigure = {
  value: number;
  unit: string;
  /** The confirmer's first name, when a colleague or manager confirmed the figure. */
  confirmedBy: string | null;
  confirmedAt: Date | null;
};

export type SummaryStoryEntry = {
  cycle: Cycle;
  /** The author's words for this cycle (may be empty). */
  narrative: string;
  /** Indicator labels, shown when the narrative is empty. */
  indicators: readonly string[];
  figure: SummaryFigure | null;
};

export type SummaryStory = {
  title: string;
  authorFirstName: string;
  authorTeam: string | null;
  occurredAt: Date;
  /** Picked for leadership by a manager or L&D. */
  highlighted: boolean;
  /** In cycle order; only the cycles the story reached. */
  entries: readonly SummaryStoryEntry[];
};

export type SummaryMatrixRow = {
  label: string;
  /** The indicator's own cycle (null for a key no longer in the catalogue). */
  cycle: Cycle | null;
  cells: Record<Cycle, number>;
  total: number;
};

export type LeadershipSummaryInput = {
  organizationName: string;
  /** Whose stories: "Whole organisation", "Marco Rossi and the teams reporting to them". */
  scopeLine: string;
  /** The period and filters (lib/domain/exports.ts filtersHeader). */
  filtersLine: string;
  generatedAt: Date;
  headline: {
    /** Stories the summary is built from (readable by the person who exported it). */
    stories: number;
    /** Active people in scope, and those who logged at least one story. */
    people: number;
    logging: number;
    /** People who completed at least one weekly reflection in the period. */
    reflecting: number;
    /** Published stories counted but never shown. */
    privateCount: number;
    hiddenCount: number;
  };
  progression: { stories: number; reached: Record<Cycle, number>; transitions: readonly Transition[] };
  /** Rows in display order (grouped by cycle); the layout keeps the top rows when long. */
  matrix: readonly SummaryMatrixRow[];
  /** Realized value by unit: the REALIZED cycle's figures (lib/domain/figures.ts). */
  realizedValue: readonly UnitTotal[];
  /** The other cycles' figures, per cycle and unit. */
  otherFigures: FigureTotals["otherCycles"];
  capitalMix: Record<CapitalKind, number>;
  network: NetworkFigures;
  /** Best first; the layout prints as many as fit (at most five). */
  stories: readonly SummaryStory[];
};
