// Each person's time zone: which names are zones, and dates written in them (fixed instants,
// worked out by hand from the zones' offsets, across daylight-saving changes and midnight).
import { describe, expect, it } from "vitest";
import { timeZoneOf } from "@/lib/domain/actor";
import { formatDate, formatDay } from "@/lib/domain/format";
import { isTimeZone, listTimeZones, resolveTimeZone, timeZoneLabel, TIME_ZONE_MAX } from "@/lib/domain/time-zone";

describe("time zone names", () => {
  it.each([
    ["Europe/Paris", true],
    ["America/Argentina/Buenos_Aires", true],
    ["UTC", true],
    ["Asia/Calcutta", true], // an alias some browsers still report
    ["Mars/Olympus_Mons", false],
    ["local", false],
    ["+02:00", false],
    ["", false],
    ["Europe/Paris\u0000", false],
    ["A".repeat(TIME_ZONE_MAX + 1), false],
    [42, false],
  ])("%s is a zone: %s", (name, ok) => {
    expect(isTimeZone(name)).toBe(ok);
  });

  it("lists the runtime's zones with UTC first, each one a zone", () => {
    const zones = listTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones.length).toBeGreaterThan(300);
    expect(zones).toContain("Europe/Paris");
    expect(zones.every((z) => isTimeZone(z) && z.length <= TIME_ZONE_MAX)).toBe(true);
  });

  it("falls back to UTC for a missing or unknown zone, and labels zones readably", () => {
    expect(resolveTimeZone(null)).toBe("UTC");
    expect(resolveTimeZone("Nowhere/Special")).toBe("UTC");
    expect(resolveTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(timeZoneOf({ timeZone: undefined })).toBe("UTC");
    expect(timeZoneOf({ timeZone: "Asia/Tokyo" })).toBe("Asia/Tokyo");
    expect(timeZoneLabel("America/Argentina/Buenos_Aires")).toBe("America / Argentina / Buenos Aires");
  });
});

describe("dates in a person's zone", () => {
  it.each([
    // Paris: UTC+1 in winter, UTC+2 from 01:00 UTC on the last Sunday of March 2026 (29 March).
    ["2026-03-29T00:30:00Z", "Europe/Paris", "29 Mar 2026, 01:30"],
    ["2026-03-29T01:30:00Z", "Europe/Paris", "29 Mar 2026, 03:30"],
    // Los Angeles, UTC-8 in winter: early on New Year's Day in UTC is New Year's Eve there.
    ["2026-01-01T05:00:00Z", "America/Los_Angeles", "31 Dec 2025, 21:00"],
    // Kolkata, UTC+5:30, no daylight saving.
    ["2026-07-15T20:00:00Z", "Asia/Kolkata", "16 Jul 2026, 01:30"],
    ["2026-07-15T20:00:00Z", "UTC", "15 Jul 2026, 20:00"],
  ])("%s in %s is %s", (iso, zone, expected) => {
    expect(formatDate(iso, "dayTime", zone)).toBe(expected);
  });

  it("writes the calendar day of the zone", () => {
    const lateInUtc = new Date("2026-11-30T23:30:00Z");
    expect(formatDay(lateInUtc, "UTC")).toBe("30 Nov 2026");
    expect(formatDay(lateInUtc, "Asia/Tokyo")).toBe("1 Dec 2026");
    expect(formatDate(lateInUtc, "dayLong", "America/New_York")).toBe("30 November 2026");
    expect(formatDate(lateInUtc, "time", "Asia/Tokyo")).toBe("08:30");
  });
});
