// What proxy.ts refuses before Next.js, which would answer each of these with a 500: addresses
// that are not UTF-8, and server-action requests from another site, too large, or unreadable.
// The end-to-end test (tests/e2e/hostile-input.spec.ts) sends the same to the production server.
import { describe, expect, it } from "vitest";
import { CYCLES } from "@/lib/domain/framework";
import { ACTION_BODY_LIMIT_BYTES, MESSAGES, guardActionRequest, isActionRequest, isPlainReply, isSameOrigin, pathIsValid } from "@/lib/server/request-guard";
import { saveStorySchema } from "@/lib/validation/story-editor";

const ORIGIN = "http://localhost:3000";
/** A page's call of a server action: JSON text, or a form (its content type then comes with it). */
const action = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/admin/settings`, {
    method: "POST",
    headers: {
      host: "localhost:3000",
      origin: ORIGIN,
      "next-action": "7f8a35d1cf7fc61d8ba9cd771521533bedda804386",
      ...(body instanceof FormData ? {} : { "content-type": "text/plain;charset=UTF-8" }),
      ...headers,
    },
    body,
    duplex: "half",
  } as RequestInit);

async function answer(request: Request): Promise<{ status: number; text: string } | null> {
  const res = await guardActionRequest(request);
  return res ? { status: res.status, text: await res.text() } : null;
}

describe("addresses", () => {
  it.each([
    ["/stories/%C0%AF", false],
    ["/%FF", false],
    ["/api/evidence/%FF", false],
    ["/stories/%ED%A0%80", false],
    ["/stories/abc", true],
    ["/stories/%E2%82%AC", true],
    ["/invite/%00", true],
  ])("%s is valid UTF-8: %s", (path, valid) => {
    expect(pathIsValid(path)).toBe(valid);
  });
});

describe("which requests are server actions", () => {
  it("a POST to a page that names an action, or carries a form; never an API route", () => {
    expect(isActionRequest(action("[]"), "/admin/settings")).toBe(true);
    expect(isActionRequest(new Request(`${ORIGIN}/sign-up`, { method: "POST", body: new FormData() }), "/sign-up")).toBe(true);
    expect(isActionRequest(new Request(`${ORIGIN}/api/stories/x/evidence`, { method: "POST", body: new FormData() }), "/api/stories/x/evidence")).toBe(false);
    expect(isActionRequest(new Request(`${ORIGIN}/stories`), "/stories")).toBe(false);
  });
});

describe("same origin, by the one rule in lib/domain/forwarded.ts", () => {
  const req = (headers: Record<string, string>) => new Request(`${ORIGIN}/x`, { method: "POST", headers });
  it.each<[string, Record<string, string>, boolean]>([
    ["same host", { host: "localhost:3000", origin: ORIGIN }, true],
    ["no Origin (not a page's request)", { host: "localhost:3000" }, true],
    ["another site", { host: "localhost:3000", origin: "https://evil.example" }, false],
    ["the same name on another port", { host: "localhost:3000", origin: "http://localhost:4000" }, false],
    ["an opaque origin", { host: "localhost:3000", origin: "null" }, false],
    ["an Origin that is not a URL", { host: "localhost:3000", origin: "garbage" }, false],
    // TRUSTED_PROXY_HOPS is 0 here: a client's X-Forwarded-Host is not believed (see forwarded.test.ts for trusted proxies).
    ["a client's own X-Forwarded-Host naming its site", { host: "localhost:3000", "x-forwarded-host": "evil.example", origin: "https://evil.example" }, false],
    ["a cross-site fetch", { host: "localhost:3000", origin: ORIGIN, "sec-fetch-site": "cross-site" }, false],
  ])("%s", (_label, headers, same) => {
    expect(isSameOrigin(req(headers))).toBe(same);
  });
});

describe("guardActionRequest", () => {
  it("lets a page's call through", async () => {
    expect(
      await answer(action(JSON.stringify([null, { label: "Podcast", note: "$$ costs", when: "$D2025-01-01T00:00:00.000Z", none: "$undefined", n: "$n12" }]))),
    ).toBeNull();
    const form = new FormData();
    form.set("0", '["$undefined","$K1"]');
    form.set("1_label", "Podcast");
    expect(await answer(action(form))).toBeNull();
  });

  it("lets a form without JavaScript through (Next.js decodes it)", async () => {
    const form = new FormData();
    form.set("$ACTION_ID_7f8a35d1cf7fc61d8ba9cd771521533bedda804386", "");
    form.set("label", "Podcast");
    expect(
      await answer(new Request(`${ORIGIN}/admin/settings`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN }, body: form })),
    ).toBeNull();
  });

  it("refuses a call from another site with 403", async () => {
    expect(await answer(action("[]", { origin: "https://evil.example" }))).toEqual({ status: 403, text: MESSAGES.otherSite });
  });

  it("refuses a body over the limit with 413 and says how large it may be, declared or not", async () => {
    const big = JSON.stringify([null, { label: "x".repeat(ACTION_BODY_LIMIT_BYTES) }]);
    const declared = await answer(action(big, { "content-length": String(big.length) }));
    expect(declared?.status).toBe(413);
    expect(declared?.text).toMatch(/too large: Ripple takes at most 2 MB from one form or save and this one is 2\.0 MB/);
    // Streamed in chunks without a Content-Length.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
        controller.close();
      },
    });
    const streamed = await answer(action(chunks));
    expect(streamed).toEqual({ status: 413, text: MESSAGES.tooLarge(null) });
  });

  it.each([
    ["not JSON", "{{{not json"],
    ["a root that is not a list of arguments", '{"a":1}'],
    ["null", "null"],
    ["a reference to a part that is not there", '["$1"]'],
    ["a map", '["$Q1"]'],
    ["a server reference", '[null,"$h1"]'],
    ["a big integer that is not a number", '["$nabc"]'],
    ["an iterator", '["$i"]'],
    ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`],
  ])("refuses %s with 400", async (_label, body) => {
    expect(await answer(action(body))).toEqual({ status: 400, text: MESSAGES.unreadable });
  });

  it.each([
    ["a form without a boundary", "garbage", "multipart/form-data"],
    ["a broken form", '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', "multipart/form-data; boundary=zzz"],
  ])("refuses %s with 400, with or without an action id", async (_label, body, contentType) => {
    expect(await answer(action(body, { "content-type": contentType }))).toEqual({ status: 400, text: MESSAGES.unreadable });
    const plain = new Request(`${ORIGIN}/sign-up`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, "content-type": contentType }, body });
    expect(await answer(plain)).toEqual({ status: 400, text: MESSAGES.unreadable });
  });

  it("refuses a form whose list of arguments is not readable", async () => {
    const form = new FormData();
    form.set("0", '["$Q2"]');
    expect(await answer(action(form))).toEqual({ status: 400, text: MESSAGES.unreadable });
  });
});

