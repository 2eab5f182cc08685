// The figure rules every report surface shares (lib/domain/figures.ts): realized value is the
// realized cycle's figures, units counted by case- and space-folded keys but shown as written,
// money as money. Expected values worked out by hand.
import { describe, expect, it } from "vitest";
import { figureTotals, formatAmount, formatFigure, realizedHeadline, spreadsheetNumberFormat, unitInfo, unitName, type FigureRow } from "@/lib/domain/figures";

describe("unitInfo: what a unit is counted by", () => {
  it.each<[string, string, number, string | null]>([
    ["EUR avoided", "EUR avoided", 1, "EUR"],
    ["  eur   Avoided ", "EUR avoided", 1, "EUR"],
    ["€ avoided", "EUR avoided", 1, "EUR"],
    ["cost avoided (EUR)", "EUR cost avoided", 1, "EUR"],
    ["euros saved", "EUR saved", 1, "EUR"],
    ["USD", "USD", 1, "USD"],
    ["$", "USD", 1, "USD"],
    ["£ saved", "GBP saved", 1, "GBP"],
    ["gbp", "GBP", 1, "GBP"],
    // Any ISO 4217 code in capitals; in small letters only the common ones, so words stay words.
    ["ZMW earned", "ZMW earned", 1, "ZMW"],
    ["all tickets", "all tickets", 1, null],
    ["top answers", "top answers", 1, null],
    ["Hours saved", "hours saved", 1, null],
    ["  hours   SAVED ", "hours saved", 1, null],
    ["hrs saved", "hours saved", 1, null],
    ["Minutes saved", "hours saved", 60, null],
    ["mins saved", "hours saved", 60, null],
    ["Minutes to answer", "minutes to answer", 1, null],
    ["Repos  scanned", "repos scanned", 1, null],
    ["   ", "", 1, null],
  ])("%j → %j ÷ %d (currency %s)", (unit, key, divisor, currency) => {
    expect(unitInfo(unit)).toMatchObject({ key, divisor, currency });
  });
});

describe("formatting", () => {
  it.each<[number, string, string]>([
    [25000, "EUR avoided", "€25,000 avoided"],
    [25750.5, "eur avoided", "€25,750.50 avoided"],
    [300, "USD", "US$300"],
    [1200, "£ saved", "£1,200 saved"],
    [1200, "cost avoided (EUR)", "€1,200 cost avoided"],
    [-40, "EUR", "-€40"],
    [1.93, "hours saved", "1.93 hours saved"],
    [10, "Minutes to answer", "10 Minutes to answer"],
    [15, " Repos  scanned", "15 Repos scanned"],
    [3, "", "3"],
    [1234567.891, "customers", "1,234,567.89 customers"],
  ])("formatFigure(%d, %j) = %j", (value, unit, expected) => {
    expect(formatFigure(value, unit)).toBe(expected);
  });

  it("formatAmount gives the number alone, as money when the unit is", () => {
    expect(formatAmount(25750, "EUR avoided")).toBe("€25,750");
    expect(formatAmount(0, "EUR avoided")).toBe("€0");
    expect(formatAmount(0.1 + 0.2, "EUR")).toBe("€0.30");
    expect(formatAmount(1.5, "hours saved")).toBe("1.5");
    expect(formatAmount(Number.NaN, "EUR")).toBe("—");
  });

  it("unitName names a missing unit", () => {
    expect(unitName("  EUR   avoided ")).toBe("EUR avoided");
    expect(unitName(" ")).toBe("(no unit)");
  });

  it("spreadsheetNumberFormat carries the currency symbol", () => {
    expect(spreadsheetNumberFormat("EUR avoided")).toBe('"€"#,##0.00');
    expect(spreadsheetNumberFormat("USD")).toBe('"US$"#,##0.00');
    expect(spreadsheetNumberFormat("CHF")).toBe('"CHF "#,##0.00');
    expect(spreadsheetNumberFormat("hours saved")).toBe("#,##0.##");
  });
});

