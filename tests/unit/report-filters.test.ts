import { describe, expect, it } from "vitest";
import { exportFileName, filtersHeader } from "@/lib/domain/exports";
import { reportDays, reportPeriod, reportQueryString, withDefaultPeriod } from "@/lib/domain/report-filters";
import { parseReportFilters } from "@/lib/validation/report-filters";

const TEAM = "3f2b8a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
/** The first instant of a day (UTC). */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("report filters in the address", () => {
  it.each([
    [{}, {}],
    [
      { from: "2026-01-01", to: "2026-03-31" },
      { from: day("2026-01-01"), to: day("2026-04-01") },
    ],
    [
      { from: "2026-03-31", to: "2026-01-01" },
      { from: day("2026-01-01"), to: day("2026-04-01") },
    ],
    [{ from: "2026-02-30" }, {}],
    [{ team: TEAM.toUpperCase() }, { teamId: TEAM }],
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
    const q = parseReportFilters({ from: "2026-01-01", to: "2026-01-31", team: TEAM, cycle: "applied" });
    expect(q.from?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(q.to?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(q).toMatchObject({ teamId: TEAM, cycle: "APPLIED" });
    expect([q.channel ?? null, q.tag ?? null]).toEqual([null, null]);
    expect(reportDays(q)).toEqual({ from: "2026-01-01", to: "2026-01-31" });
  });

  it("writes the filters back in a stable order, and round-trips", () => {
    const p = { tag: "a b", cycle: "APPLIED" as const, ...reportPeriod("2026-01-01") };
    const qs = reportQueryString(p);
    expect(qs).toBe("?from=2026-01-01&tag=a+b&cycle=applied");
    expect(parseReportFilters(new URLSearchParams(qs))).toEqual(p);
    expect(reportQueryString({})).toBe("");
    expect(reportQueryString({}, { format: "csv" })).toBe("?format=csv");
  });

  it("names the team for exports", () => {
    const filters = { teamId: TEAM, tag: "x" };
    expect(exportFileName("csv", "acme", filters, { team: "Platform" })).toBe("ripple-acme-team-platform-tag-x.csv");
    expect(filtersHeader(filters, { team: "Platform" })).toBe("All time · team Platform · tag “x”");
  });
});

describe("the default period", () => {
  const today = new Date("2026-11-22T15:00:00Z");
  it("is the last 90 days, today included", () => {
    expect(withDefaultPeriod({ cycle: "APPLIED" }, today)).toEqual({ cycle: "APPLIED", from: day("2026-08-25"), to: day("2026-11-23") });
    expect(reportDays(withDefaultPeriod({}, today))).toEqual({ from: "2026-08-25", to: "2026-11-22" });
  });
  it("gives way to dates in the address, or to all time", () => {
    expect(withDefaultPeriod({ from: day("2026-01-01") }, today)).toEqual({ from: day("2026-01-01") });
    expect(withDefaultPeriod(parseReportFilters({ period: "all" }), today)).toEqual({ period: "all" });
    expect(parseReportFilters({ period: "ALL", from: "2026-01-01" })).toEqual({ from: day("2026-01-01") });
    expect(parseReportFilters({ period: "forever" })).toEqual({});
  });
});
