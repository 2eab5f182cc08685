// Every figure shown to leadership, worked out by hand on a seeded organisation and compared with
// what the reports page is given (its data functions and the domain rules it renders with), the
// leadership PDF's text (read back with pdf.js) and the XLSX "Figures" sheet (read with SheetJS).
// Realized value is the realized cycle's figures only; the other cycles' figures are reported per
// cycle; units keep the case they were written in; money is formatted as money.
import * as XLSX from "xlsx";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import { day, makeMember, makeOrganization, makeStory, makeTeam } from "../factories";
import { flat, readPdfText } from "../support/pdf-text";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));

const { reportRealizedValue } = await import("@/lib/db/reports");
const { reportStories } = await import("@/lib/db/report-stories");
const { formatAmount, realizedHeadline, unitName } = await import("@/lib/domain/figures");
const pdfRoute = await import("@/app/api/reports/pdf/route");
const xlsxRoute = await import("@/app/api/reports/xlsx/route");

type Figure = { cycle: Cycle; value: number; unit: string; confirmedBy?: string };

/*
 * Figures Ltd. mgr manages e1 and e2 (team Ops); lnd is L&D.
 *
 *  story  author vis      figures (cycle: value unit, confirmed by mgr?)
 *  F1     e1     ORG      IMM 4 "minutes to answer"; POT 1 "runbook"; APP 12 "repos scanned"; REAL 25,000 "EUR avoided" (confirmed)
 *  F2     e2     ORG      IMM 6 "Minutes to answer"; REAL 5,000 "eur avoided"
 *  F3     e1     ORG      APP 3 " Repos  scanned"; REAL 90 "minutes saved" (confirmed)
 *  F4     e2     ORG      REAL 2 "hours saved"
 *  F5     e1     ORG      REAL 750 "€ avoided" (confirmed)
 *  F6     e2     ORG      REAL 300 "USD"
 *  F7     e1     PRIVATE  REAL 1,000,000 "EUR avoided" (confirmed)      never counted for anyone but e1
 *  F8     e2     MANAGER  APP 2 "repos scanned"; REAL 40 "EUR avoided"  mgr reads it, lnd does not
 *  F9     e1     ORG      APP 5 "tickets closed"; REFRAMING 1 "new KPI"
 *
 * By hand, for L&D (F1–F6, F9):
 *   Realized value
 *     EUR avoided  confirmed 25,000 + 750 = €25,750 (2 figures); self-reported €5,000 (1).
 *                  Three spellings ("EUR avoided", "eur avoided", "€ avoided"), one figure each:
 *                  the tie goes to the first in code-point order, "EUR avoided".
 *     USD          self-reported US$300 (1).
 *     hours saved  confirmed 90 min = 1.5 (1); self-reported 2 (1).
 *     Largest total first: EUR 30,750, USD 300, hours 3.5.
 *   Headline: "€25,750 avoided" and "1.5 hours saved"; 3 self-reported figures besides.
 *   Figures by cycle
 *     Immediate  Minutes to answer 4 + 6 = 10 (2)  ("minutes to answer" and "Minutes to answer": capitals first)
 *     Potential  runbook 1 (1)
 *     Applied    Repos scanned 12 + 3 = 15 (2); tickets closed 5 (1)
 *     Reframing  new KPI 1 (1)
 * For mgr (F1–F6, F8, F9): EUR avoided self-reported 5,000 + 40 = €5,040 (2); Applied repos scanned
 * 12 + 3 + 2 = 17 (3), now spelled "repos scanned" (two figures) against "Repos scanned" (one).
 */
let lnd: Actor, mgr: Actor, e1: Actor;

