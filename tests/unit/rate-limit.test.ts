import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  budgetLevel,
  charge,
  chargeAll,
  describeWait,
  EMPTY_STATE,
  refund,
  retryAfterSeconds,
  SIGN_IN_LIMITS,
  SIGN_UP_LIMITS,
  type BackoffPolicy,
  type BudgetPolicy,
  type LimitPolicy,
  type LimitState,
} from "@/lib/domain/rate-limit";

const now = new Date("2025-03-10T12:00:00.000Z");
/** A state with `count`, last touched `ms` milliseconds before `now` (negative: in the future). */
const st = (count: number, ms: number | null): LimitState => ({ count, at: ms === null ? null : new Date(now.getTime() - ms) });

const backoff: BackoffPolicy = { kind: "backoff", free: 3, baseMs: 1000, capMs: 8000, forgetAfterMs: 60_000, onSuccess: "reset" };
const budget: BudgetPolicy = { kind: "budget", capacity: 3, refillMs: 10_000 };

describe("backoffDelayMs", () => {
  // free 3, base 1 s, cap 8 s: nothing for the first three, then 1, 2, 4, 8, 8 … seconds.
  it.each([
    [0, 0],
    [2, 0],
    [3, 1000],
    [4, 2000],
    [5, 4000],
    [6, 8000],
    [7, 8000], // 16 s, capped
    [1000, 8000], // 2^997 is Infinity for a double: still the cap
  ])("after %i failures waits %i ms", (failures, ms) => {
    expect(backoffDelayMs(failures, backoff)).toBe(ms);
  });
});

describe("charge, backoff", () => {
  it.each([
    ["nothing yet", st(0, null), { allowed: true, next: st(1, 0) }],
    ["two failures, just now (still free)", st(2, 0), { allowed: true, next: st(3, 0) }],
    ["three failures, 0.5 s ago", st(3, 500), { allowed: false, retryAfterMs: 500 }],
    ["three failures, 1 s ago", st(3, 1000), { allowed: true, next: st(4, 0) }],
    ["four failures, 1.5 s ago", st(4, 1500), { allowed: false, retryAfterMs: 500 }],
    ["six failures, 7.999 s ago", st(6, 7999), { allowed: false, retryAfterMs: 1 }],
    ["six failures, 8 s ago", st(6, 8000), { allowed: true, next: st(7, 0) }],
    ["ten failures, 8 s ago (capped)", st(10, 8000), { allowed: true, next: st(11, 0) }],
    ["ten failures, 59.999 s ago", st(10, 59_999), { allowed: true, next: st(11, 0) }],
    ["ten failures, 60 s ago: forgotten, counts from one", st(10, 60_000), { allowed: true, next: st(1, 0) }],
    ["three failures, the last 5 s in the future (clock moved back)", st(3, -5000), { allowed: false, retryAfterMs: 1000 }],
  ])("%s", (_label, state, expected) => {
    expect(charge(state, now, backoff)).toEqual(expected);
  });

  it("lets exactly `free` attempts of a simultaneous burst through, whatever its size", () => {
    let state = EMPTY_STATE;
    const outcomes: boolean[] = [];
    for (let i = 0; i < 30; i++) {
      const d = charge(state, now, backoff);
      outcomes.push(d.allowed);
      if (d.allowed) state = d.next;
    }
    expect(outcomes.filter(Boolean)).toHaveLength(3);
    expect(outcomes.slice(0, 3)).toEqual([true, true, true]);
    expect(charge(state, now, backoff)).toEqual({ allowed: false, retryAfterMs: 1000 });
  });
});

describe("charge, budget", () => {
  // capacity 3, one more every 10 s.
  it.each([
    ["empty", st(0, null), { allowed: true, next: st(1, 0) }],
    ["two used just now", st(2, 0), { allowed: true, next: st(3, 0) }],
    ["full just now", st(3, 0), { allowed: false, retryAfterMs: 10_000 }],
    ["full 5 s ago (level 2.5)", st(3, 5000), { allowed: false, retryAfterMs: 5000 }],
    ["full 10 s ago (level 2)", st(3, 10_000), { allowed: true, next: st(3, 0) }],
    ["full 30 s ago (empty again)", st(3, 30_000), { allowed: true, next: st(1, 0) }],
    ["full 40 s ago (never below empty)", st(3, 40_000), { allowed: true, next: st(1, 0) }],
    ["full, measured 5 s in the future", st(3, -5000), { allowed: false, retryAfterMs: 10_000 }],
  ])("%s", (_label, state, expected) => {
    expect(charge(state, now, budget)).toEqual(expected);
  });

  it.each([
    [st(3, 0), 3],
    [st(3, 5000), 2.5],
    [st(3, 25_000), 0.5],
    [st(3, 31_000), 0],
    [st(2, null), 2],
  ])("level of %o is %f", (state, level) => {
    expect(budgetLevel(state, now, budget)).toBeCloseTo(level, 10);
  });
});

