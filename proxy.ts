import { NextResponse, type NextRequest } from "next/server";
import { trustedHost } from "@/lib/domain/forwarded";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/server/csp";

// Sets a fresh CSP nonce for every page request. Not an auth gate: pages, actions and
// route handlers authorize through lib/ themselves.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Next.js checks a server action's Origin against X-Forwarded-Host when present, else Host.
  // Only trusted proxies' X-Forwarded-Host counts (TRUSTED_PROXY_HOPS); otherwise it is Host.
  const host = trustedHost(request.headers.get("host"), request.headers.get("x-forwarded-host"), env().TRUSTED_PROXY_HOPS);
  if (host) requestHeaders.set("x-forwarded-host", host);
  else requestHeaders.delete("x-forwarded-host");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico|icon.svg).*)", missing: [{ type: "header", key: "next-router-prefetch" }, { type: "header", key: "purpose", value: "prefetch" }] }],
};
