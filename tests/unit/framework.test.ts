import { describe, expect, it } from "vitest";
import { CAPITAL_KINDS, CHANNEL_SEED, CYCLE_INFO, CYCLES, INDICATOR_SEED, cycleIndex, furthestCycle, valueChain, type Cycle } from "@/lib/domain/framework";

describe("cycleIndex", () => {
  it.each([
    ["IMMEDIATE", 0],
    ["POTENTIAL", 1],
    ["APPLIED", 2],
    ["REALIZED", 3],
    ["REFRAMING", 4],
  ] as const)("%s is at position %i", (cycle, index) => {
    expect(cycleIndex(cycle)).toBe(index);
  });

  it("agrees with the 1-based number shown to people", () => {
    for (const cycle of CYCLES) expect(cycleIndex(cycle)).toBe(CYCLE_INFO[cycle].number - 1);
  });
});

describe("furthestCycle", () => {
  it.each<[string, Cycle[], Cycle | null]>([
    ["no entries", [], null],
    ["a single entry", ["POTENTIAL"], "POTENTIAL"],
    ["entries in order", ["IMMEDIATE", "POTENTIAL", "APPLIED"], "APPLIED"],
    ["entries out of order", ["REALIZED", "IMMEDIATE", "APPLIED"], "REALIZED"],
    ["the furthest listed first", ["REFRAMING", "IMMEDIATE"], "REFRAMING"],
    ["a story started later than immediate", ["APPLIED"], "APPLIED"],
    ["duplicates", ["POTENTIAL", "POTENTIAL", "IMMEDIATE", "IMMEDIATE"], "POTENTIAL"],
    ["all five, reversed", [...CYCLES].reverse(), "REFRAMING"],
  ])("%s", (_label, cycles, expected) => {
    expect(furthestCycle(cycles)).toBe(expected);
  });

  it("accepts any iterable, such as a Set or a generator", () => {
    expect(furthestCycle(new Set<Cycle>(["APPLIED", "IMMEDIATE"]))).toBe("APPLIED");
    function* gen(): Generator<Cycle> {
      yield "REALIZED";
      yield "POTENTIAL";
    }
    expect(furthestCycle(gen())).toBe("REALIZED");
    expect(furthestCycle(new Set<Cycle>())).toBeNull();
  });
});

describe("valueChain", () => {
  const reached = (cycles: Cycle[]) => valueChain(cycles).map((c) => c.reached);

  it("always lists the five cycles in framework order", () => {
    expect(valueChain(["REFRAMING", "IMMEDIATE"]).map((c) => c.cycle)).toEqual(["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"]);
  });

  it.each<[string, Cycle[], boolean[]]>([
    ["nothing reached", [], [false, false, false, false, false]],
    ["only immediate", ["IMMEDIATE"], [true, false, false, false, false]],
    ["gaps are not filled in", ["IMMEDIATE", "REALIZED"], [true, false, false, true, false]],
    ["starting in applied", ["APPLIED"], [false, false, true, false, false]],
    ["unordered with duplicates", ["REFRAMING", "POTENTIAL", "REFRAMING"], [false, true, false, false, true]],
    ["all five", [...CYCLES], [true, true, true, true, true]],
  ])("%s", (_label, cycles, expected) => {
    expect(reached(cycles)).toEqual(expected);
  });
});

describe("INDICATOR_SEED", () => {
  it("has unique keys", () => {
    const keys = INDICATOR_SEED.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("has non-empty keys and labels, and only known cycles", () => {
    for (const ind of INDICATOR_SEED) {
      expect(ind.key).toMatch(/^[a-z0-9-]+$/);
      expect(ind.label.trim()).not.toBe("");
      expect(CYCLES).toContain(ind.cycle);
    }
  });

  it.each(CYCLES)("has at least one indicator for %s", (cycle) => {
    expect(INDICATOR_SEED.filter((i) => i.cycle === cycle).length).toBeGreaterThanOrEqual(1);
  });

  it("has one potential-value indicator per kind of knowledge capital, exactly once", () => {
    const kinds = INDICATOR_SEED.filter((i) => i.cycle === "POTENTIAL").map((i) => i.capitalKind);
    expect(kinds.every((k) => k !== undefined)).toBe(true);
    expect([...kinds].sort()).toEqual([...CAPITAL_KINDS].sort());
  });

  it("gives a capital kind only to potential-value indicators", () => {
    const misplaced = INDICATOR_SEED.filter((i) => i.capitalKind !== undefined && i.cycle !== "POTENTIAL");
    expect(misplaced).toEqual([]);
  });
});

describe("CHANNEL_SEED", () => {
  it("has unique, non-empty keys and labels", () => {
    const keys = CHANNEL_SEED.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of CHANNEL_SEED) {
      expect(c.key).toMatch(/^[a-z0-9-]+$/);
      expect(c.label.trim()).not.toBe("");
    }
  });

  it("includes a catch-all 'other' channel", () => {
    expect(CHANNEL_SEED.map((c) => c.key)).toContain("other");
  });
});
