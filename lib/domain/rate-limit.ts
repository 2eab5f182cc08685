// Sign-in and sign-up throttling, as pure decisions over a small state per key. The data
// layer (lib/db/rate-limit.ts) keeps one row per key and applies these decisions under a row
// lock, charging an attempt *before* the password is checked, so the limits hold under any
// concurrency, across restarts and across instances.
//
// Two shapes of limit:
// - backoff: a few attempts at once, then each further one must wait twice as long as the
//   one before (base, 2·base, 4·base … up to a cap) after the previous attempt. It slows a
//   guesser down without ever locking anyone out for longer than the cap. A success resets it.
// - budget (a leaky bucket): up to `capacity` attempts at once, then one more every
//   `refillMs`. A success gives its attempt back.

/** The stored state of one key. backoff: failures so far and when the last was charged; budget: the bucket's level and when it was measured. */
export type LimitState = { count: number; at: Date | null };
export const EMPTY_STATE: LimitState = { count: 0, at: null };

/** onSuccess: "reset" starts again from nothing; "refund" only takes back the successful attempt's own charge. */
export type BackoffPolicy = { kind: "backoff"; free: number; baseMs: number; capMs: number; forgetAfterMs: number; onSuccess: "reset" | "refund" };
export type BudgetPolicy = { kind: "budget"; capacity: number; refillMs: number };
export type LimitPolicy = BackoffPolicy | BudgetPolicy;

export type LimitDecision = { allowed: true; next: LimitState } | { allowed: false; retryAfterMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Sign-in. A browser where the person signed in before carries a signed "trusted device"
 * cookie for that account: its attempts are counted on their own, so an attacker hammering
 * the account from elsewhere never slows the real person down on their own browser.
 */
export const SIGN_IN_LIMITS = {
  /**
   * Attempts for one account from every browser without its device cookie, together. A
   * success takes back only its own charge: the real person signing in on a new browser
   * must not wipe out what an attacker has already spent.
   */
  account: { kind: "backoff", free: 5, baseMs: 1_000, capMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR, onSuccess: "refund" },
  /** Attempts for one account from one browser holding its device cookie; a success starts it again. */
  device: { kind: "backoff", free: 5, baseMs: 1_000, capMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR, onSuccess: "reset" },
  /** Attempts without a device cookie from one network address, any account (only when the address is known: TRUSTED_PROXY_HOPS). */
  address: { kind: "budget", capacity: 100, refillMs: 10_000 },
} as const satisfies Record<string, LimitPolicy>;

/** Sign-up (creating an organisation). */
export const SIGN_UP_LIMITS = {
  /** From one network address (only when the address is known). */
  address: { kind: "budget", capacity: 5, refillMs: 12 * MINUTE },
  /** From everyone together: what this instance accepts at most. */
  global: { kind: "budget", capacity: 30, refillMs: 2 * MINUTE },
  /** E-mails sent to one address by sign-up (confirmation or "someone tried"): beyond this, none is sent. */
  recipient: { kind: "budget", capacity: 3, refillMs: 20 * MINUTE },
} as const satisfies Record<string, LimitPolicy>;

/** "Forgot password". Charged whether or not the address has an account, so a refusal tells nothing. */
export const PASSWORD_RESET_LIMITS = {
  /** Requests for one e-mail address (one account): beyond this, no e-mail is sent, and the answer is the same. */
  account: { kind: "budget", capacity: 3, refillMs: 20 * MINUTE },
  /** Requests from one network address, any e-mail (only when the address is known). */
  address: { kind: "budget", capacity: 10, refillMs: 6 * MINUTE },
} as const satisfies Record<string, LimitPolicy>;

/** The REST API (/api/v1), per token: bursts of 600 requests, then 10 a second (600 a minute). */
export const API_LIMITS = {
  token: { kind: "budget", capacity: 600, refillMs: 100 },
} as const satisfies Record<string, LimitPolicy>;

/** After this long untouched, every key above is back to its empty state, and its row can go. */
export const STATE_TTL_MS = 24 * HOUR;

/** backoff: how long after the last attempt the next one must wait, once `failures` were charged. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.baseMs * 2 ** (failures - policy.free), policy.capMs);
}

function elapsedMs(state: LimitState, now: Date): number {
  return state.at ? Math.max(0, now.getTime() - state.at.getTime()) : Number.POSITIVE_INFINITY;
}

/** budget: the bucket's level now, after leaking one per refillMs since it was measured. */
export function budgetLevel(state: LimitState, now: Date, policy: BudgetPolicy): number {
  if (!state.at) return Math.max(0, state.count);
  return Math.max(0, state.count - elapsedMs(state, now) / policy.refillMs);
}

function backoffFailures(state: LimitState, now: Date, policy: BackoffPolicy): number {
  return elapsedMs(state, now) >= policy.forgetAfterMs ? 0 : state.count;
}

/** Charges one attempt if the policy allows it now; otherwise says how long to wait. */
export function charge(state: LimitState, now: Date, policy: LimitPolicy): LimitDecision {
  if (policy.kind === "backoff") {
    const failures = backoffFailures(state, now, policy);
    const wait = state.at && failures > 0 ? backoffDelayMs(failures, policy) - elapsedMs(state, now) : 0;
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    return { allowed: true, next: { count: failures + 1, at: now } };
  }
  const level = budgetLevel(state, now, policy);
  if (level + 1 > policy.capacity) return { allowed: false, retryAfterMs: Math.ceil((level + 1 - policy.capacity) * policy.refillMs) };
  return { allowed: true, next: { count: level + 1, at: now } };
}

/** After a successful attempt: a backoff starts again or takes back that attempt (see onSuccess); a budget gets the attempt back. */
export function refund(state: LimitState, now: Date, policy: LimitPolicy): LimitState {
  if (policy.kind === "backoff") {
    if (policy.onSuccess === "reset") return { count: 0, at: null };
    return { count: Math.max(0, backoffFailures(state, now, policy) - 1), at: state.at };
  }
  return { count: Math.max(0, budgetLevel(state, now, policy) - 1), at: now };
}

/** Several limits at once: allowed only if each allows; otherwise the longest wait, and which keys refused. */
export function chargeAll<K extends string>(
  entries: readonly { key: K; state: LimitState; policy: LimitPolicy }[],
  now: Date,
): { allowed: true; next: Map<K, LimitState> } | { allowed: false; retryAfterMs: number; blocked: K[] } {
  const next = new Map<K, LimitState>();
  const blocked: K[] = [];
  let retryAfterMs = 0;
  for (const e of entries) {
    const d = charge(e.state, now, e.policy);
    if (d.allowed) next.set(e.key, d.next);
    else {
      blocked.push(e.key);
      retryAfterMs = Math.max(retryAfterMs, d.retryAfterMs);
    }
  }
  return blocked.length ? { allowed: false, retryAfterMs, blocked } : { allowed: true, next };
}

/** Whole seconds to wait, rounded up, at least one. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** "4 seconds", "1 minute", "15 minutes": a wait for a message, rounded up. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
