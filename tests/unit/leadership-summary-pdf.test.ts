// The leadership summary's layout, read back with pdf.js: one to three pages whatever the data
// (long titles, many stories, a long indicator catalogue, nothing at all), the title, the
// organisation, the filters line and the stories' titles in the text, names in Greek and
// Cyrillic printed as they are. And the small formatting rules the pages rely on.
import { describe, expect, it } from "vitest";
import { figureTotals } from "@/lib/domain/figures";
import { formatDays } from "@/lib/domain/format";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { briefSentences, figureLine, formatNumber, matrixRowsToShow, renderLeadershipSummary } from "@/lib/pdf/leadership-summary";
import type { LeadershipSummaryInput, SummaryMatrixRow, SummaryStory } from "@/lib/domain/leadership-summary";
import { flat, readPdfText } from "../support/pdf-text";

const FILTERS = "From 1 Jan 2026 to 31 Mar 2026 · team Support EMEA · cycle Applied value";
const zero = (): Record<Cycle, number> => ({ IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 });

function story(
  title: string,
  cycles: readonly Cycle[],
  opts: Partial<SummaryStory> = {},
  words = "We tried the idea from the community call and it worked well for the whole team.",
): SummaryStory {
  return {
    title,
    authorFirstName: "Ava",
    authorTeam: "Support EMEA",
    occurredAt: new Date("2026-02-10T09:00:00Z"),
    highlighted: false,
    entries: cycles.map((cycle) => ({
      cycle,
      narrative: words,
      indicators: ["Engagement"],
      figure: cycle === "REALIZED" ? { value: 12, unit: "hours saved per month", confirmedBy: "Marco", confirmedAt: new Date("2026-03-03T10:00:00Z") } : null,
    })),
    ...opts,
  };
}

function matrixRows(n: number): SummaryMatrixRow[] {
  return Array.from({ length: n }, (_, i) => {
    const cycle = CYCLES[i % 5]!;
    const cells = zero();
    cells[cycle] = 100 - i;
    return { label: `Indicator ${i + 1}`, cycle, cells, total: 100 - i };
  });
}

/** Realized: 183.5 hours saved confirmed (6 figures), 421 self-reported (12); €12,000 saved confirmed (2). Immediate: 42 minutes to answer (3). */
const FIGURES = figureTotals([
  { cycle: "REALIZED", unit: "hours saved", value: 183.5, confirmed: true, count: 6 },
  { cycle: "REALIZED", unit: "hours saved", value: 421, confirmed: false, count: 12 },
  { cycle: "REALIZED", unit: "EUR saved", value: 12000, confirmed: true, count: 2 },
  { cycle: "IMMEDIATE", unit: "Minutes to answer", value: 42, confirmed: false, count: 3 },
]);

function sample(over: Partial<LeadershipSummaryInput> = {}): LeadershipSummaryInput {
  return {
    organizationName: "Northwind Traders",
    scopeLine: "Whole organisation",
    filtersLine: FILTERS,
    generatedAt: new Date("2026-04-02T10:00:00Z"),
    headline: { stories: 128, people: 60, logging: 41, reflecting: 20, privateCount: 7, hiddenCount: 12 },
    progression: {
      stories: 128,
      reached: { IMMEDIATE: 120, POTENTIAL: 80, APPLIED: 45, REALIZED: 23, REFRAMING: 7 },
      transitions: [
        { from: "IMMEDIATE", to: "POTENTIAL", stories: 70, medianDays: 3 },
        { from: "POTENTIAL", to: "APPLIED", stories: 40, medianDays: 8.5 },
        { from: "APPLIED", to: "REALIZED", stories: 20, medianDays: 14 },
        { from: "REALIZED", to: "REFRAMING", stories: 6, medianDays: null },
      ],
    },
    matrix: matrixRows(27),
    realizedValue: FIGURES.realized,
    otherFigures: FIGURES.otherCycles,
    capitalMix: { HUMAN: 33, SOCIAL: 25, TANGIBLE: 19, REPUTATIONAL: 6, LEARNING: 12 },
    network: {
      contributions: 142,
      inside: 90,
      outside: 52,
      distinctInternalPeople: 21,
      distinctExternalNames: 18,
      distinctPlatforms: 6,
      strong: 42,
      weak: 100,
      crossTeam: 38,
      storiesWithContributors: 80,
    },
    stories: [
      story("An agency's urgent question answered in four minutes", CYCLES, { highlighted: true }),
      story("Δημήτρης shared the escalation playbook", ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED"], {
        authorFirstName: "Дмитрий",
        authorTeam: "Поддержка",
      }),
      story("Saved searches for recurring tickets", ["POTENTIAL", "APPLIED"]),
    ],
    ...over,
  };
}

