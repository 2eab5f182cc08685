// Figures: the numbers authors record with a cycle entry ("25,000 EUR avoided", "4 minutes to
// answer"), and what reports make of them. The one home of these rules: the reports page, the
// leadership summary PDF and the XLSX export all take their figures from here. Pure: no I/O.
//
// - Realized value is what the REALIZED cycle records. Figures of the other cycles are reported
//   per cycle, as what they are ("4 minutes to answer" is immediate value), never as realized value.
// - Confirmed (by a manager) and self-reported realized figures are summed apart, never together.
//   Only realized figures are ever confirmed in Ripple, so the other cycles have one total.
// - Units are counted together when they differ only in case or spacing ("EUR avoided",
//   " eur  avoided"); a currency is counted by its code, so "€ avoided" joins "EUR avoided";
//   minutes saved are summed as minutes and reported as hours saved.
// - A unit is shown as people wrote it (never lower-cased): the spelling most figures use, inner
//   spaces collapsed; on a tie, the first in code-point order, so capitals win ("EUR avoided"
//   before "eur avoided"). Time saved is shown as "hours saved", as someone wrote that.
// - Money is formatted as money, with Intl.NumberFormat and the currency: "€25,000 avoided".
import { CYCLES, type Cycle } from "./framework";

/** One figure, or the sum of `count` figures with the same cycle, unit and confirmation. */
export type FigureRow = { cycle: Cycle; unit: string; value: number; confirmed: boolean; count?: number };

/** A unit's realized-value totals. */
export type UnitTotal = {
  /** What the unit is counted by (case, spacing and currency symbols folded); stable, for keys. */
  key: string;
  /** The unit as shown: the spelling most figures use ("" when none was given). */
  unit: string;
  /** ISO 4217 code when the unit is money. */
  currency: string | null;
  confirmed: number;
  selfReported: number;
  /** How many figures went into each sum. */
  confirmedCount: number;
  selfReportedCount: number;
};

/** A unit's total in a cycle other than realized value. */
export type CycleUnitTotal = { key: string; unit: string; currency: string | null; total: number; count: number };

export type OtherCycle = Exclude<Cycle, "REALIZED">;

export type FigureTotals = {
  /** Realized value: the REALIZED cycle's figures by unit. */
  realized: UnitTotal[];
  /** The other cycles' figures, per cycle (cycle order, only cycles with figures). */
  otherCycles: { cycle: OtherCycle; units: CycleUnitTotal[] }[];
};

// ---------------------------------------------------------------------------------------------
// Units

const MINUTES_SAVED = new Set(["minutes saved", "minute saved", "mins saved", "min saved"]);
const HOURS_SAVED = new Set(["hours saved", "hour saved", "hrs saved", "hr saved"]);
const TIME_SAVED = "hours saved";

/**
 * Currency codes recognised in any case ("eur avoided"). Any other ISO 4217 code counts only when
 * written in capitals, so words such as "all" or "top" are never taken for money.
 */
const COMMON_CURRENCIES = new Set(
  "EUR USD GBP CHF JPY CNY SEK NOK DKK ISK PLN CZK HUF RON BGN TRY CAD AUD NZD INR BRL MXN ZAR SGD HKD KRW ILS AED SAR".split(" "),
);
const CURRENCY_SYMBOLS: Record<string, string> = {
  "€": "EUR",
  "£": "GBP",
  $: "USD",
  US$: "USD",
  "¥": "JPY",
  "₹": "INR",
  "₩": "KRW",
  "₺": "TRY",
  euro: "EUR",
  euros: "EUR",
};
let isoCodes: Set<string> | null = null;

function currencyOfToken(token: string): string | null {
  const t = token.replace(/^\((.*)\)$/, "$1");
  if (t === "") return null;
  const symbol = CURRENCY_SYMBOLS[t] ?? CURRENCY_SYMBOLS[t.toLowerCase()];
  if (symbol) return symbol;
  if (!/^[A-Za-z]{3}$/.test(t)) return null;
  const upper = t.toUpperCase();
  if (COMMON_CURRENCIES.has(upper)) return upper;
  isoCodes ??= new Set(Intl.supportedValuesOf("currency"));
  return t === upper && isoCodes.has(upper) ? upper : null;
}

