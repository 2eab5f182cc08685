import { describe, expect, it } from "vitest";
import { exportFiltersOf, parseReportFilters, reportQueryFilters, reportQueryString, withDefaultPeriod } from "@/lib/validation/report-filters";

const TEAM = "3f2b8a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

describe("report filters in the address", () => {
  it.each([
    [{}, {}],
    [{ from: "2026-01-01", to: "2026-03-31" }, { from: "2026-01-01", to: "2026-03-31" }],
    [{ from: "2026-03-31", to: "2026-01-01" }, { from: "2026-01-01", to: "2026-03-31" }],
    [{ from: "2026-02-30" }, {}],
    [{ team: TEAM.toUpperCase() }, { team: TEAM }],
    [{ team: "platform" }, {}],
    [{ cycle: "applied" }, { cycle: "APPLIED" }],
    [{ cycle: "later" }, {}],
    [{ unit: "Week" }, { unit: "week" }],
    [{ unit: "year" }, {}],
    [{ channel: "  slack ", tag: "" }, { channel: "slack" }],
    [{ tag: ["first", "second"] }, { tag: "first" }],
  ])("%j reads as %j", (input, expected) => {
    expect(parseReportFilters(input)).toEqual(expected);
  });

  it("reads URLSearchParams the same way", () => {
    expect(parseReportFilters(new URLSearchParams("cycle=realized&tag=a&tag=b&x=1"))).toEqual({ cycle: "REALIZED", tag: "a" });
  });

  it("turns the inclusive last day into an exclusive bound", () => {
    const q = reportQueryFilters({ from: "2026-01-01", to: "2026-01-31", team: TEAM, cycle: "APPLIED" });
    expect(q.from?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(q.to?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(q).toMatchObject({ teamId: TEAM, channel: null, tag: null, cycle: "APPLIED" });
  });

  it("writes the filters back in a stable order, and round-trips", () => {
    const p = { tag: "a b", cycle: "APPLIED" as const, from: "2026-01-01" };
    const qs = reportQueryString(p);
    expect(qs).toBe("?from=2026-01-01&tag=a+b&cycle=applied");
    expect(parseReportFilters(new URLSearchParams(qs))).toEqual(p);
    expect(reportQueryString({})).toBe("");
    expect(reportQueryString({}, { format: "csv" })).toBe("?format=csv");
  });

  it("names the team for exports", () => {
    expect(exportFiltersOf({ team: TEAM, tag: "x" }, "Platform")).toEqual({ from: undefined, to: undefined, team: "Platform", channel: undefined, tag: "x", cycle: undefined });
  });
});

describe("the default period", () => {
  const today = new Date("2026-11-22T15:00:00Z");
  it("is the last 90 days, today included", () => {
    expect(withDefaultPeriod({ cycle: "APPLIED" }, today)).toEqual({ cycle: "APPLIED", from: "2026-08-25", to: "2026-11-22" });
  });
  it("gives way to dates in the address, or to all time", () => {
    expect(withDefaultPeriod({ from: "2026-01-01" }, today)).toEqual({ from: "2026-01-01" });
    expect(withDefaultPeriod(parseReportFilters({ period: "all" }), today)).toEqual({ period: "all" });
    expect(parseReportFilters({ period: "ALL", from: "2026-01-01" })).toEqual({ from: "2026-01-01" });
    expect(parseReportFilters({ period: "forever" })).toEqual({});
  });
});
