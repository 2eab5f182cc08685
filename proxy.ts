import { NextResponse, type NextRequest } from "next/server";
import { trustedHost } from "@/lib/domain/forwarded";
import { env } from "@/lib/platform/env";
import { contentSecurityPolicy } from "@/lib/server/csp";
import { MESSAGES, guardActionRequest, isActionRequest, pathIsValid } from "@/lib/server/request-guard";

// Runs before Next.js handles a request. Not an auth gate: pages, actions and route handlers
// authorize through lib/ themselves. It refuses what Next.js would answer with a 500 (an address
// that is not UTF-8; a server action from another site, too large, or unreadable: see
// lib/server/request-guard.ts), then sets a fresh CSP nonce for every page.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!pathIsValid(pathname)) {
    return new NextResponse(MESSAGES.badAddress, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  if (isActionRequest(request, pathname)) {
    const refused = await guardActionRequest(request);
    if (refused) return refused;
  }
  // Route handlers set their own headers; prefetches need no nonce.
  const prefetch = request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
  if (pathname.startsWith("/api/") || pathname.startsWith("/scim/") || prefetch) return NextResponse.next();

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
  // Every request but Next.js's own static files: API addresses are checked for valid UTF-8 too.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