/** A unit as written, trimmed, with its inner whitespace collapsed to one space. */
export function unitSpelling(unit: string): string {
  return unit.trim().replace(/\s+/g, " ");
}

export type UnitInfo = {
  key: string;
  /** What a value in this unit is divided by to be counted under `key` (60 for minutes saved). */
  divisor: number;
  currency: string | null;
  /** The unit's words besides the currency ("avoided" in "EUR avoided"). */
  rest: string;
};

/**
 * How a unit is counted. Money is the unit's first or last word being a currency code or
 * symbol ("EUR avoided", "€ saved", "cost avoided (EUR)", "USD"): counted by its code and the
 * other words. Everything else by its lower-cased spelling.
 */
export function unitInfo(unit: string): UnitInfo {
  const spelled = unitSpelling(unit);
  const lower = spelled.toLowerCase();
  if (MINUTES_SAVED.has(lower)) return { key: TIME_SAVED, divisor: 60, currency: null, rest: TIME_SAVED };
  if (HOURS_SAVED.has(lower)) return { key: TIME_SAVED, divisor: 1, currency: null, rest: TIME_SAVED };
  const words = spelled === "" ? [] : spelled.split(" ");
  for (const at of words.length > 1 ? [0, words.length - 1] : [0]) {
    const currency = currencyOfToken(words[at] ?? "");
    if (!currency) continue;
    const rest = words.filter((_, i) => i !== at).join(" ");
    return { key: `${currency} ${rest.toLowerCase()}`.trim(), divisor: 1, currency, rest };
  }
  return { key: lower, divisor: 1, currency: null, rest: spelled };
}

/** The spelling a figure votes for: as written, except that time saved is "hours saved" unless written so. */
function vote(unit: string): string {
  const spelled = unitSpelling(unit);
  const info = unitInfo(spelled);
  return info.key === TIME_SAVED && spelled.toLowerCase() !== TIME_SAVED ? TIME_SAVED : spelled;
}

/** The most used spelling; on a tie the first in code-point order (capitals before small letters). */
function chosenSpelling(votes: Map<string, number>): string {
  let best = "";
  let most = -1;
  for (const [spelling, n] of votes) if (n > most || (n === most && spelling < best)) [best, most] = [spelling, n];
  return best;
}

/** A unit's name where one is needed on its own (a table's unit column). */
export function unitName(unit: string): string {
  return unitSpelling(unit) || "(no unit)";
}

// ---------------------------------------------------------------------------------------------
// Formatting

const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, cents: boolean): Intl.NumberFormat {
  const key = `${currency}:${cents}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 });
    moneyFormats.set(key, f);
  }
  return f;
}

/** The number alone, as money when the unit is: "€25,750", "US$300.50", "1.93". */
export function formatAmount(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "—";
  const { currency } = unitInfo(unit);
  if (currency) return moneyFormat(currency, !Number.isInteger(Math.round(value * 100) / 100)).format(value);
  return NUMBER.format(value);
}

/** A figure in words: "€25,000 avoided", "US$300", "1.5 hours saved", "4 Minutes to answer", "3". */
export function formatFigure(value: number, unit: string): string {
  const info = unitInfo(unit);
  const amount = formatAmount(value, unit);
  const words = info.currency ? info.rest : unitSpelling(unit);
  return words ? `${amount} ${words}` : amount;
}

/**
 * A spreadsheet number format showing the unit's currency ("€"#,##0.00), or the plain number
 * format for anything else.
 */
export function spreadsheetNumberFormat(unit: string): string {
  const { currency } = unitInfo(unit);
  if (!currency) return "#,##0.##";
  const parts = moneyFormat(currency, true).formatToParts(1);
  const symbol = parts.filter((p) => p.type === "currency" || p.type === "literal").map((p) => p.value);
  const before = parts.findIndex((p) => p.type === "currency") < parts.findIndex((p) => p.type === "integer");
  const quoted = `"${symbol.join("").replace(/"/g, "").replace(/\s/g, " ")}"`;
  return before ? `${quoted}#,##0.00` : `#,##0.00${quoted}`;
}

// ---------------------------------------------------------------------------------------------
// Totals

