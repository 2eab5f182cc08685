// The "trusted device" cookie (OWASP: slow down online guessing with device cookies). After a
// successful sign-in, the browser gets a cookie naming a random device id, signed together
// with the account's e-mail. Attempts that present a valid one for the e-mail they try are
// throttled on their own, apart from everyone else's attempts on that account: an attacker
// who makes the account wait cannot make its owner wait on the owner's own browser.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** `__Host-` binds the cookie to this exact origin, and needs HTTPS. */
export function deviceCookieName(secure: boolean): string {
  return secure ? "__Host-ripple-device" : "ripple-device";
}

function signature(secret: string, deviceId: string, email: string): string {
  return createHmac("sha256", secret).update(`ripple-device\n${deviceId}\n${email}`, "utf8").digest("base64url");
}

export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}

export function signDevice(secret: string, deviceId: string, email: string): string {
  return `${deviceId}.${signature(secret, deviceId, email)}`;
}

/** The device id when `value` is a device cookie signed for this e-mail; null otherwise. */
export function verifyDevice(secret: string, value: string | null | undefined, email: string): string | null {
  if (!value || value.length > 200) return null;
  const dot = value.indexOf(".");
  if (dot < 1) return null;
  const deviceId = value.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{22}$/.test(deviceId)) return null;
  const given = Buffer.from(value.slice(dot + 1), "utf8");
  const expected = Buffer.from(signature(secret, deviceId, email), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
