import { describe, expect, it } from "vitest";
import { formatDate, formatDay, formatInteger, formatMonth, formatNumber, plural, type DateStyle } from "@/lib/domain/format";

describe("numbers and counts", () => {
  it.each([
    [1234.56, "1,234.6", "1,235"],
    [0.04, "0", "0"],
    [-2.25, "-2.3", "-2"],
  ])("%s", (n, decimal, integer) => {
    expect(formatNumber(n)).toBe(decimal);
    expect(formatInteger(n)).toBe(integer);
  });

  it("says the count with the right word, written as asked", () => {
    expect(plural(1, "story", "stories")).toBe("1 story");
    expect(plural(0, "story", "stories")).toBe("0 stories");
    expect(plural(1234, "story", "stories")).toBe("1,234 stories");
    expect(plural(1234, "story", "stories", String)).toBe("1234 stories");
  });
});

describe("dates", () => {
  // 7 Mar 2025 at 23:30 UTC is already 8 Mar in Auckland and still 7 Mar in New York.
  const late = new Date("2025-03-07T23:30:00Z");

  it.each<[DateStyle, string]>([
    ["day", "7 Mar 2025"],
    ["dayLong", "7 March 2025"],
    ["dayMonthLong", "7 March"],
    ["weekdayDay", "Fri 7 Mar"],
    ["monthYearLong", "March 2025"],
    ["dayTime", "7 Mar 2025, 23:30"],
    ["dayMonthTime", "7 Mar, 23:30"],
    ["time", "23:30"],
  ])("%s, in UTC unless told otherwise", (style, expected) => {
    expect(formatDate(late, style)).toBe(expected);
    expect(formatDate(late.toISOString(), style, "UTC")).toBe(expected);
    expect(formatDate(late.getTime(), style)).toBe(expected);
  });

  it("in a time zone that is passed", () => {
    expect(formatDate(late, "dayTime", "Pacific/Auckland")).toBe("8 Mar 2025, 12:30");
    expect(formatDate(late, "day", "America/New_York")).toBe("7 Mar 2025");
    expect(formatDay(late, "Pacific/Auckland")).toBe("8 Mar 2025");
    expect(formatMonth(new Date("2025-03-31T20:00:00Z"), "Asia/Tokyo")).toBe("Apr 2025");
  });

  it("writes days and months with fixed month names, whatever the ICU data says", () => {
    const september = new Date("2025-09-07T00:00:00Z");
    expect(formatDay(september)).toBe("7 Sep 2025");
    expect(formatMonth(september)).toBe("Sep 2025");
    expect(formatDay(new Date("2026-01-01T00:00:00Z"))).toBe("1 Jan 2026");
  });
});
