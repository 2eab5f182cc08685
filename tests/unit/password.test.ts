import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/platform/password";

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id at the OWASP parameters (19 MiB, 2 passes, 1 lane), never storing the password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hash).not.toContain("correct horse battery");
  });

  it("salts each hash, so the same password hashes differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same password")).toBe(true);
    expect(await verifyPassword(b, "same password")).toBe(true);
  });

  it.each([
    ["the right password", "correct horse battery", true],
    ["a wrong password", "incorrect horse battery", false],
    ["a different case", "Correct horse battery", false],
    ["extra whitespace", "correct horse battery ", false],
    ["an empty password", "", false],
  ])("verifies %s → %s", async (_label, attempt, expected) => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, attempt)).toBe(expected);
  });

  it("handles non-ASCII passwords", async () => {
    const hash = await hashPassword("pässwörd-ñ-日本語-🔑");
    expect(await verifyPassword(hash, "pässwörd-ñ-日本語-🔑")).toBe(true);
    expect(await verifyPassword(hash, "passwörd-ñ-日本語-🔑")).toBe(false);
  });

  it.each([
    ["an empty hash", ""],
    ["garbage", "not-a-hash"],
    ["a truncated argon2 hash", "$argon2id$v=19$m=19456,t=2,p=1$"],
    ["a bcrypt hash", "$2b$10$abcdefghijklmnopqrstuuQ3PbQ0Gd1qJJ9mYbGiZbZ3a5e5P9cWe"],
    ["a plain-text password stored by mistake", "correct horse battery"],
  ])("answers false, without throwing, for %s", async (_label, hash) => {
    await expect(verifyPassword(hash, "correct horse battery")).resolves.toBe(false);
  });
});

describe("burnPasswordCheck", () => {
  it("resolves without throwing, whatever the password", async () => {
    await expect(burnPasswordCheck("anything")).resolves.toBeUndefined();
    await expect(burnPasswordCheck("")).resolves.toBeUndefined();
  });
});
