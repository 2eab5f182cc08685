// Which parts of a request's forwarding headers can be believed. X-Forwarded-For and
// X-Forwarded-Host are plain request headers: a client can send any value. They mean
// something only when written by a proxy we trust, and only the entries that proxy added.
// TRUSTED_PROXY_HOPS (default 0) says how many proxies stand in front of Ripple.
//
// Next.js itself fills X-Forwarded-For with the socket's address only when the client sent
// none, so behind `next start` alone the header cannot tell the client's word from the
// socket's: with 0 hops Ripple believes neither, and knows no address.

/** A valid IPv4 or IPv6 address in canonical form, or null. Accepts "[v6]", "v4:port", "::ffff:v4". */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let v = raw.trim();
  if (!v || v.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) {
    return v.split(".").every((o) => Number(o) <= 255 && String(Number(o)) === o) ? v : null;
  }
  if (!v.includes(":") || !/^[0-9a-f:.]+$/i.test(v)) return null;
  let host: string;
  try {
    host = new URL(`http://[${v}]/`).hostname; // the WHATWG parser validates and canonicalises IPv6
  } catch {
    return null;
  }
  const canonical = host.slice(1, -1);
  // An IPv4 client seen through an IPv6 socket: ::ffff:a.b.c.d (canonicalised to hex groups).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

/**
 * The client's address: the entry `hops` places from the right of X-Forwarded-For (each
 * trusted proxy appends the address it received the request from). With 0 hops, or when the
 * header has fewer entries than there are proxies (the request did not come through them),
 * the address is unknown: null.
 */
export function trustedClientAddress(xForwardedFor: string | null | undefined, hops: number): string | null {
  if (hops < 1 || !xForwardedFor) return null;
  const entries = xForwardedFor.split(",").map((e) => e.trim());
  if (entries.length < hops) return null;
  return normalizeAddress(entries[entries.length - hops]);
}

/**
 * The key an address is limited under: an IPv4 address itself; for IPv6, its /64 network,
 * since one subscriber usually holds a whole /64 and could otherwise change address per guess.
 */
export function addressLimitKey(address: string): string {
  if (!address.includes(":")) return address;
  const host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  // Expand "::" so the first four groups can be read.
  const [head = "", tail] = host.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/**
 * The host the person's browser addressed: the Host header, unless trusted proxies stand in
 * front, in which case the last X-Forwarded-Host entry (written by the nearest proxy).
 */
export function trustedHost(host: string | null | undefined, xForwardedHost: string | null | undefined, hops: number): string | null {
  if (hops >= 1 && xForwardedHost) {
    const last = xForwardedHost
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last.toLowerCase();
  }
  return host ? host.trim().toLowerCase() : null;
}

/**
 * Whether a state-changing browser request comes from one of Ripple's own pages: its Origin
 * names the host the browser addressed (see trustedHost) or Ripple's public URL. A request
 * without Origin is not a browser's cross-site request (browsers send Origin on every
 * cross-site POST), so it passes; Sec-Fetch-Site "cross-site" never does.
 */
export function isSameOrigin(
  h: { origin: string | null; host: string | null; xForwardedHost: string | null; secFetchSite: string | null },
  opts: { hops: number; publicUrl: string | null },
): boolean {
  if (h.secFetchSite === "cross-site") return false;
  if (h.origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(h.origin).host.toLowerCase();
  } catch {
    return false;
  }
  if (!originHost) return false;
  const expected = trustedHost(h.host, h.xForwardedHost, opts.hops);
  if (expected && originHost === expected) return true;
  if (opts.publicUrl) {
    try {
      if (originHost === new URL(opts.publicUrl).host.toLowerCase()) return true;
    } catch {
      // an unparsable public URL matches nothing
    }
  }
  return false;
}
