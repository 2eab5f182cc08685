import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/lib/server/csp";

/** Parses a CSP header into directive name → source list. */
function directives(header: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

const NONCE = "dGVzdC1ub25jZS0xMjM=";

describe.each([
  ["production", false],
  ["development", true],
])("contentSecurityPolicy in %s", (_label, dev) => {
  const csp = directives(contentSecurityPolicy(NONCE, dev));
  const scriptSrc = csp.get("script-src") ?? [];

  it("allows scripts with this request's nonce", () => {
    expect(scriptSrc).toContain(`'nonce-${NONCE}'`);
    expect(scriptSrc).toContain("'self'");
  });

  it("never allows inline scripts without the nonce", () => {
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("*");
    expect(scriptSrc.some((s) => s === "data:" || s === "https:" || s === "http:")).toBe(false);
  });

  it(`${dev ? "allows" : "refuses"} 'unsafe-eval'`, () => {
    expect(scriptSrc.includes("'unsafe-eval'")).toBe(dev);
    // And nowhere else.
    for (const [name, sources] of csp) if (name !== "script-src") expect(sources).not.toContain("'unsafe-eval'");
  });

  it.each([
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["default-src", ["'self'"]],
    ["form-action", ["'self'"]],
  ])("sets %s to %j", (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });
});

describe("contentSecurityPolicy nonces", () => {
  it("uses the nonce it is given, so each request's policy differs", () => {
    const a = contentSecurityPolicy("aaaa", false);
    const b = contentSecurityPolicy("bbbb", false);
    expect(a).toContain("'nonce-aaaa'");
    expect(a).not.toContain("bbbb");
    expect(b).toContain("'nonce-bbbb'");
  });

  it("differs between dev and production only by the development allowances", () => {
    const prod = contentSecurityPolicy(NONCE, false);
    const dev = contentSecurityPolicy(NONCE, true);
    expect(dev.replace(" 'unsafe-eval'", "").replace(/(style-src [^;]*) 'unsafe-inline'/, "$1")).toBe(prod);
  });
});
