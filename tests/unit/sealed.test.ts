import { describe, expect, it } from "vitest";
import { open, seal, secretHint } from "@/lib/platform/sealed";

const SECRET = "a-test-app-secret-of-enough-length-0123456789";

describe("sealed secrets (AES-256-GCM, key from the app secret)", () => {
  it("opens what it sealed, for the same purpose and secret", () => {
    const sealed = seal("xoxb-1234-5678-abcdef", "chat:SLACK:botToken:org-1", SECRET);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("xoxb");
    expect(open(sealed, "chat:SLACK:botToken:org-1", SECRET)).toBe("xoxb-1234-5678-abcdef");
  });

  it("seals the same value differently each time (a fresh nonce)", () => {
    expect(seal("same", "p", SECRET)).not.toBe(seal("same", "p", SECRET));
  });

  it("refuses another purpose (another organisation's row), another secret, and any altered byte", () => {
    const sealed = seal("signing-secret", "chat:SLACK:signingSecret:org-1", SECRET);
    expect(open(sealed, "chat:SLACK:signingSecret:org-2", SECRET)).toBeNull();
    expect(open(sealed, "chat:SLACK:signingSecret:org-1", SECRET + "x")).toBeNull();
    const [v, nonce, body] = sealed.split(".") as [string, string, string];
    const bytes = Buffer.from(body, "base64url");
    bytes[0] = bytes[0]! ^ 1;
    expect(open(`${v}.${nonce}.${bytes.toString("base64url")}`, "chat:SLACK:signingSecret:org-1", SECRET)).toBeNull();
    const tag = Buffer.from(body, "base64url");
    tag[tag.length - 1] = tag[tag.length - 1]! ^ 1;
    expect(open(`${v}.${nonce}.${tag.toString("base64url")}`, "chat:SLACK:signingSecret:org-1", SECRET)).toBeNull();
  });

  it("refuses what is not a sealed value", () => {
    for (const bad of ["", "plain-token", "v1..", "v2.AAAAAAAAAAAAAAAA.AAAA", "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "v1.a.b.c"]) {
      expect(open(bad, "p", SECRET)).toBeNull();
    }
  });

  it("seals the empty string and long text", () => {
    expect(open(seal("", "p", SECRET), "p", SECRET)).toBe("");
    const long = "é".repeat(5000);
    expect(open(seal(long, "p", SECRET), "p", SECRET)).toBe(long);
  });

  it("hints at a secret without showing it", () => {
    expect(secretHint(null)).toBeNull();
    expect(secretHint("short")).toBe("set");
    expect(secretHint("xoxb-1234-5678-abcdef")).toBe("…cdef");
  });
});
