import { describe, expect, it } from "vitest";
import {
  anonymousCountsText,
  applicableReportFilters,
  describeReportFilters,
  exportKindsFor,
  percentages,
  periodChoices,
  reportHeading,
  withoutFilter,
} from "@/lib/domain/report-view";
import { formatDays } from "@/lib/domain/format";
import { reportPeriod } from "@/lib/domain/report-filters";
import type { Role } from "@/lib/domain/roles";
import { parseReportDrill, reportDrillParams } from "@/lib/validation/report-drilldown";

describe("exportKindsFor", () => {
  it.each<[Role, string[]]>([
    ["EMPLOYEE", []],
    ["MANAGER", ["csv", "xlsx", "pdf", "xapi"]],
    ["LND", ["csv", "xlsx", "pdf", "xapi"]],
    ["ADMIN", ["csv", "xlsx", "pdf", "json", "xapi"]],
  ])("%s", (role, kinds) => {
    expect(exportKindsFor(role)).toEqual(kinds);
  });
});

describe("reportHeading", () => {
  it.each<[Role, string, RegExp]>([
    ["EMPLOYEE", "Your reports", /your own/],
    ["MANAGER", "Reports", /report to you/],
    ["LND", "Reports", /All of Northwind, broken down by team/],
    ["ADMIN", "Reports", /All of Northwind/],
  ])("%s", (role, title, scope) => {
    const h = reportHeading(role, "Northwind");
    expect(h.title).toBe(title);
    expect(h.scope).toMatch(scope);
  });
});

describe("applicableReportFilters", () => {
  const known = { teams: ["t1"], channels: ["social"], tags: ["ai"] };
  it.each([
    [
      "keeps known values",
      { teamId: "t1", channel: "social", tag: "ai", cycle: "APPLIED" as const, ...reportPeriod("2025-01-01"), unit: "week" as const },
      { teamId: "t1", channel: "social", tag: "ai", cycle: "APPLIED", ...reportPeriod("2025-01-01"), unit: "week" },
    ],
    ["drops a team the actor may not choose", { teamId: "t2", channel: "social" }, { channel: "social" }],
    ["drops an unknown channel and tag", { channel: "fax", tag: "nope" }, {}],
  ])("%s", (_label, input, expected) => {
    expect(applicableReportFilters(input, known)).toEqual(expected);
  });
});

describe("describeReportFilters", () => {
  const labels = { teams: new Map([["t1", "Support EMEA"]]), channels: new Map([["social", "Social platform"]]) };
  it.each([
    ["nothing", {}, []],
    ["a full period", reportPeriod("2025-01-01", "2025-03-31"), ["Period: 1 Jan 2025 – 31 Mar 2025"]],
    ["an open period", reportPeriod("2025-01-01"), ["Period: from 1 Jan 2025"]],
    ["an open start", reportPeriod(undefined, "2025-03-31"), ["Period: until 31 Mar 2025"]],
    [
      "every filter, the unit left out",
      { teamId: "t1", channel: "social", tag: "ai", cycle: "REALIZED" as const, unit: "week" as const },
      ["Team: Support EMEA", "Channel: Social platform", "Tag: ai", "Reached: Realized value"],
    ],
  ])("%s", (_label, filters, expected) => {
    expect(describeReportFilters(filters, labels).map((f) => `${f.label}: ${f.value}`)).toEqual(expected);
  });

  it("says when the period is the page's default", () => {
    expect(describeReportFilters(reportPeriod("2026-08-25", "2026-11-22"), labels, { days: 90 }).map((f) => f.value)).toEqual([
      "last 90 days (25 Aug 2026 – 22 Nov 2026)",
    ]);
    expect(describeReportFilters({ period: "all" }, labels, null)).toEqual([]);
  });

  it("removes one filter; without the period is all time", () => {
    expect(withoutFilter({ ...reportPeriod("2025-01-01", "2025-02-01"), tag: "ai" }, "period")).toEqual({ tag: "ai", period: "all" });
    expect(withoutFilter({ teamId: "t1", tag: "ai" }, "team")).toEqual({ tag: "ai" });
    expect(withoutFilter({ channel: "social", tag: "ai" }, "tag")).toEqual({ channel: "social" });
  });
});

describe("anonymousCountsText", () => {
  it.each([
    [{ privateCount: 0, hiddenCount: 0 }, []],
    [{ privateCount: 12, hiddenCount: 0 }, ["12 private stories are counted here but not shown."]],
    [{ privateCount: 1, hiddenCount: 1 }, ["1 private story is counted here but not shown.", "1 other story is not shared with you: counted here, not shown."]],
  ])("%j", (totals, expected) => {
    expect(anonymousCountsText(totals)).toEqual(expected);
  });
});

describe("formatDays", () => {
  it.each<[number | null, string]>([
    [null, "—"],
    [0, "same day"],
    [0.4, "under a day"],
    [1, "1 day"],
    [3.25, "3.5 days"],
    [12.6, "13 days"],
  ])("%s", (days, text) => {
    expect(formatDays(days)).toBe(text);
  });
});

describe("percentages", () => {
  it.each<[number[], number[]]>([
    [[], []],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [1, 1, 1],
      [34, 33, 33],
    ],
    [
      [2, 1],
      [67, 33],
    ],
    [
      [5, 0, -1],
      [100, 0, 0],
    ],
  ])("%j", (values, expected) => {
    const out = percentages(values);
    expect(out).toEqual(expected);
    if (values.some((v) => v > 0)) expect(out.reduce((s, v) => s + v, 0)).toBe(100);
  });
});

describe("parseReportDrill", () => {
  it.each([
    ["nothing", {}, { drill: {}, page: 1 }],
    ["a matrix cell", { at: "applied", indicator: "tools-used" }, { drill: { at: "APPLIED", indicator: "tools-used" }, page: 1 }],
    ["stopped early, page 3", { stalled: "1", page: "3" }, { drill: { stalled: true }, page: 3 }],
    ["nonsense is dropped", { at: "later", stalled: "yes", page: "-2", indicator: "" }, { drill: {}, page: 1 }],
    ["first of repeated values", { at: ["realized", "applied"] }, { drill: { at: "REALIZED" }, page: 1 }],
  ])("%s", (_label, input, expected) => {
    expect(parseReportDrill(input)).toEqual(expected);
  });

  it("round-trips through the address", () => {
    const params = reportDrillParams({ at: "APPLIED", indicator: "tools-used", stalled: true }, 2);
    expect(params).toEqual({ at: "applied", indicator: "tools-used", stalled: "1", page: "2" });
    expect(parseReportDrill(new URLSearchParams(params))).toEqual({ drill: { at: "APPLIED", indicator: "tools-used", stalled: true }, page: 2 });
    expect(reportDrillParams({}, 1)).toEqual({});
  });
});

describe("periodChoices", () => {
  const href = (f: object) => JSON.stringify(f);
  it.each([
    ["the default period showing", { ...reportPeriod("2026-08-25", "2026-11-22"), tag: "ai" }, 90, "default"],
    ["all time showing", { period: "all" as const, tag: "ai" }, null, "all"],
    ["dates chosen", { ...reportPeriod("2026-01-01"), tag: "ai" }, null, "chosen"],
  ])("%s", (_label, filters, defaultDays, showing) => {
    const out = periodChoices(filters, defaultDays, href);
    expect(out.showing).toBe(showing);
    expect(out.defaultLabel).toBe("Last 90 days");
    expect(JSON.parse(out.defaultHref)).toEqual({ tag: "ai" });
    expect(JSON.parse(out.allHref)).toEqual({ tag: "ai", period: "all" });
  });
});