describe("figureTotals", () => {
  const row = (cycle: FigureRow["cycle"], unit: string, value: number, confirmed = false, count = 1): FigureRow => ({ cycle, unit, value, confirmed, count });

  it("realized value is the realized cycle's figures; the other cycles' are reported per cycle", () => {
    const totals = figureTotals([
      row("IMMEDIATE", "minutes to answer", 4),
      row("IMMEDIATE", "Minutes to answer", 6),
      row("POTENTIAL", "runbook", 1),
      row("APPLIED", "repos scanned", 12),
      row("APPLIED", " Repos  scanned", 3),
      row("REALIZED", "EUR avoided", 25000, true),
      row("REALIZED", "eur avoided", 5000),
      row("REALIZED", "€ avoided", 750, true),
      row("REALIZED", "minutes saved", 90, true),
      row("REALIZED", "hours saved", 2),
      row("REALIZED", "USD", 300),
    ]);
    expect(totals.realized).toEqual([
      // EUR 25,000 + 750 confirmed, 5,000 self-reported; three spellings, one vote each: capitals first.
      { key: "EUR avoided", unit: "EUR avoided", currency: "EUR", confirmed: 25750, selfReported: 5000, confirmedCount: 2, selfReportedCount: 1 },
      { key: "USD", unit: "USD", currency: "USD", confirmed: 0, selfReported: 300, confirmedCount: 0, selfReportedCount: 1 },
      // 90 minutes = 1.5 hours confirmed; 2 hours self-reported.
      { key: "hours saved", unit: "hours saved", currency: null, confirmed: 1.5, selfReported: 2, confirmedCount: 1, selfReportedCount: 1 },
    ]);
    expect(totals.otherCycles).toEqual([
      { cycle: "IMMEDIATE", units: [{ key: "minutes to answer", unit: "Minutes to answer", currency: null, total: 10, count: 2 }] },
      { cycle: "POTENTIAL", units: [{ key: "runbook", unit: "runbook", currency: null, total: 1, count: 1 }] },
      { cycle: "APPLIED", units: [{ key: "repos scanned", unit: "Repos scanned", currency: null, total: 15, count: 2 }] },
    ]);
  });

  it("shows the spelling most figures use, whatever the order they come in", () => {
    const rows = [row("REALIZED", "eur avoided", 1, false, 3), row("REALIZED", "EUR avoided", 1, false, 2), row("REALIZED", "€ avoided", 1)];
    expect(figureTotals(rows).realized[0]!.unit).toBe("eur avoided");
    expect(figureTotals([...rows].reverse()).realized[0]!.unit).toBe("eur avoided");
    // A tie: the first in code-point order, capitals first.
    expect(figureTotals([row("REALIZED", "Eur Avoided", 1), row("REALIZED", "EUR avoided", 1)]).realized[0]!.unit).toBe("EUR avoided");
    // A spelling is a vote in every cycle, so a unit reads the same everywhere.
    const mixed = figureTotals([row("APPLIED", "Tickets closed", 1, false, 2), row("REALIZED", "tickets closed", 5)]);
    expect(mixed.realized[0]!.unit).toBe("Tickets closed");
    expect(mixed.otherCycles[0]!.units[0]!.unit).toBe("Tickets closed");
  });

  it("time saved is shown as hours saved, as written when someone wrote it so", () => {
    expect(figureTotals([row("REALIZED", "Minutes saved", 30)]).realized[0]).toMatchObject({ unit: "hours saved", selfReported: 0.5 });
    expect(figureTotals([row("REALIZED", "Hours saved", 1), row("REALIZED", "minutes saved", 60)]).realized[0]).toMatchObject({
      unit: "Hours saved",
      selfReported: 2,
    });
  });

  it("sums minutes as minutes and converts once; rounds to cents", () => {
    expect(figureTotals([row("REALIZED", "minutes saved", 10), row("REALIZED", "minutes saved", 20)]).realized[0]!.selfReported).toBe(0.5);
    expect(figureTotals([row("REALIZED", "minutes saved", 10, true)]).realized[0]!.confirmed).toBe(0.17);
    expect(figureTotals([row("REALIZED", "EUR", 0.1), row("REALIZED", "EUR", 0.2)]).realized[0]!.selfReported).toBe(0.3);
  });

  it("counts summed rows by their count; a confirmation outside the realized cycle changes nothing; non-numbers are left out", () => {
    const totals = figureTotals([
      row("REALIZED", "customers", 30, true, 4),
      row("REALIZED", "customers", Number.NaN, true),
      row("APPLIED", "customers", 7, true, 2),
      row("APPLIED", "customers", 1, false, 0),
    ]);
    expect(totals.realized).toEqual([
      { key: "customers", unit: "customers", currency: null, confirmed: 30, selfReported: 0, confirmedCount: 4, selfReportedCount: 0 },
    ]);
    expect(totals.otherCycles).toEqual([{ cycle: "APPLIED", units: [{ key: "customers", unit: "customers", currency: null, total: 7, count: 2 }] }]);
  });

  it("largest total first, then by unit; nothing in, nothing out", () => {
    expect(figureTotals([row("REALIZED", "b", 1, true), row("REALIZED", "a", 1)]).realized.map((u) => u.unit)).toEqual(["a", "b"]);
    expect(figureTotals([])).toEqual({ realized: [], otherCycles: [] });
  });
});

describe("realizedHeadline", () => {
  it("the demo organisation: a confirmed 25,000 EUR beside self-reported minutes is what the headline says", () => {
    const { realized } = figureTotals([
      { cycle: "REALIZED", unit: "minutes saved", value: 116, confirmed: false },
      { cycle: "REALIZED", unit: "EUR avoided", value: 25000, confirmed: true },
    ]);
    expect(realizedHeadline(realized)).toEqual({ confirmed: [{ key: "EUR avoided", text: "€25,000 avoided", figures: 1 }], selfReportedFigures: 1 });
  });

  it("one line per confirmed unit, in the totals' order; nothing confirmed, no line", () => {
    const { realized } = figureTotals([
      { cycle: "REALIZED", unit: "hours saved", value: 3, confirmed: true },
      { cycle: "REALIZED", unit: "USD", value: 300, confirmed: true },
      { cycle: "REALIZED", unit: "customers", value: 9, confirmed: false },
    ]);
    expect(realizedHeadline(realized).confirmed.map((l) => l.text)).toEqual(["US$300", "3 hours saved"]);
    expect(realizedHeadline(figureTotals([{ cycle: "REALIZED", unit: "hours saved", value: 2, confirmed: false }]).realized)).toEqual({
      confirmed: [],
      selfReportedFigures: 1,
    });
    expect(realizedHeadline([])).toEqual({ confirmed: [], selfReportedFigures: 0 });
  });
});
