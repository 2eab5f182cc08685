// The summary's small formatting rules (exported for tests). Dates, durations and the number
// formats themselves are lib/domain/format.ts's.
import { formatFigure } from "@/lib/domain/figures";
import { formatDay, formatInteger, formatNumber as formatDecimal, plural as countOf } from "@/lib/domain/format";
import type { SummaryFigure } from "@/lib/domain/leadership-summary";

export { formatDay, formatDays } from "@/lib/domain/format";

/** 1,234 / 12.5 / 0.25 → "0.3". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "0";
  return Math.abs(n) >= 100 || Number.isInteger(n) ? formatInteger(n) : formatDecimal(n);
}

/** "3 stories", with the summary's numbers. */
export function plural(n: number, one: string, many: string): string {
  return countOf(n, one, many, formatNumber);
}

/** "42%", "<1%" for a share above zero that rounds to nothing; "0%" of nothing. */
export function percent(n: number, of: number): string {
  if (of <= 0) return "0%";
  const p = (100 * n) / of;
  return p > 0 && p < 1 ? "<1%" : `${Math.round(p)}%`;
}

/** "€25,000 avoided — confirmed by Marco, 3 Mar 2026" / "2 hours saved — self-reported". */
export function figureLine(f: SummaryFigure): string {
  const what = f.unit.trim() ? formatFigure(f.value, f.unit) : `${formatFigure(f.value, "")} (no unit)`;
  if (f.confirmedAt) {
    const by = f.confirmedBy ? ` by ${f.confirmedBy}` : "";
    return `${what} — confirmed${by}, ${formatDay(f.confirmedAt)}`;
  }
  return `${what} — self-reported`;
}

/** One line of text: whitespace collapsed, control characters removed. */
export function clean(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
