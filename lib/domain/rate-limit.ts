// Sign-in throttling, as a pure decision over recent failures. The data layer feeds it the
// failures it recorded (as audit events) so the limit holds across restarts and instances.
export type ThrottlePolicy = { maxFailures: number; windowMs: number };

export const SIGN_IN_POLICY = {
  perAccount: { maxFailures: 5, windowMs: 15 * 60_000 },
  perAddress: { maxFailures: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Allowed while fewer than maxFailures happened in the window before `now`. When blocked,
 * retry once the oldest failure that still counts leaves the window.
 */
export function throttle(failures: readonly Date[], now: Date, policy: ThrottlePolicy): ThrottleDecision {
  const since = now.getTime() - policy.windowMs;
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since && t <= now.getTime()).sort((a, b) => b - a);
  if (recent.length < policy.maxFailures) return { allowed: true };
  const oldestCounting = recent[policy.maxFailures - 1]!;
  const retryAt = oldestCounting + policy.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}
