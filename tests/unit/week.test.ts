import { describe, expect, it } from "vitest";
import {
  DEFAULT_REFLECTION_DAY,
  WEEKDAYS_MONDAY_FIRST,
  dayOfWeekPosition,
  effectiveReflectionDay,
  isReflectionDue,
  weekEndOf,
  weekLabel,
  weekStartOf,
} from "@/lib/domain/week";

const d = (iso: string) => new Date(iso);

describe("weekStartOf (weeks start on Monday, UTC)", () => {
  it.each<[string, string, string]>([
    ["a Monday at midnight is its own week start", "2026-11-16T00:00:00.000Z", "2026-11-16"],
    ["a Monday afternoon", "2026-11-16T15:30:00.000Z", "2026-11-16"],
    ["a Wednesday", "2026-11-18T09:00:00.000Z", "2026-11-16"],
    ["a Friday", "2026-11-20T12:00:00.000Z", "2026-11-16"],
    ["a Saturday", "2026-11-21T23:00:00.000Z", "2026-11-16"],
    ["Sunday belongs to the week that started the Monday before", "2026-11-22T12:00:00.000Z", "2026-11-16"],
    ["the last millisecond of Sunday", "2026-11-22T23:59:59.999Z", "2026-11-16"],
    ["the next Monday starts a new week", "2026-11-23T00:00:00.000Z", "2026-11-23"],
    ["a Thursday on New Year's Day, week starts in the old year", "2026-01-01T08:00:00.000Z", "2025-12-29"],
    ["New Year's Eve on a Wednesday", "2025-12-31T22:00:00.000Z", "2025-12-29"],
    ["a Sunday on New Year's Day 2023", "2023-01-01T10:00:00.000Z", "2022-12-26"],
    ["across a month end", "2026-03-01T10:00:00.000Z", "2026-02-23"],
    ["a leap day", "2028-02-29T10:00:00.000Z", "2028-02-28"],
  ])("%s", (_label, input, expected) => {
    expect(weekStartOf(d(input)).toISOString()).toBe(`${expected}T00:00:00.000Z`);
  });

  it("uses UTC, not the local day: late Sunday in UTC-5 is already Monday in UTC", () => {
    // 2026-11-22 21:00 in New York is 2026-11-23 02:00 UTC.
    expect(weekStartOf(d("2026-11-22T21:00:00-05:00")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("is idempotent", () => {
    const start = weekStartOf(d("2026-11-19T10:00:00Z"));
    expect(weekStartOf(start).getTime()).toBe(start.getTime());
  });

  it("weekEndOf is the following Monday", () => {
    expect(weekEndOf(d("2026-12-28T00:00:00Z")).toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(weekEndOf(d("2026-12-30T10:00:00Z")).toISOString()).toBe("2027-01-04T00:00:00.000Z");
  });
});

describe("weekLabel", () => {
  it.each<[string, string]>([
    ["2026-11-16T00:00:00Z", "Week of 16 Nov 2026"],
    ["2026-11-18T12:00:00Z", "Week of 16 Nov 2026"],
    ["2025-12-29T00:00:00Z", "Week of 29 Dec 2025"],
    ["2026-01-01T00:00:00Z", "Week of 29 Dec 2025"],
    ["2026-06-01T00:00:00Z", "Week of 1 Jun 2026"],
  ])("%s → %s", (input, expected) => {
    expect(weekLabel(d(input))).toBe(expected);
  });
});

describe("dayOfWeekPosition", () => {
  it.each<[number, number]>([
    [1, 1],
    [2, 2],
    [5, 5],
    [6, 6],
    [0, 7],
  ])("day %i is position %i (Sunday ends the week)", (day, position) => {
    expect(dayOfWeekPosition(day)).toBe(position);
  });

  it("lists the reminder days Monday to Sunday", () => {
    expect(WEEKDAYS_MONDAY_FIRST.map((w) => w.label)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    expect(WEEKDAYS_MONDAY_FIRST.map((w) => w.value)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });
});

describe("effectiveReflectionDay", () => {
  it.each<[string, number | null | undefined, number | null | undefined, number]>([
    ["the organisation's day when the person has none", 5, null, 5],
    ["the organisation's day when the person's is undefined", 3, undefined, 3],
    ["the person's day overrides the organisation's", 5, 1, 1],
    ["Sunday (0) is a real choice, not 'unset'", 5, 0, 0],
    ["the organisation may choose Sunday", 0, null, 0],
    ["an out-of-range personal day is ignored", 4, 9, 4],
    ["a fractional day is ignored", 4, 2.5, 4],
    ["Friday when neither is usable", null, null, DEFAULT_REFLECTION_DAY],
    ["Friday when the organisation's is out of range", 7, null, 5],
  ])("%s", (_label, orgDay, memberDay, expected) => {
    expect(effectiveReflectionDay(orgDay, memberDay)).toBe(expected);
  });
});

describe("isReflectionDue", () => {
  // 16 Nov 2026 is a Monday; 22 Nov 2026 is a Sunday.
  const mon = "2026-11-16T08:00:00Z";
  const thu = "2026-11-19T08:00:00Z";
  const fri = "2026-11-20T00:00:00Z";
  const sat = "2026-11-21T18:00:00Z";
  const sun = "2026-11-22T23:00:00Z";
  const nextMon = "2026-11-23T00:00:00Z";

  it.each<[string, string, number, boolean, boolean]>([
    ["Thursday, reminder on Friday: not yet", thu, 5, false, false],
    ["Friday at midnight, reminder on Friday: due", fri, 5, false, true],
    ["Saturday, reminder on Friday: due", sat, 5, false, true],
    ["Sunday, reminder on Friday: still due (end of the week)", sun, 5, false, true],
    ["next Monday, reminder on Friday: a new week, not yet", nextMon, 5, false, false],
    ["Friday, already reflected: not due", fri, 5, true, false],
    ["Sunday, already reflected: not due", sun, 5, true, false],
    ["Monday, reminder on Monday: due all week", mon, 1, false, true],
    ["Sunday, reminder on Monday: due", sun, 1, false, true],
    ["Monday, reminder on Sunday: not yet", mon, 0, false, false],
    ["Saturday, reminder on Sunday: not yet", sat, 0, false, false],
    ["Sunday, reminder on Sunday: due", sun, 0, false, true],
    ["Sunday, reminder on Saturday: due", sun, 6, false, true],
    ["Saturday, reminder on Saturday: due", sat, 6, false, true],
    ["Friday, reminder on Saturday: not yet", fri, 6, false, false],
  ])("%s", (_label, today, reflectionDay, hasReflectionThisWeek, expected) => {
    expect(isReflectionDue({ today: d(today), reflectionDay, hasReflectionThisWeek })).toBe(expected);
  });

  it("works across a year boundary: Thursday 1 Jan 2026 is after a Wednesday reminder in the week of 29 Dec", () => {
    expect(isReflectionDue({ today: d("2026-01-01T10:00:00Z"), reflectionDay: 3, hasReflectionThisWeek: false })).toBe(true);
    expect(isReflectionDue({ today: d("2026-01-01T10:00:00Z"), reflectionDay: 5, hasReflectionThisWeek: false })).toBe(false);
  });

  it("falls back to Friday for an invalid day", () => {
    expect(isReflectionDue({ today: d(thu), reflectionDay: 42, hasReflectionThisWeek: false })).toBe(false);
    expect(isReflectionDue({ today: d(fri), reflectionDay: 42, hasReflectionThisWeek: false })).toBe(true);
  });
});
