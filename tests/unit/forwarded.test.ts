import { describe, expect, it } from "vitest";
import { addressLimitKey, isSameOrigin, normalizeAddress, trustedClientAddress, trustedHost } from "@/lib/domain/forwarded";

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::1", "::1"],
  ])("reads %j as %j", (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));

  it.each(["", "unknown", "256.1.1.1", "1.2.3", "01.2.3.4", "example.com", "2001:db8::g", "1.2.3.4, 5.6.7.8", "<script>", "_hidden", "x".repeat(101)])(
    "refuses %j",
    (raw) => expect(normalizeAddress(raw)).toBeNull(),
  );
});

describe("trustedClientAddress", () => {
  it.each([
    // With no trusted proxy, nothing the client may have written counts.
    ["203.0.113.7", 0, null],
    ["198.51.100.1, 203.0.113.7", 0, null],
    // One proxy appends the address it saw: the last entry. Entries to its left are the client's word.
    ["203.0.113.7", 1, "203.0.113.7"],
    ["6.6.6.6, 203.0.113.7", 1, "203.0.113.7"],
    ["6.6.6.6,203.0.113.7", 1, "203.0.113.7"],
    // Two proxies: the outer one appends the client, the inner one appends the outer one.
    ["6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"],
    // Fewer entries than proxies: the request did not come through them all.
    ["203.0.113.7", 2, null],
    // What a proxy wrote must still be an address.
    ["6.6.6.6, not-an-address", 1, null],
    ["", 1, null],
    [null, 1, null],
  ] as [string | null, number, string | null][])("X-Forwarded-For %j with %i hops: %j", (header, hops, expected) => {
    expect(trustedClientAddress(header, hops)).toBe(expected);
  });
});

describe("addressLimitKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8:1::", "2001:db8:1:0::/64"],
  ])("limits %j as %j", (address, key) => expect(addressLimitKey(address)).toBe(key));

  it("puts two addresses of one /64 under one key", () => {
    expect(addressLimitKey("2001:db8:aa:bb::1")).toBe(addressLimitKey("2001:db8:aa:bb:ffff:1:2:3"));
    expect(addressLimitKey("2001:db8:aa:bb::1")).not.toBe(addressLimitKey("2001:db8:aa:bc::1"));
  });
});

describe("trustedHost", () => {
  it.each([
    ["ripple.example", "evil.example", 0, "ripple.example"],
    ["ripple.example", null, 1, "ripple.example"],
    ["internal:3000", "ripple.example", 1, "ripple.example"],
    ["internal:3000", "evil.example, ripple.example", 1, "ripple.example"],
    ["Ripple.Example", null, 0, "ripple.example"],
    [null, null, 0, null],
  ] as [string | null, string | null, number, string | null][])("Host %j, X-Forwarded-Host %j, %i hops: %j", (host, xfh, hops, expected) => {
    expect(trustedHost(host, xfh, hops)).toBe(expected);
  });
});

describe("isSameOrigin", () => {
  const req = (h: Partial<{ origin: string | null; host: string | null; xForwardedHost: string | null; secFetchSite: string | null }>) => ({
    origin: null,
    host: "ripple.example",
    xForwardedHost: null,
    secFetchSite: null,
    ...h,
  });
  const direct = { hops: 0, publicUrl: null };

  it.each([
    ["Origin matches Host", req({ origin: "https://ripple.example" }), direct, true],
    ["Origin of another site", req({ origin: "https://evil.example" }), direct, false],
    [
      "another site, claiming to be forwarded for it, with no trusted proxy",
      req({ origin: "https://evil.example", xForwardedHost: "evil.example" }),
      direct,
      false,
    ],
    [
      "behind a trusted proxy that rewrites Host",
      req({ origin: "https://ripple.example", host: "app:3000", xForwardedHost: "ripple.example" }),
      { hops: 1, publicUrl: null },
      true,
    ],
    [
      "behind a proxy, without trusting it, but the public URL is known",
      req({ origin: "https://ripple.example", host: "app:3000" }),
      { hops: 0, publicUrl: "https://ripple.example" },
      true,
    ],
    ["no Origin at all (not a browser's cross-site request)", req({}), direct, true],
    ["Origin null (sandboxed or privacy-sensitive context)", req({ origin: "null" }), direct, false],
    ["Sec-Fetch-Site cross-site, whatever Origin says", req({ origin: "https://ripple.example", secFetchSite: "cross-site" }), direct, false],
    ["an unparsable Origin", req({ origin: "::::" }), direct, false],
    ["the same host on another port", req({ origin: "https://ripple.example:8443" }), direct, false],
  ] as const)("%s: %j", (_label, headers, opts, expected) => {
    expect(isSameOrigin(headers, opts)).toBe(expected);
  });
});
