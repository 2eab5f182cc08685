// Requests to addresses an organisation's admin typed (webhook endpoints, a learning record
// store): guarded against server-side request forgery.
// - Only public unicast addresses: private, loopback, link-local (cloud metadata, 169.254.169.254),
//   CGNAT, multicast, unspecified, documentation, benchmarking and reserved ranges are refused,
//   IPv4-mapped/translated IPv6 forms (::ffff:127.0.0.1, 64:ff9b::…) by the IPv4 address inside.
// - Checked where the connection is made: the socket's own DNS lookup is replaced by one that
//   checks every address it returns and connects to the address it checked, so DNS rebinding
//   (a public answer at registration, a private one later) cannot slip through.
// - No redirects are followed, short timeouts, and at most a few kilobytes of the answer are read.
// `allowPrivate` (RIPPLE_OUTBOUND_ALLOW_PRIVATE=1, never in production) lifts the address rule
// and allows http:// for tests and development receivers on 127.0.0.1.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network, unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo etc.)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds any IPv4)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** IPv6 addresses a webhook may reach at all: global unicast (2000::/3), less the ranges above. */
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96), or null. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Whether an IP address is a public unicast one a webhook may reach. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return !blocked.check(bare, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== null) return isIP(v4) === 4 && !blocked.check(v4, "ipv4");
    // Anything outside global unicast (::ffff:0:a.b.c.d "IPv4-translated", ::/8 forms, …) is refused.
    return globalUnicast.check(bare, "ipv6") && !blocked.check(bare, "ipv6");
  }
  return false;
}

export class OutboundRefused extends Error {
  override name = "OutboundRefused";
}

export type OutboundRules = { allowPrivate: boolean; httpsOnly: boolean };

/** Resolves a host (or takes an IP literal) and refuses it unless every address is allowed. Returns the addresses. */
export async function checkHost(hostname: string, rules: OutboundRules): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  if (!addresses.length) throw new OutboundRefused(`${host} does not resolve`);
  if (!rules.allowPrivate) for (const a of addresses) if (!isPublicAddress(a)) throw new OutboundRefused(`${host} resolves to a private or reserved address`);
  return addresses;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(new OutboundRefused(`${host} does not resolve`)) : resolve(addresses),
    ),
  );
}

/** The socket's lookup: resolves, refuses unless every address is allowed, and connects to the first it checked. */
function guardedLookup(rules: OutboundRules): LookupFunction {
  return (hostname, options, callback) => {
    checkHost(hostname, rules).then(
      (addresses) => {
        const address = addresses[0]!;
        const family = isIP(address);
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, "", 0),
    );
  };
}

export type OutboundResponse = { status: number; body: string };

/**
 * Sends one request under the rules; answers with the status and at most `maxBodyBytes` of the
 * body (the rest is not read). A redirect is an answer like any other (3xx), never followed.
 */
export async function outboundRequest(
  target: string,
  init: { method: "POST" | "PUT"; headers: Record<string, string>; body: string },
  rules: OutboundRules,
  limits: { timeoutMs?: number; maxBodyBytes?: number } = {},
): Promise<OutboundResponse> {
  const url = new URL(target);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && !rules.httpsOnly)) throw new OutboundRefused("Only https:// addresses are allowed");
  // An IP literal is never looked up by the socket: check it here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) await checkHost(host, rules);
  const timeoutMs = limits.timeoutMs ?? 10_000;
  const maxBody = limits.maxBodyBytes ?? 4096;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: init.method,
        headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)), "user-agent": "Ripple-Outbound/1" },
        lookup: guardedLookup(rules),
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          response.destroy();
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, maxBody) });
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= maxBody) finish();
        });
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`No answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on("timeout", () => request.destroy(new Error(`No answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error) => reject(error));
    request.on("close", () => clearTimeout(deadline));
    request.end(init.body);
  });
}
