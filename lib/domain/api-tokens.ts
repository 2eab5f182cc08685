// API tokens (the REST API /api/v1): what a token is and what it may do. Pure.
//
// - A token is "rpl_" and 32 random bytes in base64url. Only its SHA-256 is stored; the person
//   sees it once. Its first characters (PREFIX_LENGTH) are kept in clear to recognise it in a list.
// - Scopes: "read" (GET), "write" (create and change, as the person), "admin" (only for people
//   who may administer: `admin.manage`). Write and admin include read.
// - Every token has an expiry, at most MAX_TOKEN_DAYS ahead.
// - A personal token acts as its person. An organisation token (created by an admin, listed and
//   revoked by every admin) acts as the admin who created it: the same relationships, so it never
//   reads another person's private story, and it stops working when that admin is deactivated or
//   loses the admin role (the API then answers 401).
import type { Capability } from "./access";
import { can } from "./access";
import type { Role } from "./roles";

export const API_SCOPES = ["read", "write", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const TOKEN_PREFIX = "rpl_";
/** "rpl_" and the first 8 characters of the secret. */
export const PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
/** Bytes of randomness in a token. */
export const TOKEN_BYTES = 32;
export const MAX_TOKEN_DAYS = 366;
export const TOKEN_NAME_MAX = 80;
/** How many live tokens one person may hold (personal and organisation tokens they created). */
export const MAX_TOKENS_PER_PERSON = 50;

const DAY = 24 * 60 * 60_000;

/** Whether a string has the shape of a token (so that no lookup is made for anything else). */
export function looksLikeToken(value: string): boolean {
  return /^rpl_[A-Za-z0-9_-]{43}$/.test(value);
}

/** The scopes a person of this role may give a token. */
export function grantableScopes(actor: { role: Role }): ApiScope[] {
  return can(actor, "admin.manage") ? [...API_SCOPES] : ["read", "write"];
}

/** Whether a token of the given kind may be created by this person. */
export function mayCreateToken(actor: { role: Role }, kind: "PERSONAL" | "ORGANIZATION"): boolean {
  return kind === "PERSONAL" || can(actor, "admin.manage");
}

/** The capability an organisation token's owner must still hold for it to work. */
export const ORGANIZATION_TOKEN_CAPABILITY: Capability = "admin.manage";

/** Whether a token holding `scopes` may do what needs `required`. */
export function scopeAllows(scopes: readonly string[], required: ApiScope): boolean {
  if (scopes.includes("admin")) return true;
  if (required === "read") return scopes.includes("read") || scopes.includes("write");
  return scopes.includes(required);
}

/** The latest expiry a token created at `at` may have. */
export function latestExpiry(at: Date): Date {
  return new Date(at.getTime() + MAX_TOKEN_DAYS * DAY);
}

/** Whether an expiry is acceptable: after `at`, and no further than MAX_TOKEN_DAYS. */
export function expiryAllowed(expiresAt: Date, at: Date): boolean {
  return expiresAt.getTime() > at.getTime() && expiresAt.getTime() <= latestExpiry(at).getTime();
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(token: { expiresAt: Date; revokedAt: Date | null }, at: Date): TokenState {
  if (token.revokedAt) return "revoked";
  return token.expiresAt.getTime() <= at.getTime() ? "expired" : "active";
}

/** The expiry for a choice of "days from now" (the form's presets). */
export function expiryAfterDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** Expiry presets on the forms, in days. */
export const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;
