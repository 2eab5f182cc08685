// proxy.ts hands Next.js the X-Forwarded-Host it may believe, before Next.js compares a server
// action's Origin with it: the Host header, unless TRUSTED_PROXY_HOPS says proxies wrote it.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function forwardedHostSeenByNext(headers: Record<string, string>, hops?: string): Promise<string | null> {
  if (hops !== undefined) vi.stubEnv("TRUSTED_PROXY_HOPS", hops);
  vi.resetModules();
  const { proxy } = await import("@/proxy");
  const response = await proxy(new NextRequest("http://ripple.example/sign-up", { method: "POST", headers }));
  // NextResponse.next({ request: { headers } }) passes the rewritten request headers this way.
  return response.headers.get("x-middleware-request-x-forwarded-host");
}

describe("proxy: X-Forwarded-Host", () => {
  it("replaces a client's X-Forwarded-Host with Host when no proxy is trusted", async () => {
    expect(await forwardedHostSeenByNext({ host: "ripple.example", "x-forwarded-host": "evil.example", origin: "http://evil.example" })).toBe("ripple.example");
    expect(await forwardedHostSeenByNext({ host: "ripple.example" })).toBe("ripple.example");
  });

  it("keeps the nearest trusted proxy's value when TRUSTED_PROXY_HOPS is set", async () => {
    expect(await forwardedHostSeenByNext({ host: "app:3000", "x-forwarded-host": "evil.example, ripple.example" }, "1")).toBe("ripple.example");
  });
});
