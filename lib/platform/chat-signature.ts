// Verifying that a chat request comes from Slack or Microsoft Teams: both sign the raw body with
// HMAC-SHA256 and a secret shared with Ripple. Comparisons are constant-time (the digests are
// compared as equal-length buffers with timingSafeEqual); nothing here logs a secret or a body.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses nothing older itself; Ripple refuses requests signed more than 5 minutes away from now (replays). */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, as Slack signs. */
export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`, "utf8").digest("hex");
}

/**
 * Checks X-Slack-Signature and X-Slack-Request-Timestamp against the raw body. `nowSeconds` is
 * the clock's time in Unix seconds. A timestamp more than 5 minutes before (or after) it is stale.
 */
export function verifySlackRequest(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  nowSeconds: number;
}): SignatureCheck {
  const { secret, timestamp, signature, rawBody, nowSeconds } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: "missing" };
  if (Math.abs(nowSeconds - Number(timestamp)) > SLACK_MAX_AGE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody), "utf8");
  return sameBytes(expected, Buffer.from(signature, "utf8")) ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** `HMAC ` + base64 HMAC-SHA256 of the raw body, keyed with the base64-decoded security token, as Teams signs outgoing webhooks. */
export function teamsAuthorization(tokenBase64: string, rawBody: string): string {
  return "HMAC " + createHmac("sha256", Buffer.from(tokenBase64, "base64")).update(rawBody, "utf8").digest("base64");
}

/** Checks a Teams outgoing webhook's Authorization header against the raw body. */
export function verifyTeamsRequest(input: { tokenBase64: string; authorization: string | null; rawBody: string }): SignatureCheck {
  const match = /^HMAC ([A-Za-z0-9+/]{43}=)$/.exec(input.authorization?.trim() ?? "");
  if (!match) return { ok: false, reason: "missing" };
  const expected = createHmac("sha256", Buffer.from(input.tokenBase64, "base64")).update(input.rawBody, "utf8").digest();
  return sameBytes(expected, Buffer.from(match[1]!, "base64")) ? { ok: true } : { ok: false, reason: "mismatch" };
}