async function render(input: LeadershipSummaryInput) {
  const bytes = await renderLeadershipSummary(input);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  return { bytes, ...(await readPdfText(bytes)) };
}

describe("renderLeadershipSummary", () => {
  it("prints the title, organisation, filters, headline figures and stories, with non-Latin names, on 1–3 pages", async () => {
    const pdf = await render(sample());
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.pages).toBeLessThanOrEqual(3);
    const text = flat(pdf.text);
    expect(text).toContain("Value created through social learning");
    expect(text).toContain("Northwind Traders");
    expect(text).toContain(FILTERS);
    expect(text).toContain("An agency's urgent question answered in four minutes");
    expect(text).toContain("Δημήτρης shared the escalation playbook");
    expect(text).toContain("Дмитрий, Поддержка");
    expect(text).toContain("12 hours saved per month — confirmed by Marco, 3 Mar 2026");
    // Page 1: realized value is the realized cycle's figures, money as money, units as written;
    // the other cycles' figures apart, as what they are.
    const first = flat(pdf.pageTexts[0]!);
    expect(first).toContain("Confirmed by colleagues or managers: €12,000 saved and 183.5 hours saved.");
    expect(first).toContain(
      "Realized value The realized cycle's figures; confirmed and self-reported apart WHAT CONFIRMED SELF-REPORTED EUR saved €12,000 2 figures €0 0 figures hours saved 183.5 6 figures 421 12 figures",
    );
    expect(first).toContain(
      "Figures by cycle Recorded in the other cycles: not realized value CYCLE WHAT TOTAL Immediate value Minutes to answer 42 3 figures",
    );
    expect(text).toContain("The value-creation matrix");
    expect(text).toContain("How far stories travel");
    for (const c of ["Immediate value", "Potential value", "Applied value", "Realized value", "Reframing value"]) expect(text).toContain(c);
    expect(text).toContain("7 private stories");
    expect(pdf.title).toBe("Value created through social learning — Northwind Traders");
  });

  it("puts the organisation, the page number and the filters line in every page's footer", async () => {
    const pdf = await render(sample());
    pdf.pageTexts.forEach((page, i) => {
      expect(flat(page)).toContain(`Ripple · Northwind Traders · page ${i + 1} of ${pdf.pages}`);
      expect(flat(page)).toContain(FILTERS);
    });
  });

  it("labels self-reported figures as such", async () => {
    const s = story("A figure nobody confirmed", ["APPLIED", "REALIZED"]);
    s.entries[1]!.figure = { value: 2, unit: "hours saved", confirmedBy: null, confirmedAt: null };
    const text = flat((await render(sample({ stories: [s] }))).text);
    expect(text).toContain("2 hours saved — self-reported");
  });

  it("stays within three pages with long titles, long narratives, many stories and a long catalogue", async () => {
    const long = "A very long story title that goes on ".repeat(12).trim();
    const words = "Εκτενής αφήγηση με πολλές λεπτομέρειες. Подробный рассказ о том, что произошло. ".repeat(40);
    const input = sample({
      organizationName: "The International Association of Extremely Long Organisation Names for Testing Layouts ".repeat(3).trim(),
      matrix: matrixRows(80),
      stories: Array.from({ length: 12 }, (_, i) => story(`${i + 1}. ${long}`, CYCLES, {}, words)),
      realizedValue: figureTotals(
        Array.from({ length: 9 }, (_, i) => ({
          cycle: "REALIZED" as const,
          unit: `unit number ${i} with a long name that keeps going`,
          value: 10 ** i,
          confirmed: true,
        })),
      ).realized,
      otherFigures: figureTotals(
        Array.from({ length: 12 }, (_, i) => ({
          cycle: CYCLES[i % 3]!,
          unit: `other unit ${i} with a long name that keeps going on and on`,
          value: i * 1000,
          confirmed: false,
        })),
      ).otherCycles,
    });
    const pdf = await render(input);
    expect(pdf.pages).toBeLessThanOrEqual(3);
    const text = flat(pdf.text);
    expect(text).toContain("1. A very long story title");
    expect(text).toContain("…");
    expect(text).toContain("Value created through social learning");
    expect(text).toContain(FILTERS);
  });

  it("renders an empty view calmly", async () => {
    const input = sample({
      headline: { stories: 0, people: 0, logging: 0, reflecting: 0, privateCount: 0, hiddenCount: 0 },
      progression: { stories: 0, reached: zero(), transitions: CYCLES.slice(1).map((to, i) => ({ from: CYCLES[i]!, to, stories: 0, medianDays: null })) },
      matrix: [],
      realizedValue: [],
      otherFigures: [],
      capitalMix: { HUMAN: 0, SOCIAL: 0, TANGIBLE: 0, REPUTATIONAL: 0, LEARNING: 0 },
      network: {
        contributions: 0,
        inside: 0,
        outside: 0,
        distinctInternalPeople: 0,
        distinctExternalNames: 0,
        distinctPlatforms: 0,
        strong: 0,
        weak: 0,
        crossTeam: 0,
        storiesWithContributors: 0,
      },
      stories: [],
      filtersLine: "All time",
    });
    const pdf = await render(input);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.pages).toBeLessThanOrEqual(3);
    const text = flat(pdf.text);
    expect(text).toContain("Value created through social learning");
    expect(text).toContain("No story in this view yet.");
    expect(pdf.pages).toBe(1);
    expect(text).toContain("All time");
    expect(text).not.toContain("NaN");
    expect(text).not.toContain("undefined");
  });
});

