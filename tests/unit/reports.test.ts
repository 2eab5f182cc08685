import { describe, expect, it } from "vitest";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import {
  PARTICIPATION_BUCKETS,
  median,
  normalizeUnit,
  participationDistribution,
  progression,
  realizedValueTotals,
  trendBuckets,
  valueCreationMatrix,
  type MatrixIndicator,
  type ProgressionStory,
} from "@/lib/domain/reports";

const d = (iso: string) => new Date(iso);
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)); // day(0) = 1 Jan 2026

describe("median", () => {
  it.each<[string, number[], number | null]>([
    ["empty", [], null],
    ["one value", [7], 7],
    ["odd count, unsorted", [9, 1, 5], 5],
    ["even count: mean of the middle two", [4, 1, 3, 2], 2.5],
    ["even count of two", [10, 20], 15],
    ["duplicates", [3, 3, 3, 8], 3],
    ["negative and fractional", [-1.5, 0.5, 2], 0.5],
    ["non-finite values are ignored", [Number.NaN, 4, Infinity, 6], 5],
  ])("%s", (_label, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("valueCreationMatrix", () => {
  const indicators: MatrixIndicator[] = [
    // Deliberately out of cycle order: rows are grouped by cycle, catalogue order within.
    { key: "tools-used", label: "Tools used", cycle: "APPLIED", retired: false },
    { key: "engagement", label: "Engagement", cycle: "IMMEDIATE", retired: false },
    { key: "networking", label: "Networking", cycle: "IMMEDIATE", retired: false },
    { key: "old-applied", label: "Old applied", cycle: "APPLIED", retired: true },
    { key: "old-unused", label: "Old unused", cycle: "REALIZED", retired: true },
    { key: "time-saved", label: "Time saved", cycle: "REALIZED", retired: false },
  ];
  const rows = [
    { cycle: "IMMEDIATE" as const, indicatorKey: "engagement", stories: 3 },
    { cycle: "IMMEDIATE" as const, indicatorKey: "networking", stories: 2 },
    { cycle: "APPLIED" as const, indicatorKey: "tools-used", stories: 4 },
    { cycle: "APPLIED" as const, indicatorKey: "old-applied", stories: 1 },
    { cycle: "REALIZED" as const, indicatorKey: "time-saved", stories: 2 },
    // An indicator used in another cycle's entry lands off the diagonal.
    { cycle: "REALIZED" as const, indicatorKey: "tools-used", stories: 1 },
    // The same cell twice (e.g. two partial queries) is added up.
    { cycle: "IMMEDIATE" as const, indicatorKey: "engagement", stories: 1 },
    // A key no longer in the catalogue.
    { cycle: "POTENTIAL" as const, indicatorKey: "zz-gone", stories: 2 },
    // Zero counts change nothing.
    { cycle: "POTENTIAL" as const, indicatorKey: "old-unused", stories: 0 },
  ];
  const m = valueCreationMatrix(rows, indicators);

  it("columns are the five cycles in order", () => {
    expect(m.columns).toEqual(CYCLES);
  });

  it("rows are grouped by cycle, catalogue order within a cycle; retired only if used; unknown keys last", () => {
    expect(m.rows.map((r) => r.key)).toEqual(["engagement", "networking", "tools-used", "old-applied", "time-saved", "zz-gone"]);
    expect(m.groups.map((g) => [g.cycle, g.rows.map((r) => r.key)])).toEqual([
      ["IMMEDIATE", ["engagement", "networking"]],
      ["APPLIED", ["tools-used", "old-applied"]],
      ["REALIZED", ["time-saved"]],
      [null, ["zz-gone"]],
    ]);
  });

  it.each<[string, Partial<Record<Cycle, number>>, number]>([
    ["engagement", { IMMEDIATE: 4 }, 4],
    ["networking", { IMMEDIATE: 2 }, 2],
    ["tools-used", { APPLIED: 4, REALIZED: 1 }, 5],
    ["old-applied", { APPLIED: 1 }, 1],
    ["time-saved", { REALIZED: 2 }, 2],
    ["zz-gone", { POTENTIAL: 2 }, 2],
  ])("cells of %s", (key, cells, total) => {
    const row = m.rows.find((r) => r.key === key)!;
    const expected = { IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0, ...cells };
    expect(row.cells).toEqual(expected);
    expect(row.total).toBe(total);
  });

  it("marks retired and unknown rows", () => {
    const byKey = Object.fromEntries(m.rows.map((r) => [r.key, r]));
    expect(byKey["old-applied"]).toMatchObject({ retired: true, known: true, cycle: "APPLIED" });
    expect(byKey["zz-gone"]).toMatchObject({ retired: false, known: false, cycle: null, label: "zz-gone" });
    expect(byKey.engagement).toMatchObject({ retired: false, known: true });
  });

  it("totals per cycle are the sums of the cells (indicator mentions)", () => {
    // IMMEDIATE 4+2, POTENTIAL 2 (unknown key), APPLIED 4+1, REALIZED 2+1, REFRAMING 0.
    expect(m.totals).toEqual({ IMMEDIATE: 6, POTENTIAL: 2, APPLIED: 5, REALIZED: 3, REFRAMING: 0 });
    expect(m.grandTotal).toBe(16);
  });

  it("a text summary says the same as the table", () => {
    expect(m.summary).toBe(
      "Value-creation matrix: 16 indicator mentions across the five cycles. " +
        "Immediate value: 6 (Engagement 4, Networking 2). " +
        "Potential value: 2 (zz-gone 2). " +
        "Applied value: 5 (Tools used 4, Old applied 1). " +
        "Realized value: 3 (Time saved 2, Tools used 1). " +
        "Reframing value: none.",
    );
  });

  it("active indicators show with zeros when nothing uses them; an empty report still has rows", () => {
    const empty = valueCreationMatrix([], indicators);
    expect(empty.rows.map((r) => r.key)).toEqual(["engagement", "networking", "tools-used", "time-saved"]);
    expect(empty.grandTotal).toBe(0);
    expect(empty.summary).toBe(
      "Value-creation matrix: 0 indicator mentions across the five cycles. Immediate value: none. Potential value: none. Applied value: none. Realized value: none. Reframing value: none.",
    );
  });

  it("one mention is singular", () => {
    expect(valueCreationMatrix([{ cycle: "IMMEDIATE", indicatorKey: "engagement", stories: 1 }], indicators).summary).toMatch(
      /^Value-creation matrix: 1 indicator mention across/,
    );
  });
});

describe("progression", () => {
  const now = day(100);
  const entries = (...list: [Cycle, number][]) => list.map(([cycle, n]) => ({ cycle, recordedAt: day(n) }));
  const stories: ProgressionStory[] = [
    // a: all five, 2 / 10 / 20 / 30 days apart.
    { storyId: "a", cycles: entries(["IMMEDIATE", 0], ["POTENTIAL", 2], ["APPLIED", 12], ["REALIZED", 32], ["REFRAMING", 62]) },
    // b: IMMEDIATE→POTENTIAL 4 days, then stopped long ago (last entry day 4: 96 days before now).
    { storyId: "b", cycles: entries(["IMMEDIATE", 0], ["POTENTIAL", 4]) },
    // c: skips POTENTIAL: reaches IMMEDIATE and APPLIED, no pair for either transition around POTENTIAL.
    { storyId: "c", cycles: entries(["IMMEDIATE", 10], ["APPLIED", 15]) },
    // d: recent IMMEDIATE only (last entry day 95, 5 days ago): not stopped.
    { storyId: "d", cycles: entries(["IMMEDIATE", 95]) },
    // e: IMMEDIATE and POTENTIAL, POTENTIAL recorded first: counts as 0 days. Last entry day 50.
    { storyId: "e", cycles: entries(["POTENTIAL", 49], ["IMMEDIATE", 50]) },
    // f: REALIZED only, long ago: reached REALIZED, so not "stopped early".
    { storyId: "f", cycles: entries(["REALIZED", 1]) },
    // g: no entries at all: not counted anywhere.
    { storyId: "g", cycles: [] },
    // h: APPLIED, last entry exactly 30 days before now: not older than 30 days.
    { storyId: "h", cycles: entries(["APPLIED", 70]) },
  ];
  const p = progression(stories, { now, stalledAfterDays: 30 });

  it("counts the stories that reach each cycle (an entry there)", () => {
    expect(p.stories).toBe(7);
    // IMMEDIATE: a b c d e; POTENTIAL: a b e; APPLIED: a c h; REALIZED: a f; REFRAMING: a.
    expect(p.reached).toEqual({ IMMEDIATE: 5, POTENTIAL: 3, APPLIED: 3, REALIZED: 2, REFRAMING: 1 });
  });

  it("medians of the days between consecutive cycles, only for stories with both", () => {
    expect(p.transitions).toEqual([
      // a 2, b 4, e 0 → median 2.
      { from: "IMMEDIATE", to: "POTENTIAL", stories: 3, medianDays: 2 },
      // a only: 10.
      { from: "POTENTIAL", to: "APPLIED", stories: 1, medianDays: 10 },
      // a only: 20 (c has APPLIED but no REALIZED; f has REALIZED but no APPLIED).
      { from: "APPLIED", to: "REALIZED", stories: 1, medianDays: 20 },
      { from: "REALIZED", to: "REFRAMING", stories: 1, medianDays: 30 },
    ]);
  });

  it("lists stories that stopped before REALIZED and went quiet, oldest first", () => {
    // b (last day 4), c (last day 15), e (last day 50). d is recent, h is exactly on the line, f reached REALIZED.
    expect(p.stoppedEarly).toEqual(["b", "c", "e"]);
  });

  it("the threshold is a parameter", () => {
    expect(progression(stories, { now, stalledAfterDays: 0 }).stoppedEarly).toEqual(["b", "c", "e", "h", "d"]);
    expect(progression(stories, { now, stalledAfterDays: 90 }).stoppedEarly).toEqual(["b"]);
  });

  it("even counts take the mean of the middle two; fractions of days are kept", () => {
    const two = progression(
      [
        { storyId: "x", cycles: [{ cycle: "IMMEDIATE", recordedAt: d("2026-01-01T00:00:00Z") }, { cycle: "POTENTIAL", recordedAt: d("2026-01-02T12:00:00Z") }] },
        { storyId: "y", cycles: [{ cycle: "IMMEDIATE", recordedAt: d("2026-01-01T00:00:00Z") }, { cycle: "POTENTIAL", recordedAt: d("2026-01-04T00:00:00Z") }] },
      ],
      { now, stalledAfterDays: 1000 },
    );
    // 1.5 and 3 days → 2.25.
    expect(two.transitions[0]).toEqual({ from: "IMMEDIATE", to: "POTENTIAL", stories: 2, medianDays: 2.25 });
    expect(two.transitions.slice(1).every((t) => t.stories === 0 && t.medianDays === null)).toBe(true);
  });

  it("an entry recorded before the previous cycle's counts as zero days, not negative time", () => {
    const out = progression(
      [
        // POTENTIAL recorded 6 days before IMMEDIATE: 0, not -6.
        { storyId: "x", cycles: entries(["POTENTIAL", 0], ["IMMEDIATE", 6]) },
        { storyId: "y", cycles: entries(["IMMEDIATE", 0], ["POTENTIAL", 4]) },
      ],
      { now, stalledAfterDays: 1000 },
    );
    // median(0, 4) = 2; with negative time it would be median(-6, 4) = -1.
    expect(out.transitions[0]).toEqual({ from: "IMMEDIATE", to: "POTENTIAL", stories: 2, medianDays: 2 });
  });

  it("two entries for the same cycle: the earliest counts, the story is counted once", () => {
    const out = progression(
      [{ storyId: "x", cycles: entries(["IMMEDIATE", 3], ["IMMEDIATE", 1], ["POTENTIAL", 11]) }],
      { now, stalledAfterDays: 1000 },
    );
    expect(out.reached.IMMEDIATE).toBe(1);
    expect(out.transitions[0]!.medianDays).toBe(10);
  });

  it("nothing in, nothing out", () => {
    expect(progression([], { now, stalledAfterDays: 30 })).toEqual({
      stories: 0,
      reached: { IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 },
      transitions: [
        { from: "IMMEDIATE", to: "POTENTIAL", stories: 0, medianDays: null },
        { from: "POTENTIAL", to: "APPLIED", stories: 0, medianDays: null },
        { from: "APPLIED", to: "REALIZED", stories: 0, medianDays: null },
        { from: "REALIZED", to: "REFRAMING", stories: 0, medianDays: null },
      ],
      stoppedEarly: [],
    });
  });
});

describe("trendBuckets", () => {
  it("weeks start on Monday (UTC), with empty weeks between the first and the last", () => {
    const buckets = trendBuckets(
      [
        { at: d("2026-11-18T10:00:00Z"), key: "APPLIED" }, // Wed, week of 16 Nov
        { at: d("2026-11-22T23:59:59Z"), key: "IMMEDIATE" }, // Sun, still week of 16 Nov
        { at: d("2026-11-16T00:00:00Z"), key: "IMMEDIATE" }, // Mon midnight, week of 16 Nov
        { at: d("2026-12-01T08:00:00Z"), key: "APPLIED" }, // Tue, week of 30 Nov
      ],
      "week",
    );
    expect(buckets.map((b) => [b.key, b.label, b.counts, b.total])).toEqual([
      ["2026-11-16", "Week of 16 Nov 2026", { APPLIED: 1, IMMEDIATE: 2 }, 3],
      ["2026-11-23", "Week of 23 Nov 2026", { APPLIED: 0, IMMEDIATE: 0 }, 0],
      ["2026-11-30", "Week of 30 Nov 2026", { APPLIED: 1, IMMEDIATE: 0 }, 1],
    ]);
    expect(buckets[0]!.start.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(buckets[0]!.end.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("a week across the new year", () => {
    const buckets = trendBuckets([{ at: d("2026-01-01T08:00:00Z"), key: "k" }], "week");
    expect(buckets.map((b) => b.key)).toEqual(["2025-12-29"]);
  });

  it("calendar months in UTC, empty months included, across a year end", () => {
    const buckets = trendBuckets(
      [
        { at: d("2025-11-30T23:30:00Z"), key: "chat" },
        { at: d("2026-02-01T00:00:00Z"), key: "course" },
        { at: d("2026-02-28T12:00:00Z"), key: "chat" },
        // 23:30 on 31 Jan in UTC-5 is already 1 Feb in UTC.
        { at: d("2026-01-31T23:30:00-05:00"), key: "chat" },
      ],
      "month",
    );
    expect(buckets.map((b) => [b.key, b.label, b.counts, b.total])).toEqual([
      ["2025-11", "Nov 2025", { chat: 1, course: 0 }, 1],
      ["2025-12", "Dec 2025", { chat: 0, course: 0 }, 0],
      ["2026-01", "Jan 2026", { chat: 0, course: 0 }, 0],
      ["2026-02", "Feb 2026", { chat: 2, course: 1 }, 3],
    ]);
    expect(buckets[3]!.end.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("given keys come first, in the given order, even without points; others follow sorted", () => {
    const buckets = trendBuckets(
      [
        { at: d("2026-03-05T00:00:00Z"), key: "zeta" },
        { at: d("2026-03-06T00:00:00Z"), key: "APPLIED" },
        { at: d("2026-03-07T00:00:00Z"), key: "alpha" },
      ],
      "month",
      CYCLES,
    );
    expect(Object.keys(buckets[0]!.counts)).toEqual([...CYCLES, "alpha", "zeta"]);
    expect(buckets[0]!.counts).toMatchObject({ IMMEDIATE: 0, APPLIED: 1, alpha: 1, zeta: 1 });
  });

  it("no points, no buckets", () => {
    expect(trendBuckets([], "week")).toEqual([]);
    expect(trendBuckets([], "month", ["a"])).toEqual([]);
  });
});

describe("participationDistribution", () => {
  it("has the five buckets 0, 1, 2–3, 4–7, 8+", () => {
    expect(PARTICIPATION_BUCKETS.map((b) => [b.label, b.min, b.max])).toEqual([
      ["0", 0, 0],
      ["1", 1, 1],
      ["2–3", 2, 3],
      ["4–7", 4, 7],
      ["8+", 8, null],
    ]);
  });

  it.each<[string, number[], [number, number, number, number, number]]>([
    ["nobody", [], [0, 0, 0, 0, 0]],
    ["every boundary", [0, 1, 2, 3, 4, 7, 8, 100], [1, 1, 2, 2, 2]],
    ["all zero", [0, 0, 0], [3, 0, 0, 0, 0]],
    ["negative and non-numeric ignored, fractions rounded down", [-1, Number.NaN, 1.9, 3.99, 7.5], [0, 1, 1, 1, 0]],
  ])("%s", (_label, perPerson, expected) => {
    const dist = participationDistribution(perPerson);
    expect(dist.buckets.map((b) => b.people)).toEqual(expected);
    expect(dist.people).toBe(expected.reduce((a, b) => a + b, 0));
  });

  it("describes itself as counts of people, never names", () => {
    expect(participationDistribution([0, 1, 1, 5, 9]).summary).toBe(
      "5 people: 1 logged 0 stories, 2 logged 1 story, 0 logged 2–3 stories, 1 logged 4–7 stories, 1 logged 8+ stories.",
    );
    expect(participationDistribution([2]).summary).toMatch(/^1 person: /);
  });
});

describe("realizedValueTotals", () => {
  it.each<[string, string, number]>([
    ["Hours saved", "hours saved", 1],
    ["  hours   SAVED ", "hours saved", 1],
    ["hour saved", "hours saved", 1],
    ["Minutes saved", "hours saved", 60],
    ["mins saved", "hours saved", 60],
    ["EUR", "eur", 1],
    ["Customers reached", "customers reached", 1],
    ["   ", "no unit", 1],
  ])("normalizeUnit(%j) → %s ÷ %d", (input, unit, divisor) => {
    expect(normalizeUnit(input)).toEqual({ unit, divisor });
  });

  it("sums per unit, confirmed and self-reported apart, minutes reported as hours", () => {
    const totals = realizedValueTotals([
      { unit: "hours saved", value: 2, confirmed: true },
      { unit: "Hours saved ", value: 1.5, confirmed: false },
      { unit: "minutes saved", value: 90, confirmed: true }, // 1.5 h
      { unit: "Minutes Saved", value: 10, confirmed: false }, // together with the next: 30 min = 0.5 h
      { unit: "minutes saved", value: 20, confirmed: false },
      { unit: "EUR", value: 500, confirmed: true },
      { unit: "eur", value: 250, confirmed: true },
      { unit: "customers", value: 3, confirmed: false },
      { unit: "customers", value: Number.NaN, confirmed: true }, // ignored
    ]);
    expect(totals).toEqual([
      // Largest total first: eur 750, hours 5.5, customers 3.
      { unit: "eur", confirmed: 750, selfReported: 0, confirmedCount: 2, selfReportedCount: 0 },
      { unit: "hours saved", confirmed: 3.5, selfReported: 2, confirmedCount: 2, selfReportedCount: 3 },
      { unit: "customers", confirmed: 0, selfReported: 3, confirmedCount: 0, selfReportedCount: 1 },
    ]);
  });

  it("rounds sums to cents, as figures are stored", () => {
    // 10 minutes = 0.1666… hours.
    expect(realizedValueTotals([{ unit: "minutes saved", value: 10, confirmed: true }])[0]!.confirmed).toBe(0.17);
    // 0.1 + 0.2 is not 0.3 in floating point; the sum is.
    expect(realizedValueTotals([{ unit: "eur", value: 0.1, confirmed: false }, { unit: "eur", value: 0.2, confirmed: false }])[0]!.selfReported).toBe(0.3);
  });

  it("equal totals are ordered by unit; nothing in, nothing out", () => {
    expect(realizedValueTotals([{ unit: "b", value: 1, confirmed: true }, { unit: "a", value: 1, confirmed: false }]).map((t) => t.unit)).toEqual(["a", "b"]);
    expect(realizedValueTotals([])).toEqual([]);
  });
});
