// Edge cases a mutation check (bugs planted by hand, one at a time) found untested: stories
// exactly on a report period's bounds, on the rollup path (lib/db/reports.ts) and on the list and
// export path (lib/db/report-stories.ts, lib/db/report-export.ts, the PDF's story choice); cycle
// entries recorded out of order; outside helpers whose names differ only in case or spacing.
// Every expected value is worked out by hand in the comments.
import { beforeAll, describe, expect, it } from "vitest";
import { bestSummaryStories } from "@/lib/db/leadership-summary";
import { countExportRows, exportStoryBatches } from "@/lib/db/report-export";
import { reportStories, reportTopStories } from "@/lib/db/report-stories";
import { reportMatrix, reportNetwork, reportProgression, reportRealizedValue, reportTrends, type ReportFilters } from "@/lib/db/reports";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { makeMember, makeOrganization, makeStory } from "../factories";

const titlesOf = (items: { title: string }[]) => items.map((s) => s.title).sort();

describe("a report period's bounds: from the first instant of `from` to the last instant of `to`, both included", () => {
  /*
   * The period 1 Mar 2025 – 31 Mar 2025 (the page's from=2025-03-01&to=2025-03-31) is
   * [2025-03-01T00:00:00.000Z, 2025-04-01T00:00:00.000Z). One story per instant below, each with
   * an IMMEDIATE entry and a realized figure that tells them apart:
   *
   *   B0 2025-02-28T23:59:59.999Z      1 EUR  out (a millisecond before)
   *   B1 2025-03-01T00:00:00.000Z     10 EUR  in  (the first instant)
   *   B2 2025-03-15T12:00:00.000Z    100 EUR  in
   *   B3 2025-03-31T23:59:59.999Z   1000 EUR  in  (the last instant)
   *   B4 2025-04-01T00:00:00.000Z  10000 EUR  out (the first instant after)
   *
   * In the period: B1, B2, B3; 3 stories; realized 10 + 100 + 1000 = 1,110 EUR.
   */
  let lnd: Actor;
  let period: ReportFilters;
  const IN = ["B1 first instant", "B2 middle", "B3 last instant"];

  beforeAll(async () => {
    const o = await makeOrganization("Bounds Ltd");
    lnd = await makeMember(o.organizationId, { role: "LND" });
    const author = await makeMember(o.organizationId);
    const stories: [string, string, number][] = [
      ["B0 just before", "2025-02-28T23:59:59.999Z", 1],
      ["B1 first instant", "2025-03-01T00:00:00.000Z", 10],
      ["B2 middle", "2025-03-15T12:00:00.000Z", 100],
      ["B3 last instant", "2025-03-31T23:59:59.999Z", 1000],
      ["B4 just after", "2025-04-01T00:00:00.000Z", 10000],
    ];
    for (const [title, at, figure] of stories)
      await makeStory({
        author,
        title,
        at,
        entries: [
          { cycle: "IMMEDIATE", at, keys: ["participation"] },
          { cycle: "REALIZED", at, keys: ["participation"], figure: { value: figure, unit: "EUR avoided" } },
        ],
      });
    period = parseReportFilters({ from: "2025-03-01", to: "2025-03-31" });
  });

  it("the page's dates mean whole days", () => {
    expect(period.from?.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(period.to?.toISOString()).toBe("2025-04-01T00:00:00.000Z");
  });

  it("on the rollup path: totals, progression, matrix, trends and realized value count B1, B2 and B3", async () => {
    const p = await reportProgression(lnd, period);
    expect(p.totals).toEqual({ visible: 3, privateCount: 0, hiddenCount: 0 });
    expect(p.reached).toMatchObject({ IMMEDIATE: 3, REALIZED: 3 });
    expect((await reportMatrix(lnd, period)).matrix.rows.find((r) => r.key === "participation")!.cells).toMatchObject({ IMMEDIATE: 3, REALIZED: 3 });
    const trends = await reportTrends(lnd, period, "month");
    expect(trends.byCycle.map((b) => [b.key, b.counts.IMMEDIATE])).toEqual([["2025-03", 3]]);
    const { units } = await reportRealizedValue(lnd, period);
    expect(units.map((u) => [u.unit, u.selfReported, u.selfReportedCount])).toEqual([["EUR avoided", 1110, 3]]);
  });

  it("on the list path: the stories behind the figures and the stories to tell are B1, B2 and B3", async () => {
    const listed = await reportStories(lnd, period, {});
    expect(listed.total).toBe(3);
    expect(titlesOf(listed.stories)).toEqual(IN);
    expect(titlesOf((await reportTopStories(lnd, period)).leading)).toEqual(IN);
  });

  it("on the export path: the CSV, XLSX and xAPI batches, their counts and the PDF's stories are B1, B2 and B3", async () => {
    for (const batchSize of [1, 2, 500]) {
      const exported: { title: string }[] = [];
      for await (const batch of exportStoryBatches(lnd, period, { batchSize })) exported.push(...batch);
      expect(titlesOf(exported), `batch size ${batchSize}`).toEqual(IN);
    }
    expect(await countExportRows(lnd, period)).toEqual({ stories: 3, entries: 6, rows: 6 });
    expect(titlesOf(await bestSummaryStories(lnd, period))).toEqual(IN);
  });
});

describe("cycle entries recorded out of order", () => {
  /*
   * Entries may be recorded in any order (a story started at applied value, its immediate value
   * written later). All in 2025, long before the report's "now": every story below realized value
   * has stopped early (no entry for 21 days).
   *
   *   P1  IMMEDIATE 20 Jan, POTENTIAL 30 Dec 2024 (recorded 21 days before immediate), APPLIED 25 Jan
   *       gaps: immediate→potential 0 (never -21), potential→applied 26; last entry 25 Jan; furthest applied
   *   P2  APPLIED 1 Feb, then IMMEDIATE 5 Feb; no potential, so no gap around it
   *       last entry 5 Feb (the immediate one, recorded last); furthest applied
   *   P3  IMMEDIATE 1 Mar, POTENTIAL 5 Mar (4 days), REALIZED 20 Feb (before both; no applied, so no gap)
   *       furthest realized: not stopped early
   *   P4  IMMEDIATE 2 Jan only; furthest immediate
   *
   * Reached: immediate 4, potential 2 (P1, P3), applied 2 (P1, P2), realized 1 (P3), reframing 0.
   * Immediate→potential: P1 0 and P3 4, median 2 (with negative time it would be (-21 + 4) / 2 = -8.5).
   * Potential→applied: P1 26. Applied→realized: none. Realized→reframing: none.
   * Stopped early, longest waiting first by the latest entry: P4 (2 Jan, immediate), P1 (25 Jan,
   * applied), P2 (5 Feb, applied). (By the earliest entry it would be P1, P4, P2.)
   */
  let lnd: Actor;
  const at = (day: string) => `2025-${day}T09:00:00.000Z`;

  beforeAll(async () => {
    const o = await makeOrganization("Out of order Ltd");
    lnd = await makeMember(o.organizationId, { role: "LND" });
    const author = await makeMember(o.organizationId);
    // Title, when it happened, and its cycles with when each was recorded.
    const stories: [string, string, [Cycle, string][]][] = [
      [
        "P1",
        at("01-10"),
        [
          ["IMMEDIATE", at("01-20")],
          ["POTENTIAL", "2024-12-30T09:00:00.000Z"],
          ["APPLIED", at("01-25")],
        ],
      ],
      [
        "P2",
        at("02-01"),
        [
          ["APPLIED", at("02-01")],
          ["IMMEDIATE", at("02-05")],
        ],
      ],
      [
        "P3",
        at("02-20"),
        [
          ["REALIZED", at("02-20")],
          ["IMMEDIATE", at("03-01")],
          ["POTENTIAL", at("03-05")],
        ],
      ],
      ["P4", at("01-02"), [["IMMEDIATE", at("01-02")]]],
    ];
    for (const [title, occurred, cycles] of stories)
      await makeStory({ author, title, at: occurred, entries: cycles.map(([cycle, recorded]) => ({ cycle, at: recorded, keys: ["participation"] })) });
  });

  it("cycles reached, and the time between adjacent cycles never negative", async () => {
    const p = await reportProgression(lnd);
    expect(p.stories).toBe(4);
    expect(p.reached).toEqual({ IMMEDIATE: 4, POTENTIAL: 2, APPLIED: 2, REALIZED: 1, REFRAMING: 0 });
    expect(p.transitions).toEqual([
      { from: "IMMEDIATE", to: "POTENTIAL", stories: 2, medianDays: 2 },
      { from: "POTENTIAL", to: "APPLIED", stories: 1, medianDays: 26 },
      { from: "APPLIED", to: "REALIZED", stories: 0, medianDays: null },
      { from: "REALIZED", to: "REFRAMING", stories: 0, medianDays: null },
    ]);
  });

  it("stopped early: the furthest cycle and the latest entry, whatever order they were recorded in", async () => {
    const p = await reportProgression(lnd);
    expect(p.stoppedEarly.map((s) => [s.title, s.furthest, s.lastRecordedAt.toISOString()])).toEqual([
      ["P4", "IMMEDIATE", at("01-02")],
      ["P1", "APPLIED", at("01-25")],
      ["P2", "APPLIED", at("02-05")],
    ]);
    // The stories behind "see them all": the same, in the same order.
    expect((await reportStories(lnd, {}, { stalled: true })).stories.map((s) => s.title)).toEqual(["P4", "P1", "P2"]);
  });
});

describe("outside helpers whose names differ only in case or spacing", () => {
  /*
   *   H1  "Sam Ext" on LinkedIn, "Kim Lee" on Mastodon
   *   H2  "sam ext" on linkedin
   *   H3  "  SAM   EXT " on " LINKEDIN ", "kim lee" (no platform)
   * Contributions 5 (all outside, weak); distinct people outside 2 (sam ext, kim lee);
   * distinct platforms 2 (linkedin, mastodon); stories with help 3.
   */
  it("are one person, and their platforms one platform", async () => {
    const o = await makeOrganization("Case Ltd");
    const lnd = await makeMember(o.organizationId, { role: "LND" });
    const author = await makeMember(o.organizationId);
    const day = "2025-05-05T09:00:00.000Z";
    const entries = [{ cycle: "IMMEDIATE" as const, at: day, keys: ["participation"] }];
    await makeStory({
      author,
      title: "H1",
      at: day,
      entries,
      contributors: [
        { externalName: "Sam Ext", platform: "LinkedIn" },
        { externalName: "Kim Lee", platform: "Mastodon" },
      ],
    });
    await makeStory({ author, title: "H2", at: day, entries, contributors: [{ externalName: "sam ext", platform: "linkedin" }] });
    await makeStory({
      author,
      title: "H3",
      at: day,
      entries,
      contributors: [{ externalName: "  SAM   EXT ", platform: " LINKEDIN " }, { externalName: "kim lee" }],
    });
    const { totals: _t, ...n } = await reportNetwork(lnd);
    expect(n).toEqual({
      contributions: 5,
      inside: 0,
      outside: 5,
      distinctInternalPeople: 0,
      distinctExternalNames: 2,
      distinctPlatforms: 2,
      strong: 0,
      weak: 5,
      crossTeam: 0,
      storiesWithContributors: 3,
    });
  });
});
