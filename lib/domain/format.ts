// How Ripple writes numbers, counts, durations and dates for people, in British English, in one
// place. Pure: no I/O.
//
// Dates take a time zone: an IANA name ("Europe/Paris"), "UTC" (the default: what every page,
// export and e-mail shows today), or "local" for the zone of the runtime that renders (the
// browser's, for a moment that happened in it: "Saved at 14:03"). One Intl.DateTimeFormat is
// made per style and zone, on first use, and kept.

// ---------------------------------------------------------------------------------------------
// Numbers and counts

const integerFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** "1,234.5": grouped, at most one decimal. */
export function formatNumber(n: number): string {
  return decimalFormat.format(n);
}

/** "1,235": grouped, rounded to a whole number. */
export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

/** "1 story", "1,234 stories": the count written by `format` (formatNumber by default), then the word. */
export function plural(n: number, one: string, many: string, format: (n: number) => string = formatNumber): string {
  return `${format(n)} ${n === 1 ? one : many}`;
}

/**
 * A duration in days, as the reports and the leadership summary say it: "same day", "under a
 * day", "1 day", "3.5 days" (half days below ten), "14 days"; an em dash without a value.
 */
export function formatDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return "—";
  if (days < 0.5) return days === 0 ? "same day" : "under a day";
  const rounded = days < 10 ? Math.round(days * 2) / 2 : Math.round(days);
  return `${decimalFormat.format(rounded)} ${rounded === 1 ? "day" : "days"}`;
}

/**
 * A number of bytes: "512 bytes", "1.5 KB", "12 MB" (1 KB = 1024 bytes, like file managers
 * show; one decimal below ten). `progress` keeps one decimal always ("12.0 MB"), so a count that
 * grows as a download arrives keeps its width.
 */
export function formatBytes(bytes: number, style: "size" | "progress" = "size"): string {
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${bytes} bytes`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (style === "progress") return `${value.toFixed(1)} ${units[unit]}`;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${units[unit]}`;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** An IANA time zone name, "UTC", or "local" (the zone of the runtime that renders). */
export type TimeZone = string;

/** Ripple shows dates in UTC unless told otherwise. */
export const DEFAULT_TIME_ZONE: TimeZone = "UTC";

/** The ways Ripple writes a date, with what each looks like (on 7 Mar 2025 at 10:05). */
export const DATE_STYLES = {
  /** "7 Mar 2025" */
  day: { day: "numeric", month: "short", year: "numeric" },
  /** "7 March 2025" */
  dayLong: { day: "numeric", month: "long", year: "numeric" },
  /** "7 March" */
  dayMonthLong: { day: "numeric", month: "long" },
  /** "Fri 7 Mar" */
  weekdayDay: { weekday: "short", day: "numeric", month: "short" },
  /** "March 2025" */
  monthYearLong: { month: "long", year: "numeric" },
  /** "7 Mar 2025, 10:05" */
  dayTime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** "7 Mar, 10:05" */
  dayMonthTime: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  /** "10:05" */
  time: { hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: DateStyle, timeZone: TimeZone): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { ...DATE_STYLES[style], ...(timeZone === "local" ? {} : { timeZone }) });
    dateFormats.set(key, format);
  }
  return format;
}

/** A date (or its ISO text, or its time in milliseconds) in one of the styles above. */
export function formatDate(date: Date | string | number, style: DateStyle, timeZone: TimeZone = DEFAULT_TIME_ZONE): string {
  return dateFormat(style, timeZone).format(date instanceof Date ? date : new Date(date));
}

/**
 * Three-letter English month names, fixed: the ICU data behind Intl writes September "Sept" in
 * some versions and "Sep" in others, and labels that go into files (PDF, trend buckets) must
 * read the same on every machine.
 */
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `date` in `timeZone`: year, month (0–11) and day of the month. */
function calendarDay(date: Date, timeZone: TimeZone): { year: number; month: number; day: number } {
  if (timeZone === "UTC") return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
  if (timeZone === "local") return { year: date.getFullYear(), month: date.getMonth(), day: date.getDate() };
  let format = calendarFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    calendarFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month") - 1, day: part("day") };
}

/** "3 Mar 2026", with the fixed month names. */
export function formatDay(date: Date, timeZone: TimeZone = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = calendarDay(date, timeZone);
  return `${day} ${MONTHS[month]} ${year}`;
}

/** "Mar 2026", with the fixed month names. */
export function formatMonth(date: Date, timeZone: TimeZone = DEFAULT_TIME_ZONE): string {
  const { year, month } = calendarDay(date, timeZone);
  return `${MONTHS[month]} ${year}`;
}