describe("refund", () => {
  const refundOnly: BackoffPolicy = { ...backoff, onSuccess: "refund" };
  it.each([
    ["backoff, reset", backoff, st(7, 0), st(0, null)],
    ["backoff, refund: takes back one", refundOnly, st(7, 2000), st(6, 2000)],
    ["backoff, refund: never below zero", refundOnly, st(0, null), st(0, null)],
    ["backoff, refund: a forgotten count is zero", refundOnly, st(7, 60_000), st(0, 60_000)],
    ["budget: one back", budget, st(3, 0), st(2, 0)],
    ["budget: one back after leaking", budget, st(3, 10_000), st(1, 0)],
    ["budget: never below empty", budget, st(0.5, 0), st(0, 0)],
  ] as [string, LimitPolicy, LimitState, LimitState][])("%s", (_label, policy, state, expected) => {
    expect(refund(state, now, policy)).toEqual(expected);
  });
});

describe("chargeAll", () => {
  it("charges every limit when each allows", () => {
    const d = chargeAll(
      [
        { key: "a", state: st(0, null), policy: backoff },
        { key: "b", state: st(1, 0), policy: budget },
      ],
      now,
    );
    expect(d).toEqual({
      allowed: true,
      next: new Map([
        ["a", st(1, 0)],
        ["b", st(2, 0)],
      ]),
    });
  });

  it("charges none when one refuses, and answers the longest wait", () => {
    const d = chargeAll(
      [
        { key: "a", state: st(0, null), policy: backoff }, // allows
        { key: "b", state: st(3, 5000), policy: budget }, // 5 s
        { key: "c", state: st(4, 0), policy: backoff }, // 2 s
      ],
      now,
    );
    expect(d).toEqual({ allowed: false, retryAfterMs: 5000, blocked: ["b", "c"] });
  });
});

/** Every attempt an attacker makes, one a second for `seconds`, against one policy; returns how many got through. */
function attackerGuesses(policy: LimitPolicy, seconds: number): number {
  let state = EMPTY_STATE;
  let allowed = 0;
  for (let t = 0; t < seconds; t++) {
    const d = charge(state, new Date(now.getTime() + t * 1000), policy);
    if (d.allowed) {
      state = d.next;
      allowed++;
    }
  }
  return allowed;
}

describe("the policies Ripple runs with", () => {
  it("per account (browsers without a device cookie): 5 at once, then 1, 2, 4 … 512 s, then every 15 minutes", () => {
    expect(SIGN_IN_LIMITS.account).toEqual({ kind: "backoff", free: 5, baseMs: 1000, capMs: 900_000, forgetAfterMs: 86_400_000, onSuccess: "refund" });
    // Guesses at 0 s (×5), 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 1923, 2823 (17 in the first hour),
    // then one every 900 s: 2823 + 900·k < 86,400 for k = 0..92, so 16 + 93 = 109 in a day.
    expect(attackerGuesses(SIGN_IN_LIMITS.account, 3600)).toBe(17);
    expect(attackerGuesses(SIGN_IN_LIMITS.account, 86_400)).toBe(109);
  });

  it("per trusted device: the same backoff, but a success starts it again", () => {
    expect(SIGN_IN_LIMITS.device).toEqual({ ...SIGN_IN_LIMITS.account, onSuccess: "reset" });
  });

  it("per address: 100 at once, then one every 10 s", () => {
    expect(SIGN_IN_LIMITS.address).toEqual({ kind: "budget", capacity: 100, refillMs: 10_000 });
    // 100 at 0 s, then one at 10, 20 … 3590 s: 359 more.
    expect(attackerGuesses(SIGN_IN_LIMITS.address, 3600)).toBe(459);
  });

  it("sign-up: 5 an hour per address, 30 an hour for everyone, 3 e-mails an hour per recipient", () => {
    expect(SIGN_UP_LIMITS.address).toEqual({ kind: "budget", capacity: 5, refillMs: 720_000 });
    expect(SIGN_UP_LIMITS.global).toEqual({ kind: "budget", capacity: 30, refillMs: 120_000 });
    expect(SIGN_UP_LIMITS.recipient).toEqual({ kind: "budget", capacity: 3, refillMs: 1_200_000 });
    // 5 at once, then at 12, 24, 36, 48 minutes: 9 in the first hour.
    expect(attackerGuesses(SIGN_UP_LIMITS.address, 3600)).toBe(9);
    // 30 at once, then one every 2 minutes: 29 more before the hour is out.
    expect(attackerGuesses(SIGN_UP_LIMITS.global, 3600)).toBe(59);
  });
});

describe("retryAfterSeconds and describeWait", () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [900_000, 900],
  ])("%i ms is %i s", (ms, s) => expect(retryAfterSeconds(ms)).toBe(s));

  it.each([
    [1, "1 second"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [900, "15 minutes"],
  ])("%i s reads %j", (s, text) => expect(describeWait(s)).toBe(text));
});
