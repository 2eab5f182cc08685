import { describe, expect, it } from "vitest";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { PARTICIPATION_BUCKETS, participationDistribution, trendBuckets, valueCreationMatrix, type MatrixIndicator } from "@/lib/domain/reports";

const d = (iso: string) => new Date(iso);

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
