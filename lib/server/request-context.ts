import "server-only";
import { headers } from "next/headers";
import { isSameOrigin, trustedClientAddress } from "@/lib/domain/forwarded";
import { env, publicUrl } from "@/lib/platform/env";

/**
 * The client's network address for this request, when trusted proxies say it
 * (TRUSTED_PROXY_HOPS); null otherwise. Never a value the client could have chosen.
 */
export async function requestClientAddress(): Promise<string | null> {
  return trustedClientAddress((await headers()).get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
}

/** Whether a state-changing request comes from one of Ripple's own pages (see isSameOrigin). */
export function fromOwnSite(request: Request): boolean {
  const h = request.headers;
  return isSameOrigin(
    { origin: h.get("origin"), host: h.get("host"), xForwardedHost: h.get("x-forwarded-host"), secFetchSite: h.get("sec-fetch-site") },
    { hops: env().TRUSTED_PROXY_HOPS, publicUrl: publicUrl() },
  );
}
