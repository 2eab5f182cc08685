// Weeks for the weekly reflection. Pure: no I/O, no framework.
//
// A week starts on Monday at 00:00 UTC and ends just before the next Monday. Everything here
// is computed in UTC, so a reflection belongs to the same week on every server and in every
// time zone (a person far from UTC may see the week turn over a few hours early or late).
// Weekdays use JavaScript's numbering (0 = Sunday ... 6 = Saturday), as stored in
// Organization.reflectionDay and Membership.reflectionDay; Sunday is the LAST day of a week.
import { formatDay } from "./format";

export const DAY_MS = 86_400_000;

/** The organisation's reminder day when nothing else is set: Friday. */
export const DEFAULT_REFLECTION_DAY = 5;

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** The reminder-day choices in the order of a Monday-start week. */
export const WEEKDAYS_MONDAY_FIRST: readonly { value: number; label: string }[] = [1, 2, 3, 4, 5, 6, 0].map((value) => ({
  value,
  label: WEEKDAY_NAMES[value]!,
}));

export function isWeekday(day: unknown): day is number {
  return typeof day === "number" && Number.isInteger(day) && day >= 0 && day <= 6;
}

/** A weekday's place in a Monday-start week: Monday = 1 ... Saturday = 6, Sunday = 7. */
export function dayOfWeekPosition(day: number): number {
  return day === 0 ? 7 : day;
}

/** Midnight UTC of the Monday that starts the week containing `date`. */
export function weekStartOf(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = dayOfWeekPosition(date.getUTCDay()) - 1;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

/** The Monday after: the exclusive end of the week that starts at `weekStart`. */
export function weekEndOf(weekStart: Date): Date {
  return new Date(weekStartOf(weekStart).getTime() + 7 * DAY_MS);
}

/** "Week of 16 Nov 2026". */
export function weekLabel(weekStart: Date): string {
  const monday = weekStartOf(weekStart);
  return `Week of ${formatDay(monday)}`;
}

/** The person's own reminder day when they set one, else the organisation's (else Friday). */
export function effectiveReflectionDay(orgDay: number | null | undefined, memberDay: number | null | undefined): number {
  if (isWeekday(memberDay)) return memberDay;
  if (isWeekday(orgDay)) return orgDay;
  return DEFAULT_REFLECTION_DAY;
}

/**
 * Whether to remind someone to reflect: from their reminder day to the end of the week
 * (Sunday), as long as this week has no reflection yet ("Nothing this week" counts as one).
 */
export function isReflectionDue(input: { today: Date; reflectionDay: number; hasReflectionThisWeek: boolean }): boolean {
  if (input.hasReflectionThisWeek) return false;
  const day = isWeekday(input.reflectionDay) ? input.reflectionDay : DEFAULT_REFLECTION_DAY;
  return dayOfWeekPosition(input.today.getUTCDay()) >= dayOfWeekPosition(day);
}