const round2 = (n: number) => Math.round(n * 100) / 100;
/** Largest total first, then by key. */
function byTotal<T extends { key: string }>(total: (x: T) => number): (a: T, b: T) => number {
  return (a, b) => total(b) - total(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The figures of a report: realized value by unit (confirmed and self-reported apart), and the
 * other cycles' figures per cycle and unit. Sums are made per unit as written and converted once
 * (10 + 20 minutes are exactly 0.5 hours), then rounded to cents as figures are stored. Largest
 * total first, then by unit. A unit is shown with the same spelling in every cycle.
 */
export function figureTotals(rows: readonly FigureRow[]): FigureTotals {
  const votes = new Map<string, Map<string, number>>();
  type Part = { confirmed: number; self: number };
  type Acc = { parts: Map<number, Part>; confirmedCount: number; selfReportedCount: number; currency: string | null };
  const accs = new Map<Cycle, Map<string, Acc>>(CYCLES.map((c) => [c, new Map()]));

  for (const row of rows) {
    const count = row.count ?? 1;
    if (!Number.isFinite(row.value) || !Number.isFinite(count) || count <= 0 || !accs.has(row.cycle)) continue;
    const info = unitInfo(row.unit);
    const spelled = votes.get(info.key) ?? new Map<string, number>();
    const v = vote(row.unit);
    spelled.set(v, (spelled.get(v) ?? 0) + count);
    votes.set(info.key, spelled);

    const perUnit = accs.get(row.cycle)!;
    const acc = perUnit.get(info.key) ?? { parts: new Map(), confirmedCount: 0, selfReportedCount: 0, currency: info.currency };
    const part = acc.parts.get(info.divisor) ?? { confirmed: 0, self: 0 };
    // Only realized figures are confirmed; elsewhere a stray confirmation changes nothing.
    if (row.confirmed && row.cycle === "REALIZED") {
      part.confirmed += row.value;
      acc.confirmedCount += count;
    } else {
      part.self += row.value;
      acc.selfReportedCount += count;
    }
    acc.parts.set(info.divisor, part);
    perUnit.set(info.key, acc);
  }

  const sums = (acc: Acc) => {
    let confirmed = 0;
    let self = 0;
    for (const [divisor, part] of acc.parts) {
      confirmed += part.confirmed / divisor;
      self += part.self / divisor;
    }
    return { confirmed: round2(confirmed), self: round2(self) };
  };
  const shown = (key: string) => chosenSpelling(votes.get(key) ?? new Map());

  const realized: UnitTotal[] = [...accs.get("REALIZED")!].map(([key, acc]) => {
    const s = sums(acc);
    return {
      key,
      unit: shown(key),
      currency: acc.currency,
      confirmed: s.confirmed,
      selfReported: s.self,
      confirmedCount: acc.confirmedCount,
      selfReportedCount: acc.selfReportedCount,
    };
  });
  realized.sort(byTotal((u) => u.confirmed + u.selfReported));

  const otherCycles: FigureTotals["otherCycles"] = [];
  for (const cycle of CYCLES) {
    if (cycle === "REALIZED") continue;
    const units: CycleUnitTotal[] = [...accs.get(cycle)!].map(([key, acc]) => {
      const s = sums(acc);
      return { key, unit: shown(key), currency: acc.currency, total: round2(s.confirmed + s.self), count: acc.confirmedCount + acc.selfReportedCount };
    });
    if (units.length === 0) continue;
    units.sort(byTotal((u) => u.total));
    otherCycles.push({ cycle, units });
  }
  return { realized, otherCycles };
}

// ---------------------------------------------------------------------------------------------
// Headline

export type RealizedHeadline = {
  /** One line per unit with a confirmed total, in the order of the totals: "€25,750 avoided". */
  confirmed: { key: string; text: string; figures: number }[];
  /** Realized figures nobody has confirmed yet. */
  selfReportedFigures: number;
};

/** What a report's headline says about realized value: what is confirmed, unit by unit. */
export function realizedHeadline(units: readonly UnitTotal[]): RealizedHeadline {
  return {
    confirmed: units.filter((u) => u.confirmedCount > 0).map((u) => ({ key: u.key, text: formatFigure(u.confirmed, u.unit), figures: u.confirmedCount })),
    selfReportedFigures: units.reduce((n, u) => n + u.selfReportedCount, 0),
  };
}