beforeAll(async () => {
  const o = await makeOrganization("Figures Ltd");
  const org = o.organizationId;
  const ops = (await makeTeam(org, "Ops")).id;
  lnd = await makeMember(org, { role: "LND", name: "Lin Learning" });
  mgr = await makeMember(org, { role: "MANAGER", teamId: ops, name: "Marco Manager" });
  e1 = await makeMember(org, { teamId: ops, managerId: mgr.membershipId, name: "Ava One" });
  const e2 = await makeMember(org, { teamId: ops, managerId: mgr.membershipId, name: "Priya Two" });
  const m = mgr.membershipId;
  const stories: [Actor, string, "PRIVATE" | "MANAGER" | "ORG", string, Figure[]][] = [
    [
      e1,
      "F1 incident answered",
      "ORG",
      "2026-01-05",
      [
        { cycle: "IMMEDIATE", value: 4, unit: "minutes to answer" },
        { cycle: "POTENTIAL", value: 1, unit: "runbook" },
        { cycle: "APPLIED", value: 12, unit: "repos scanned" },
        { cycle: "REALIZED", value: 25000, unit: "EUR avoided", confirmedBy: m },
      ],
    ],
    [
      e2,
      "F2 second",
      "ORG",
      "2026-01-12",
      [
        { cycle: "IMMEDIATE", value: 6, unit: "Minutes to answer" },
        { cycle: "REALIZED", value: 5000, unit: "eur avoided" },
      ],
    ],
    [
      e1,
      "F3 third",
      "ORG",
      "2026-01-19",
      [
        { cycle: "APPLIED", value: 3, unit: " Repos  scanned" },
        { cycle: "REALIZED", value: 90, unit: "minutes saved", confirmedBy: m },
      ],
    ],
    [e2, "F4 fourth", "ORG", "2026-01-26", [{ cycle: "REALIZED", value: 2, unit: "hours saved" }]],
    [e1, "F5 fifth", "ORG", "2026-02-02", [{ cycle: "REALIZED", value: 750, unit: "€ avoided", confirmedBy: m }]],
    [e2, "F6 sixth", "ORG", "2026-02-09", [{ cycle: "REALIZED", value: 300, unit: "USD" }]],
    [e1, "F7 private", "PRIVATE", "2026-02-16", [{ cycle: "REALIZED", value: 1_000_000, unit: "EUR avoided", confirmedBy: m }]],
    [
      e2,
      "F8 for my manager",
      "MANAGER",
      "2026-02-23",
      [
        { cycle: "APPLIED", value: 2, unit: "repos scanned" },
        { cycle: "REALIZED", value: 40, unit: "EUR avoided" },
      ],
    ],
    [
      e1,
      "F9 ninth",
      "ORG",
      "2026-03-02",
      [
        { cycle: "APPLIED", value: 5, unit: "tickets closed" },
        { cycle: "REFRAMING", value: 1, unit: "new KPI" },
      ],
    ],
  ];
  for (const [author, title, visibility, at, figures] of stories) {
    await makeStory({
      author,
      title,
      visibility,
      at,
      entries: figures.map((f, i) => ({
        cycle: f.cycle,
        narrative: `${title}: ${f.cycle.toLowerCase()}`,
        at: new Date(day(at).getTime() + i * 86_400_000),
        figure: { value: f.value, unit: f.unit, confirmedBy: f.confirmedBy, confirmedAt: "2026-03-20" },
      })),
    });
  }
});

beforeEach(() => {
  session.actor = null;
});

