// Report shaping: turns the rows that the report queries return (SQL GROUP BY results) into
// what the reports page, its charts and its exports show. Pure: no I/O, no Prisma, no Next.
//
// The real reports compute their rollups in SQL; the functions here only shape small, already
// aggregated inputs. Figures (realized value and the other cycles' figures) are in ./figures.ts.
import { formatMonth, plural } from "./format";
import { CYCLE_INFO, CYCLES, type Cycle } from "./framework";
import { DAY_MS, weekLabel, weekStartOf } from "./week";

function zeroByCycle(): Record<Cycle, number> {
  return { IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 };
}

// ---------------------------------------------------------------------------------------------
// Value-creation matrix

/**
 * One row of `SELECT e.cycle, k.key AS "indicatorKey", count(DISTINCT e."storyId") AS stories
 * FROM "CycleEntry" e, unnest(e."indicatorKeys") k(key) ... GROUP BY 1, 2`.
 */
export type MatrixCountRow = { cycle: Cycle; indicatorKey: string; stories: number };

/** An indicator of the organisation's catalogue, in catalogue order. */
export type MatrixIndicator = { key: string; label: string; cycle: Cycle; retired: boolean };

export type MatrixRow = {
  key: string;
  label: string;
  /** The indicator's own cycle; null for a key that is no longer in the catalogue at all. */
  cycle: Cycle | null;
  retired: boolean;
  /** False for a key found in the data but missing from the catalogue. */
  known: boolean;
  /** Stories per column (cycle) whose entry for that cycle uses this indicator. */
  cells: Record<Cycle, number>;
  total: number;
};

export type ValueCreationMatrix = {
  columns: readonly Cycle[];
  /** Rows grouped by the indicator's cycle, in cycle order; unknown keys last (cycle null). */
  groups: { cycle: Cycle | null; rows: MatrixRow[] }[];
  /** The same rows, flat, in display order. */
  rows: MatrixRow[];
  /**
   * Per column, the sum of its cells: indicator mentions, so a story whose entry names two
   * indicators counts twice. Distinct story counts per cycle come from the progression report.
   */
  totals: Record<Cycle, number>;
  grandTotal: number;
  /** A text equivalent of the table, for screen readers and the PDF's alt text. */
  summary: string;
};

/**
 * The matrix: rows are indicators (grouped by their cycle, catalogue order within a cycle;
 * retired ones only when some story uses them; keys missing from the catalogue last, by key),
 * columns are the five cycles. Duplicate input rows for the same cell are added up.
 */
export function valueCreationMatrix(rows: readonly MatrixCountRow[], indicators: readonly MatrixIndicator[]): ValueCreationMatrix {
  const counts = new Map<string, Record<Cycle, number>>();
  for (const r of rows) {
    if (!Number.isFinite(r.stories) || r.stories <= 0) continue;
    const cells = counts.get(r.indicatorKey) ?? zeroByCycle();
    cells[r.cycle] += r.stories;
    counts.set(r.indicatorKey, cells);
  }

  const makeRow = (key: string, label: string, cycle: Cycle | null, retired: boolean, known: boolean): MatrixRow => {
    const cells = { ...(counts.get(key) ?? zeroByCycle()) };
    const total = CYCLES.reduce((sum, c) => sum + cells[c], 0);
    return { key, label, cycle, retired, known, cells, total };
  };

  const groups: ValueCreationMatrix["groups"] = [];
  const seen = new Set<string>();
  for (const cycle of CYCLES) {
    const groupRows: MatrixRow[] = [];
    for (const ind of indicators) {
      if (ind.cycle !== cycle || seen.has(ind.key)) continue;
      seen.add(ind.key);
      const row = makeRow(ind.key, ind.label, ind.cycle, ind.retired, true);
      if (ind.retired && row.total === 0) continue;
      groupRows.push(row);
    }
    if (groupRows.length > 0) groups.push({ cycle, rows: groupRows });
  }
  const unknown = [...counts.keys()]
    .filter((k) => !seen.has(k))
    .sort()
    .map((k) => makeRow(k, k, null, false, false))
    .filter((r) => r.total > 0);
  if (unknown.length > 0) groups.push({ cycle: null, rows: unknown });

  const flat = groups.flatMap((g) => g.rows);
  const totals = zeroByCycle();
  for (const row of flat) for (const c of CYCLES) totals[c] += row.cells[c];
  const grandTotal = CYCLES.reduce((sum, c) => sum + totals[c], 0);

  const sentences = CYCLES.map((c) => {
    const used = flat.filter((r) => r.cells[c] > 0).sort((a, b) => b.cells[c] - a.cells[c]);
    if (used.length === 0) return `${CYCLE_INFO[c].name}: none.`;
    return `${CYCLE_INFO[c].name}: ${totals[c]} (${used.map((r) => `${r.label} ${r.cells[c]}`).join(", ")}).`;
  });
  const summary = [
    `Value-creation matrix: ${plural(grandTotal, "indicator mention", "indicator mentions", String)} across the five cycles.`,
    ...sentences,
  ].join(" ");

  return { columns: CYCLES, groups, rows: flat, totals, grandTotal, summary };
}

// ---------------------------------------------------------------------------------------------
// Progression (computed in SQL over the rollups: lib/db/reports/progression.ts)

