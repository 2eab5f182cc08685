// API tokens and the REST API's pure pieces: scopes, expiry, the token's shape, cursors and pages.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf, problem } from "@/lib/domain/api";
import { expiryAllowed, grantableScopes, looksLikeToken, mayCreateToken, scopeAllows, tokenState } from "@/lib/domain/api-tokens";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";

const AT = new Date("2025-06-01T12:00:00Z");
const DAY = 86_400_000;

describe("scopes", () => {
  it("read is read; write also reads; admin does everything", () => {
    expect(scopeAllows(["read"], "read")).toBe(true);
    expect(scopeAllows(["read"], "write")).toBe(false);
    expect(scopeAllows(["read"], "admin")).toBe(false);
    expect(scopeAllows(["write"], "read")).toBe(true);
    expect(scopeAllows(["write"], "write")).toBe(true);
    expect(scopeAllows(["write"], "admin")).toBe(false);
    expect(scopeAllows(["admin"], "write")).toBe(true);
    expect(scopeAllows([], "read")).toBe(false);
  });

  it("only those who administer may give the admin scope or make organisation tokens", () => {
    expect(grantableScopes({ role: "EMPLOYEE" })).toEqual(["read", "write"]);
    expect(grantableScopes({ role: "MANAGER" })).toEqual(["read", "write"]);
    expect(grantableScopes({ role: "LND" })).toEqual(["read", "write"]);
    expect(grantableScopes({ role: "ADMIN" })).toEqual(["read", "write", "admin"]);
    expect(mayCreateToken({ role: "LND" }, "ORGANIZATION")).toBe(false);
    expect(mayCreateToken({ role: "ADMIN" }, "ORGANIZATION")).toBe(true);
    expect(mayCreateToken({ role: "EMPLOYEE" }, "PERSONAL")).toBe(true);
  });
});

describe("expiry and state", () => {
  it("an expiry is after now and at most 366 days ahead", () => {
    expect(expiryAllowed(new Date(AT.getTime() + DAY), AT)).toBe(true);
    expect(expiryAllowed(new Date(AT.getTime() + 366 * DAY), AT)).toBe(true);
    expect(expiryAllowed(new Date(AT.getTime() + 366 * DAY + 1), AT)).toBe(false);
    expect(expiryAllowed(AT, AT)).toBe(false);
  });

  it("revoked wins over expired; a token expires at its expiry", () => {
    expect(tokenState({ expiresAt: new Date(AT.getTime() + 1), revokedAt: null }, AT)).toBe("active");
    expect(tokenState({ expiresAt: AT, revokedAt: null }, AT)).toBe("expired");
    expect(tokenState({ expiresAt: new Date(AT.getTime() - 1), revokedAt: AT }, AT)).toBe("revoked");
  });

  it("the form's input: a name, at least one known scope, 1 to 366 days", () => {
    expect(createApiTokenSchema.parse({ name: " CI ", scopes: "read", expiresInDays: "30" })).toEqual({
      name: "CI",
      scopes: ["read"],
      expiresInDays: 30,
      kind: "PERSONAL",
    });
    expect(createApiTokenSchema.safeParse({ name: "CI", scopes: [], expiresInDays: 30 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "CI", scopes: ["root"], expiresInDays: 30 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "CI", scopes: ["read"], expiresInDays: 367 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "", scopes: ["read"], expiresInDays: 30 }).success).toBe(false);
  });

  it("recognises a token's shape before any lookup", () => {
    expect(looksLikeToken(`rpl_${"a".repeat(43)}`)).toBe(true);
    expect(looksLikeToken(`rpl_${"a".repeat(42)}`)).toBe(false);
    expect(looksLikeToken(`xyz_${"a".repeat(43)}`)).toBe(false);
  });
});

describe("cursors and pages", () => {
  const id = "0190a0a0-0000-7000-8000-000000000001";
  it("a cursor round-trips and refuses what it did not make", () => {
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(decodeCursor("bogus")).toBeNull();
    expect(decodeCursor(Buffer.from(`c1:not-an-id`).toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(id).toString("base64url"))).toBeNull();
  });

  it("pages a list in order, `limit` at a time, and ends with no next", () => {
    const items = ["a", "b", "c", "d", "e"].map((x) => ({ id: `0190a0a0-0000-7000-8000-00000000000${x}` }));
    const first = pageOf(items, null, 2);
    expect(first.items.map((i) => i.id.slice(-1))).toEqual(["a", "b"]);
    const second = pageOf(items, decodeCursor(first.next!), 2);
    expect(second.items.map((i) => i.id.slice(-1))).toEqual(["c", "d"]);
    const last = pageOf(items, decodeCursor(second.next!), 2);
    expect(last.items.map((i) => i.id.slice(-1))).toEqual(["e"]);
    expect(last.next).toBeNull();
    expect(pageOf(items, null, 5).next).toBeNull();
    expect(pageOf(items, "0190a0a0-0000-7000-8000-0000000000ff", 2)).toEqual({ items: [], next: null });
  });

  it("a problem says its type, title, status and detail", () => {
    expect(problem("idempotency_mismatch", "Use a new key.")).toEqual({
      type: "/developers#problem-idempotency_mismatch",
      title: "This Idempotency-Key was used for another request",
      status: 422,
      detail: "Use a new key.",
    });
  });
});