async function download(route: { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> }, kind: string, actor: Actor) {
  session.actor = actor;
  const res = await route.GET(new Request(`http://localhost/api/reports/${kind}`), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe("the page's figures", () => {
  it("realized value is the realized cycle's figures by unit, as written, confirmed and self-reported apart", async () => {
    const { units } = await reportRealizedValue(lnd);
    expect(units).toEqual([
      { key: "EUR avoided", unit: "EUR avoided", currency: "EUR", confirmed: 25750, selfReported: 5000, confirmedCount: 2, selfReportedCount: 1 },
      { key: "USD", unit: "USD", currency: "USD", confirmed: 0, selfReported: 300, confirmedCount: 0, selfReportedCount: 1 },
      { key: "hours saved", unit: "hours saved", currency: null, confirmed: 1.5, selfReported: 2, confirmedCount: 1, selfReportedCount: 1 },
    ]);
    // What the page's table prints in each row.
    expect(units.map((u) => [unitName(u.unit), formatAmount(u.confirmed, u.unit), formatAmount(u.selfReported, u.unit)])).toEqual([
      ["EUR avoided", "€25,750", "€5,000"],
      ["USD", "US$0", "US$300"],
      ["hours saved", "1.5", "2"],
    ]);
  });

  it("the headline says what is confirmed, one line per unit", async () => {
    const { units } = await reportRealizedValue(lnd);
    expect(realizedHeadline(units)).toEqual({
      confirmed: [
        { key: "EUR avoided", text: "€25,750 avoided", figures: 2 },
        { key: "hours saved", text: "1.5 hours saved", figures: 1 },
      ],
      selfReportedFigures: 3,
    });
  });

  it("the other cycles' figures per cycle, as what they are", async () => {
    const { otherCycles } = await reportRealizedValue(lnd);
    expect(otherCycles.map((g) => [g.cycle, g.units.map((u) => [unitName(u.unit), formatAmount(u.total, u.unit), u.count])])).toEqual([
      ["IMMEDIATE", [["Minutes to answer", "10", 2]]],
      ["POTENTIAL", [["runbook", "1", 1]]],
      [
        "APPLIED",
        [
          ["Repos scanned", "15", 2],
          ["tickets closed", "5", 1],
        ],
      ],
      ["REFRAMING", [["new KPI", "1", 1]]],
    ]);
  });

  it("a manager's figures include what their reports shared with them; a private figure counts for nobody else", async () => {
    const figures = await reportRealizedValue(mgr);
    expect(figures.units[0]).toMatchObject({ unit: "EUR avoided", confirmed: 25750, selfReported: 5040, confirmedCount: 2, selfReportedCount: 2 });
    expect(figures.otherCycles.find((g) => g.cycle === "APPLIED")!.units[0]).toMatchObject({ unit: "repos scanned", total: 17, count: 3 });
    expect(figures.totals.privateCount).toBe(1);
    // Only the author reads the private figure.
    expect((await reportRealizedValue(e1)).units.find((u) => u.key === "EUR avoided")).toMatchObject({ confirmed: 1_025_750, confirmedCount: 3 });
  });

  it("a story's own figure says which cycle recorded it: realized first, else the furthest", async () => {
    const { stories } = await reportStories(lnd, {}, {});
    const figure = (title: string) => stories.find((s) => s.title.startsWith(title))!.figure;
    expect(figure("F1")).toEqual({ value: 25000, unit: "EUR avoided", confirmed: true, cycle: "REALIZED" });
    expect(figure("F2")).toEqual({ value: 5000, unit: "eur avoided", confirmed: false, cycle: "REALIZED" });
    expect(figure("F9")).toEqual({ value: 1, unit: "new KPI", confirmed: false, cycle: "REFRAMING" });
  });
});

describe("the leadership PDF's figures", () => {
  it("page 1 says what is confirmed, lists realized value only, and the other cycles' figures apart", async () => {
    const pdf = await readPdfText(await download(pdfRoute, "pdf", lnd));
    const first = flat(pdf.pageTexts[0]!);
    expect(first).toContain("Confirmed by colleagues or managers: €25,750 avoided and 1.5 hours saved.");
    expect(first).toContain(
      "Realized value The realized cycle's figures; confirmed and self-reported apart WHAT CONFIRMED SELF-REPORTED " +
        "EUR avoided €25,750 2 figures €5,000 1 figure " +
        "USD US$0 0 figures US$300 1 figure " +
        "hours saved 1.5 1 figure 2 1 figure " +
        "Figures by cycle",
    );
    expect(first).toContain(
      "Figures by cycle Recorded in the other cycles: not realized value CYCLE WHAT TOTAL " +
        "Immediate value Minutes to answer 10 2 figures " +
        "Potential value runbook 1 1 figure " +
        "Applied value Repos scanned 15 2 figures tickets closed 5 1 figure " +
        "Reframing value new KPI 1 1 figure",
    );
    const all = flat(pdf.text);
    expect(all).not.toMatch(/1,000,000|1,025,750|eur avoided/);
    // A story's figures, money as money.
    expect(all).toContain("€25,000 avoided — confirmed by Marco, 20 Mar 2026");
  });
});

describe("the XLSX Figures sheet", () => {
  it("realized value first, then the other cycles, each row naming its cycle; money cells formatted as money", async () => {
    const wb = XLSX.read(Buffer.from(await download(xlsxRoute, "xlsx", lnd)), { type: "buffer", cellNF: true });
    const sheet = wb.Sheets.Figures!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: null });
    const R = "Realized value";
    const other = (cycle: string, unit: string, total: number, count: number) => ({
      Cycle: cycle,
      Unit: unit,
      Confirmed: null,
      "Confirmed figures": null,
      "Self-reported": total,
      "Self-reported figures": count,
    });
    expect(rows).toEqual([
      { Cycle: R, Unit: "EUR avoided", Confirmed: 25750, "Confirmed figures": 2, "Self-reported": 5000, "Self-reported figures": 1 },
      { Cycle: R, Unit: "USD", Confirmed: 0, "Confirmed figures": 0, "Self-reported": 300, "Self-reported figures": 1 },
      { Cycle: R, Unit: "hours saved", Confirmed: 1.5, "Confirmed figures": 1, "Self-reported": 2, "Self-reported figures": 1 },
      other("Immediate value", "Minutes to answer", 10, 2),
      other("Potential value", "runbook", 1, 1),
      other("Applied value", "Repos scanned", 15, 2),
      other("Applied value", "tickets closed", 5, 1),
      other("Reframing value", "new KPI", 1, 1),
    ]);
    // Row 2 is EUR avoided: its amounts carry the euro's format; row 3 the dollar's; hours none.
    expect(sheet.C2).toMatchObject({ v: 25750, z: '"€"#,##0.00', w: "€25,750.00" });
    expect(sheet.E2).toMatchObject({ v: 5000, z: '"€"#,##0.00' });
    expect(sheet.E3).toMatchObject({ v: 300, z: '"US$"#,##0.00' });
    expect(sheet.C4!.z).not.toMatch(/[€$]/);
  });
});