/**
 * One step between adjacent cycles. A story counts when it has entries in both; the time is
 * between the two entries' recordedAt, and an entry recorded before the previous cycle's counts
 * as zero days, never as negative time.
 */
export type Transition = {
  from: Cycle;
  to: Cycle;
  /** How many stories have entries in both cycles. */
  stories: number;
  /** Median days from the `from` entry to the `to` entry; null when no story has both. */
  medianDays: number | null;
};

// ---------------------------------------------------------------------------------------------
// Trends

export type TrendUnit = "week" | "month";

export type TrendBucket = {
  /** Inclusive start, midnight UTC (a Monday, or the first of a month). */
  start: Date;
  /** Exclusive end: the next bucket's start. */
  end: Date;
  /** "2026-11-16" for a week (its Monday), "2026-11" for a month. */
  key: string;
  /** "Week of 16 Nov 2026", "Nov 2026". */
  label: string;
  /** A count for every key (zeros included). */
  counts: Record<string, number>;
  total: number;
};

function monthStartOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function nextStart(start: Date, unit: TrendUnit): Date {
  return unit === "week" ? new Date(start.getTime() + 7 * DAY_MS) : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

function bucketKey(start: Date, unit: TrendUnit): string {
  const iso = start.toISOString();
  return unit === "week" ? iso.slice(0, 10) : iso.slice(0, 7);
}

/**
 * Counts per key in consecutive weeks (Monday to Sunday, UTC) or calendar months (UTC), from
 * the first point's bucket to the last point's, empty buckets included. `keys` fixes the order
 * of the keys and makes sure they appear even with no points; keys found only in the data
 * follow, sorted.
 */
export function trendBuckets(points: readonly { at: Date; key: string }[], unit: TrendUnit, keys: readonly string[] = []): TrendBucket[] {
  const valid = points.filter((p) => Number.isFinite(p.at.getTime()));
  if (valid.length === 0) return [];
  const startOf = unit === "week" ? weekStartOf : monthStartOf;
  const allKeys = [...keys, ...[...new Set(valid.map((p) => p.key))].filter((k) => !keys.includes(k)).sort()];

  let min = Infinity;
  let max = -Infinity;
  for (const p of valid) {
    min = Math.min(min, p.at.getTime());
    max = Math.max(max, p.at.getTime());
  }
  const buckets: TrendBucket[] = [];
  const index = new Map<string, TrendBucket>();
  const last = startOf(new Date(max)).getTime();
  for (let s = startOf(new Date(min)); s.getTime() <= last; s = nextStart(s, unit)) {
    const counts: Record<string, number> = {};
    for (const k of allKeys) counts[k] = 0;
    const key = bucketKey(s, unit);
    const label = unit === "week" ? weekLabel(s) : formatMonth(s);
    const bucket = { start: s, end: nextStart(s, unit), key, label, counts, total: 0 };
    buckets.push(bucket);
    index.set(key, bucket);
  }
  for (const p of valid) {
    const bucket = index.get(bucketKey(startOf(p.at), unit))!;
    bucket.counts[p.key] = (bucket.counts[p.key] ?? 0) + 1;
    bucket.total++;
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------------
// Network (summed in SQL over the rollups: lib/db/reports/network.ts)

/** Who helped with the stories of a report: contributions, distinct people and platforms, ties. */
export type NetworkFigures = {
  contributions: number;
  inside: number;
  outside: number;
  distinctInternalPeople: number;
  distinctExternalNames: number;
  distinctPlatforms: number;
  strong: number;
  weak: number;
  /** Internal contributions where the contributor's team differs from the author's team (both set). */
  crossTeam: number;
  storiesWithContributors: number;
};

// ---------------------------------------------------------------------------------------------
// Participation

export type ParticipationBucket = {
  label: string;
  /** Inclusive bounds on stories logged; max null means "or more". */
  min: number;
  max: number | null;
  people: number;
};

export const PARTICIPATION_BUCKETS: readonly { label: string; min: number; max: number | null }[] = [
  { label: "0", min: 0, max: 0 },
  { label: "1", min: 1, max: 1 },
  { label: "2–3", min: 2, max: 3 },
  { label: "4–7", min: 4, max: 7 },
  { label: "8+", min: 8, max: null },
];

/**
 * How many people logged how many stories: a histogram, never a ranking. The input is one
 * count per person, with no names; negative or non-numeric counts are ignored, fractions are
 * rounded down.
 */
export function participationDistribution(perPerson: readonly number[]): { buckets: ParticipationBucket[]; people: number; summary: string } {
  const buckets = PARTICIPATION_BUCKETS.map((b) => ({ ...b, people: 0 }));
  let people = 0;
  for (const raw of perPerson) {
    if (!Number.isFinite(raw) || raw < 0) continue;
    const n = Math.floor(raw);
    const bucket = buckets.find((b) => n >= b.min && (b.max === null || n <= b.max))!;
    bucket.people++;
    people++;
  }
  const parts = buckets.map((b) => `${b.people} logged ${b.label === "1" ? "1 story" : `${b.label} stories`}`);
  const summary = `${plural(people, "person", "people", String)}: ${parts.join(", ")}.`;
  return { buckets, people, summary };
}
