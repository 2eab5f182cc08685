import { describe, expect, it } from "vitest";
import { SIGN_IN_POLICY, throttle, type ThrottlePolicy } from "@/lib/domain/rate-limit";

const now = new Date("2025-03-10T12:00:00.000Z");
const policy: ThrottlePolicy = { maxFailures: 3, windowMs: 60_000 };
/** A failure `ms` milliseconds before `now` (negative: in the future). */
const ago = (ms: number) => new Date(now.getTime() - ms);
const secondsAgo = (...s: number[]) => s.map((x) => ago(x * 1000));

describe("throttle", () => {
  it.each([
    ["no failures", []],
    ["one failure", secondsAgo(5)],
    ["one under the limit", secondsAgo(5, 10)],
  ])("allows sign-in with %s", (_label, failures) => {
    expect(throttle(failures, now, policy)).toEqual({ allowed: true });
  });

  it.each([
    // At the limit, the oldest of the last `maxFailures` must leave the window: (60 - its age) seconds.
    ["exactly at the limit", secondsAgo(10, 20, 30), 30],
    ["at the limit, failures just now", secondsAgo(0, 0, 0), 60],
    // Over the limit: allowed again once only two remain, i.e. when the third-newest (3 s ago) expires.
    ["over the limit", secondsAgo(1, 2, 3, 4, 5), 57],
    ["unsorted input", secondsAgo(30, 10, 50, 20), 30],
    ["unsorted input, mixed", secondsAgo(40, 10, 50, 20), 20],
  ])("blocks %s with the right retryAfterSeconds", (_label, failures, retry) => {
    expect(throttle(failures, now, policy)).toEqual({ allowed: false, retryAfterSeconds: retry });
  });

  it("rounds the wait up to whole seconds and never answers less than one", () => {
    // Third failure expires in 1 ms: still a 1-second wait, not 0.
    expect(throttle([ago(0), ago(0), ago(59_999)], now, policy)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Expires in 59.999 s: rounded up to 60.
    expect(throttle([ago(1), ago(1), ago(1)], now, policy)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // Expires in 30.5 s: 31.
    expect(throttle([ago(0), ago(0), ago(29_500)], now, policy)).toEqual({ allowed: false, retryAfterSeconds: 31 });
  });

  it.each([
    ["all outside the window", secondsAgo(61, 120, 3600)],
    ["exactly on the window's edge", [ago(60_000), ago(60_000), ago(60_000)]],
    ["two inside, the rest outside", [...secondsAgo(5, 10), ...secondsAgo(61, 62, 63)]],
  ])("ignores failures outside the window: %s", (_label, failures) => {
    expect(throttle(failures, now, policy)).toEqual({ allowed: true });
  });

  it("counts a failure just inside the window's edge", () => {
    expect(throttle([ago(59_999), ago(0), ago(0)], now, policy).allowed).toBe(false);
  });

  it.each([
    ["all in the future", [ago(-1000), ago(-2000), ago(-3000)]],
    ["two now, one in the future", [ago(0), ago(0), ago(-1)]],
  ])("ignores failures in the future: %s", (_label, failures) => {
    expect(throttle(failures, now, policy)).toEqual({ allowed: true });
  });

  it("does not change the caller's array", () => {
    const failures = secondsAgo(30, 10, 50);
    const copy = [...failures];
    throttle(failures, now, policy);
    expect(failures).toEqual(copy);
  });
});

describe("SIGN_IN_POLICY", () => {
  it("allows 5 failures per account and 30 per address in 15 minutes", () => {
    expect(SIGN_IN_POLICY.perAccount).toEqual({ maxFailures: 5, windowMs: 900_000 });
    expect(SIGN_IN_POLICY.perAddress).toEqual({ maxFailures: 30, windowMs: 900_000 });
  });

  it("blocks the sixth attempt for an account after five quick failures, for about 15 minutes", () => {
    const failures = secondsAgo(1, 2, 3, 4, 5);
    expect(throttle(failures.slice(0, 4), now, SIGN_IN_POLICY.perAccount)).toEqual({ allowed: true });
    expect(throttle(failures, now, SIGN_IN_POLICY.perAccount)).toEqual({ allowed: false, retryAfterSeconds: 900 - 5 });
  });
});
