// Report shaping: turns the rows that the report queries return (SQL GROUP BY results) into
// what the reports page, its charts and its exports show. Pure: no I/O, no Prisma, no Next.
//
// The real reports compute their rollups in SQL; the functions here only shape small, already
// aggregated inputs. `progression` is also written as a reference implementation over per-story
// data, so the SQL version has something to be compared against in tests.
import { CYCLE_INFO, CYCLES, cycleIndex, type Cycle } from "./framework";
import { DAY_MS, weekLabel, weekStartOf } from "./week";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

function zeroByCycle(): Record<Cycle, number> {
  return { IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Median

/** The median of a list of numbers (mean of the middle two for an even count), or null when empty. */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
   * indicators counts twice. Distinct story counts per cycle come from `progression`.
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
  const summary = [`Value-creation matrix: ${plural(grandTotal, "indicator mention", "indicator mentions")} across the five cycles.`, ...sentences].join(" ");

  return { columns: CYCLES, groups, rows: flat, totals, grandTotal, summary };
}

// ---------------------------------------------------------------------------------------------
// Progression

export type ProgressionStory = { storyId: string; cycles: readonly { cycle: Cycle; recordedAt: Date }[] };

export type Transition = {
  from: Cycle;
  to: Cycle;
  /** How many stories have entries in both cycles. */
  stories: number;
  /** Median days from the `from` entry to the `to` entry; null when no story has both. */
  medianDays: number | null;
};

export type Progression = {
  /** Stories with at least one entry. */
  stories: number;
  /** Stories with an entry in each cycle. */
  reached: Record<Cycle, number>;
  /** IMMEDIATE→POTENTIAL, POTENTIAL→APPLIED, APPLIED→REALIZED, REALIZED→REFRAMING. */
  transitions: Transition[];
  /**
   * Stories that stopped early and may deserve a follow-up: furthest cycle before REALIZED and
   * the last entry more than `stalledAfterDays` days before `now`. Oldest last entry first.
   */
  stoppedEarly: string[];
};

/**
 * How stories move through the cycles. A story reaches a cycle when it has an entry there
 * (cycles may be skipped). Time between cycles is measured between the two entries' recordedAt
 * and only for stories with both; an entry recorded before the previous cycle's entry counts
 * as zero days, never as negative time. Duplicate entries for one cycle: the earliest counts.
 */
export function progression(
  stories: readonly ProgressionStory[],
  opts: { now: Date; stalledAfterDays: number },
): Progression {
  const reached = zeroByCycle();
  const gaps: number[][] = CYCLES.slice(1).map(() => []);
  const stopped: { id: string; last: number }[] = [];
  const cutoff = opts.now.getTime() - opts.stalledAfterDays * DAY_MS;
  let withEntries = 0;

  for (const story of stories) {
    const at = new Map<Cycle, number>();
    let last = -Infinity;
    for (const e of story.cycles) {
      const t = e.recordedAt.getTime();
      const prev = at.get(e.cycle);
      if (prev === undefined || t < prev) at.set(e.cycle, t);
      last = Math.max(last, t);
    }
    if (at.size === 0) continue;
    withEntries++;
    let furthest = -1;
    for (const c of at.keys()) {
      reached[c]++;
      furthest = Math.max(furthest, cycleIndex(c));
    }
    for (let i = 1; i < CYCLES.length; i++) {
      const a = at.get(CYCLES[i - 1]!);
      const b = at.get(CYCLES[i]!);
      if (a !== undefined && b !== undefined) gaps[i - 1]!.push(Math.max(0, b - a) / DAY_MS);
    }
    if (furthest < cycleIndex("REALIZED") && last < cutoff) stopped.push({ id: story.storyId, last });
  }

  const transitions = gaps.map((g, i) => ({ from: CYCLES[i]!, to: CYCLES[i + 1]!, stories: g.length, medianDays: median(g) }));
  stopped.sort((a, b) => a.last - b.last || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { stories: withEntries, reached, transitions, stoppedEarly: stopped.map((s) => s.id) };
}

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
    const label = unit === "week" ? weekLabel(s) : `${MONTHS[s.getUTCMonth()]} ${s.getUTCFullYear()}`;
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
  const summary = `${plural(people, "person", "people")}: ${parts.join(", ")}.`;
  return { buckets, people, summary };
}

// ---------------------------------------------------------------------------------------------
// Realized value

export type FigureRow = { unit: string; value: number; confirmed: boolean };

export type UnitTotal = {
  /** The normalised unit: trimmed, lower-case, inner spaces collapsed; minutes saved shown as "hours saved". */
  unit: string;
  confirmed: number;
  selfReported: number;
  /** How many figures went into each sum. */
  confirmedCount: number;
  selfReportedCount: number;
};

const MINUTES_SAVED = new Set(["minutes saved", "minute saved", "mins saved", "min saved"]);
const HOURS_SAVED = new Set(["hours saved", "hour saved", "hrs saved", "hr saved"]);

/** The unit a figure is reported under, and what its value is divided by to get there. */
export function normalizeUnit(unit: string): { unit: string; divisor: number } {
  const u = unit.trim().toLowerCase().replace(/\s+/g, " ");
  if (MINUTES_SAVED.has(u)) return { unit: "hours saved", divisor: 60 };
  if (HOURS_SAVED.has(u)) return { unit: "hours saved", divisor: 1 };
  return { unit: u === "" ? "no unit" : u, divisor: 1 };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Figures summed by unit, confirmed and self-reported kept apart (never added together here).
 * Minutes are summed as minutes and converted once, so 10 + 20 minutes give exactly 0.5 hours.
 * Sums are rounded to 2 decimals, as figures are stored. Largest total first, then by unit.
 */
export function realizedValueTotals(rows: readonly FigureRow[]): UnitTotal[] {
  // Per unit, per divisor: raw sums, converted once at the end.
  const acc = new Map<string, { parts: Map<number, { confirmed: number; self: number }>; confirmedCount: number; selfReportedCount: number }>();
  for (const row of rows) {
    if (!Number.isFinite(row.value)) continue;
    const { unit, divisor } = normalizeUnit(row.unit);
    const entry = acc.get(unit) ?? { parts: new Map(), confirmedCount: 0, selfReportedCount: 0 };
    const part = entry.parts.get(divisor) ?? { confirmed: 0, self: 0 };
    if (row.confirmed) {
      part.confirmed += row.value;
      entry.confirmedCount++;
    } else {
      part.self += row.value;
      entry.selfReportedCount++;
    }
    entry.parts.set(divisor, part);
    acc.set(unit, entry);
  }
  const out: UnitTotal[] = [];
  for (const [unit, entry] of acc) {
    let confirmed = 0;
    let selfReported = 0;
    for (const [divisor, part] of entry.parts) {
      confirmed += part.confirmed / divisor;
      selfReported += part.self / divisor;
    }
    out.push({
      unit,
      confirmed: round2(confirmed),
      selfReported: round2(selfReported),
      confirmedCount: entry.confirmedCount,
      selfReportedCount: entry.selfReportedCount,
    });
  }
  return out.sort((a, b) => b.confirmed + b.selfReported - (a.confirmed + a.selfReported) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}