describe("formatting rules", () => {
  it.each([
    [
      { value: 12, unit: "hours saved per month", confirmedBy: "Marco", confirmedAt: new Date("2026-03-03T23:30:00Z") },
      "12 hours saved per month — confirmed by Marco, 3 Mar 2026",
    ],
    [{ value: 116, unit: "minutes saved", confirmedBy: null, confirmedAt: new Date("2026-01-01T00:00:00Z") }, "116 minutes saved — confirmed, 1 Jan 2026"],
    [{ value: 2.5, unit: "hours saved", confirmedBy: null, confirmedAt: null }, "2.5 hours saved — self-reported"],
    [{ value: 12000, unit: "EUR saved", confirmedBy: null, confirmedAt: null }, "€12,000 saved — self-reported"],
    [{ value: 3, unit: " ", confirmedBy: null, confirmedAt: null }, "3 (no unit) — self-reported"],
  ])("figureLine(%o) = %s", (figure, expected) => {
    expect(figureLine(figure)).toBe(expected);
  });

  it.each([
    [null, "—"],
    [0, "same day"],
    [0.3, "under a day"],
    [1, "1 day"],
    [3.26, "3.5 days"],
    [14.4, "14 days"],
  ])("formatDays(%s) = %s", (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });

  it.each([
    [1234, "1,234"],
    [12.25, "12.3"],
    [0, "0"],
    [Number.NaN, "0"],
  ])("formatNumber(%s) = %s", (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });

  it("keeps every used row when the matrix is short, and each cycle's top rows when it is long", () => {
    const rows = matrixRows(10);
    rows.push({ label: "unused", cycle: "IMMEDIATE", cells: zero(), total: 0 });
    expect(matrixRowsToShow(rows).rows.map((r) => r.label)).toEqual(rows.slice(0, 10).map((r) => r.label));
    const long = matrixRows(60);
    const shown = matrixRowsToShow(long, 12);
    expect(shown.rows).toHaveLength(12);
    expect(shown.hidden).toBe(48);
    for (const c of CYCLES) expect(shown.rows.filter((r) => r.cycle === c).length).toBeGreaterThanOrEqual(2);
    // Display order is kept.
    expect(shown.rows.map((r) => long.indexOf(r))).toEqual([...shown.rows.map((r) => long.indexOf(r))].sort((a, b) => a - b));
  });

  it("says in words how far stories went", () => {
    expect(briefSentences(sample())).toBe(
      "128 learning stories were recorded by 41 of 60 people in scope. Of these, 45 led to a change in practice, 23 made a difference to results that matter and 7 changed how success is defined. Confirmed by colleagues or managers: €12,000 saved and 183.5 hours saved.",
    );
    const one = sample({
      headline: { stories: 1, people: 1, logging: 1, reflecting: 0, privateCount: 0, hiddenCount: 0 },
      progression: { stories: 1, reached: { ...zero(), IMMEDIATE: 1, APPLIED: 1 }, transitions: [] },
      realizedValue: [],
    });
    expect(briefSentences(one)).toBe("1 learning story was recorded by 1 of 1 person in scope. It led to a change in practice.");
  });
});
