// When a nudge is due, in the person's own time zone: fixed instants around DST changes and the
// date line, worked out by hand (offsets from the IANA rules of 2026).
import { describe, expect, it } from "vitest";
import { addDays, dailyNudgeDue, localTime, nudgeEmail, weeklyNudgeDue } from "@/lib/domain/nudges";
import { nudgePreferencesSchema } from "@/lib/validation/nudges";

const at = (iso: string) => new Date(iso);

describe("localTime", () => {
  it("reads the date, weekday and hour in the zone", () => {
    // 2026-11-20 is a Friday; Auckland is UTC+13 in November (daylight time).
    expect(localTime(at("2026-11-20T20:00:00Z"), "Pacific/Auckland")).toEqual({ date: "2026-11-21", weekday: 6, hour: 9 });
    expect(localTime(at("2026-11-20T00:30:00Z"), "America/Los_Angeles")).toEqual({ date: "2026-11-19", weekday: 4, hour: 16 });
    expect(localTime(at("2026-11-20T00:30:00Z"), "UTC")).toEqual({ date: "2026-11-20", weekday: 5, hour: 0 });
  });
  it("adds calendar days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-02", -2)).toBe("2026-02-28");
  });
});

describe("daily nudges (follow-ups, shared with you)", () => {
  const daily = (iso: string, timeZone: string, hour: number, days: "weekdays" | "every_day" = "every_day") =>
    dailyNudgeDue({ at: at(iso), timeZone, hour, days });

  it("go out from the chosen local hour, whatever the offset of the day (Paris before and after the spring change)", () => {
    // Friday 27 March 2026: CET, UTC+1. 09:00 in Paris is 08:00 UTC.
    expect(daily("2026-03-27T07:59:00Z", "Europe/Paris", 9)).toEqual({ due: false });
    expect(daily("2026-03-27T08:00:00Z", "Europe/Paris", 9)).toEqual({ due: true, period: "2026-03-27" });
    // Monday 30 March 2026: CEST, UTC+2. 09:00 in Paris is 07:00 UTC.
    expect(daily("2026-03-30T06:59:00Z", "Europe/Paris", 9)).toEqual({ due: false });
    expect(daily("2026-03-30T07:00:00Z", "Europe/Paris", 9)).toEqual({ due: true, period: "2026-03-30" });
  });

  it("on a day the clocks skip the chosen hour, go out at the next hour there is (New York, 8 March 2026, 02:00 → 03:00)", () => {
    expect(daily("2026-03-08T06:59:00Z", "America/New_York", 2)).toEqual({ due: false }); // 01:59 EST
    expect(daily("2026-03-08T07:00:00Z", "America/New_York", 2)).toEqual({ due: true, period: "2026-03-08" }); // 03:00 EDT
  });

  it("on a day an hour comes twice, both are the same period: one nudge (Paris, 25 October 2026, 03:00 → 02:00)", () => {
    expect(daily("2026-10-25T00:30:00Z", "Europe/Paris", 2)).toEqual({ due: true, period: "2026-10-25" }); // 02:30 CEST
    expect(daily("2026-10-25T01:30:00Z", "Europe/Paris", 2)).toEqual({ due: true, period: "2026-10-25" }); // 02:30 CET
  });

  it("Monday to Friday means the person's own weekdays (a Friday in UTC is already Saturday in Auckland)", () => {
    expect(daily("2026-11-20T20:00:00Z", "Pacific/Auckland", 9, "weekdays")).toEqual({ due: false });
    expect(daily("2026-11-20T20:00:00Z", "Pacific/Auckland", 9, "every_day")).toEqual({ due: true, period: "2026-11-21" });
    expect(daily("2026-11-20T20:00:00Z", "UTC", 9, "weekdays")).toEqual({ due: true, period: "2026-11-20" });
  });

  it("the local day's period ends at local midnight, not UTC midnight (Los Angeles, UTC−8)", () => {
    // 16:30 on Thursday 19 November in Los Angeles, already Friday in UTC.
    expect(daily("2026-11-20T00:30:00Z", "America/Los_Angeles", 9)).toEqual({ due: true, period: "2026-11-19" });
    expect(daily("2026-11-20T08:00:00Z", "America/Los_Angeles", 9)).toEqual({ due: false }); // 00:00 Friday there
  });
});

describe("the weekly reflection reminder", () => {
  const weekly = (iso: string, timeZone: string, reflectionDay: number, hour = 9) => weeklyNudgeDue({ at: at(iso), timeZone, hour, reflectionDay });

  it("is due from the chosen hour of the reminder day until the end of the person's week", () => {
    // Friday 20 November 2026, Los Angeles (PST, UTC−8): 09:00 there is 17:00 UTC.
    expect(weekly("2026-11-20T16:59:00Z", "America/Los_Angeles", 5)).toEqual({ due: false });
    expect(weekly("2026-11-20T17:00:00Z", "America/Los_Angeles", 5)).toEqual({ due: true, period: "2026-11-20" });
    // Sunday afternoon there: still that week's reminder.
    expect(weekly("2026-11-22T23:00:00Z", "America/Los_Angeles", 5)).toEqual({ due: true, period: "2026-11-20" });
    // Monday 00:00 there: a new week, before its Friday.
    expect(weekly("2026-11-23T08:00:00Z", "America/Los_Angeles", 5)).toEqual({ due: false });
  });

  it("a Monday reminder in Auckland goes out on Sunday evening UTC", () => {
    expect(weekly("2026-11-15T19:59:00Z", "Pacific/Auckland", 1)).toEqual({ due: false }); // Monday 08:59 NZDT
    expect(weekly("2026-11-15T20:00:00Z", "Pacific/Auckland", 1)).toEqual({ due: true, period: "2026-11-16" });
  });

  it("a Sunday reminder is the last day of the week", () => {
    expect(weekly("2026-11-21T12:00:00Z", "UTC", 0)).toEqual({ due: false }); // Saturday
    expect(weekly("2026-11-22T09:00:00Z", "UTC", 0)).toEqual({ due: true, period: "2026-11-22" });
  });
});

describe("the nudge e-mail", () => {
  it("has absolute links and the person's unsubscribe link", () => {
    const mail = nudgeEmail({
      name: "Ava",
      content: { kind: "shared", items: [{ text: "Priya shared “A tip”", href: "/stories/abc" }] },
      baseUrl: "https://ripple.example",
      unsubscribeUrl: "https://ripple.example/unsubscribe/t",
    });
    expect(mail.subject).toBe("A story was shared with you on Ripple");
    expect(mail.text).toContain("- Priya shared “A tip”\n  https://ripple.example/stories/abc");
    expect(mail.text).toContain("https://ripple.example/team");
    expect(mail.text).toContain("Stop these e-mails (stories shared with you): https://ripple.example/unsubscribe/t");
  });
});

describe("the preferences form", () => {
  it("accepts the choices and refuses anything else with a message", () => {
    expect(nudgePreferencesSchema.parse({ followUps: "email", reflection: "off", shared: "slack", hour: "7", days: "every_day" })).toEqual({
      followUps: "email",
      reflection: "off",
      shared: "slack",
      hour: 7,
      days: "every_day",
    });
    const bad = nudgePreferencesSchema.safeParse({ followUps: "sms", reflection: "off", shared: "email", hour: "24", days: "weekends" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["followUps", "Choose how you want to be reminded from the list."],
      ["hour", "Choose an hour from the list."],
      ["days", "Choose the days from the list."],
    ]);
  });
});