describe("the limit fits what the schemas accept", () => {
  it("the largest story document the editor accepts, in the characters JSON writes longest, is under the limit", () => {
    // A control character is six bytes in JSON ("\u0001"): more than any character in UTF-8.
    const widest = (n: number) => "\u0001".repeat(n);
    const doc = {
      title: widest(200),
      narrative: widest(8000),
      occurredOn: "2025-01-01",
      channel: widest(40),
      visibility: "ORG",
      minutesInvested: 1_000_000,
      minutesSaved: 1_000_000,
      tags: Array.from({ length: 10 }, (_, i) => `${i}${widest(29)}`),
      contributors: Array.from({ length: 20 }, () => ({ membershipId: null, name: widest(120), platform: widest(60), insideOrg: false, tie: "WEAK" })),
      entries: Object.fromEntries(
        CYCLES.map((c) => [
          c,
          {
            narrative: widest(8000),
            indicators: Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(65 + i)}${widest(59)}`),
            figureValue: -999_999_999_999.99,
            figureUnit: widest(40),
            links: Array.from({ length: 20 }, () => ({ url: `https://example.com/${widest(1980)}`, label: widest(200) })),
          },
        ]),
      ),
    };
    const input = { storyId: "0190a5b4-0000-7000-8000-000000000001", baseVersion: 2_147_483_647, doc };
    expect(saveStorySchema.safeParse(input).success).toBe(true);
    const bytes = new TextEncoder().encode(JSON.stringify([null, input])).byteLength;
    expect(bytes).toBeGreaterThan(1024 * 1024);
    expect(bytes).toBeLessThan(ACTION_BODY_LIMIT_BYTES);
  });

  it("isPlainReply accepts what React writes for Ripple's pages", () => {
    expect(isPlainReply([null, { a: "$$1", b: ["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"], c: "$T", d: "$@1", e: "$K1" }])).toBe(true);
  });
});
