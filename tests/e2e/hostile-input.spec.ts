// Hostile addresses and bodies against the real production server: each answers below 500, with
// a sentence that says what was wrong (or the page, with the bad value ignored). Raw HTTP, so
// that the bytes sent are exactly the ones written here (a browser would repair some of them).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "./helpers";

const BASE = `http://localhost:${process.env.E2E_PORT ?? 3200}`;

/** Signs in through next-auth's credentials endpoint; returns the session cookie header. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ email, password: DEMO.password, csrfToken, json: "true" }),
  });
  keep(res);
  expect(cookie()).toContain("session-token");
  return cookie();
}

/** The id the production build gave a server action (from its manifest). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no action ${exportedName} in the build`);
  return id;
}

const cookies: Record<string, string> = {};
test.beforeAll(async () => {
  cookies.admin = await signIn(DEMO.admin);
  cookies.manager = await signIn(DEMO.manager);
  cookies.employee = await signIn(DEMO.employee);
  cookies.anonymous = "";
});

type Who = "admin" | "manager" | "employee" | "anonymous";
const get = (url: string, who: Who) => fetch(`${BASE}${url}`, { headers: { cookie: cookies[who]! }, redirect: "manual" });

test.describe("hostile addresses", () => {
  for (const [url, who] of [
    ["/stories?q=%00", "employee"],
    ["/stories?q=a%00b&tag=%00&channel=%00", "employee"],
    ["/team?channel=%00", "manager"],
    ["/team?from=0000-01-01", "manager"],
    ["/team?to=0000-01-01&person=%00", "manager"],
    ["/admin/audit?from=0000-01-01", "admin"],
    ["/admin/audit?to=%00&category=constructor", "admin"],
    ["/reports?tag=%00&channel=%00&from=0000-01-01", "manager"],
    ["/reports/stories?tag=%00&indicator=%00", "admin"],
    ["/api/reports/csv?tag=%00", "admin"],
    ["/api/reports/csv?channel=%00", "manager"],
    ["/api/reports/xlsx?tag=%00", "admin"],
    ["/api/reports/xapi?tag=%00", "admin"],
    ["/api/reports/pdf?tag=%00", "admin"],
    ["/api/reports/json?tag=%00", "admin"],
    ["/sign-in?error=constructor", "anonymous"],
    ["/sign-in?error=__proto__", "anonymous"],
    ["/sign-in?error=toString&error=valueOf", "anonymous"],
    // Quick capture filled in from the bookmarklet or a share (and the sign-in it returns from).
    ["/capture?title=%00%D8%00&url=javascript:alert(1)&title=x", "employee"],
    ["/capture?title=%FF&text=%00&url=%00", "anonymous"],
    ["/api/capture/share?title=%00&url=//evil.example", "anonymous"],
    ["/sign-in?next=//evil.example&next=%00", "anonymous"],
    // In a query, bytes that are not UTF-8 become U+FFFD: only a value that does not fit.
    ["/reports?tag=%FF&channel=%C0%AF", "manager"],
  ] as const) {
    test(`${url} as ${who}: answered below 500`, async () => {
      const res = await get(url, who);
      const body = await res.text();
      expect(res.status, body.slice(0, 200)).toBeLessThan(500);
      if (res.status === 200 && res.headers.get("content-type")?.startsWith("text/html")) expect(body).not.toContain("Something went wrong");
    });
  }

  test("an unknown sign-in error code gets the general message, not Object's constructor", async () => {
    const res = await get("/sign-in?error=constructor", "anonymous");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("We could not sign you in. Try again.");
  });

  for (const url of ["/stories/%C0%AF", "/%FF", "/stories/%FF/edit", "/invite/%FF", "/api/evidence/%FF", "/api/stories/%FF/evidence"]) {
    test(`${url}: an address that is not UTF-8 is a 400 that says so`, async () => {
      const res = await get(url, "employee");
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/This address is not valid: it has characters that are not UTF-8/);
    });
  }
});

test.describe("hostile server-action requests", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}, page = "/admin/settings") =>
    fetch(`${BASE}${page}`, {
      method: "POST",
      headers: {
        cookie: cookies.admin!,
        origin: BASE,
        accept: "text/x-component",
        "next-action": actionId("addChannelAction"),
        // A form brings its own content type (with its boundary).
        ...(body instanceof FormData ? {} : { "content-type": "text/plain;charset=UTF-8" }),
        ...headers,
      },
      body,
      redirect: "manual",
      duplex: "half",
    } as RequestInit);

  test("a channel named with a lone surrogate (the issue's reproduction) is saved as U+FFFD, with its audit event", async () => {
    const label = `Podcast ${Date.now()}`;
    const res = await post(`[null,{"label":"${label}\\ud800"}]`);
    expect(res.status).toBe(200);
    const flight = await res.text();
    expect(flight).toContain('"ok":true');
    const audit = await (await get("/admin/audit?category=settings", "admin")).text();
    expect(audit).toContain(`${label}\ufffd`);
  });

  test("a NUL in a field is refused with a message naming the field", async () => {
    const res = await post('[null,{"label":"Pod\\u0000cast"}]');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("The channel's name cannot contain the invisible NUL character");
  });

  test("from another site: 403, and the action does not run", async () => {
    const label = `Cross-site ${Date.now()}`;
    const res = await post(`[null,{"label":"${label}"}]`, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/sent from another site, so Ripple did not run it/);
    expect(await (await get("/admin/settings", "admin")).text()).not.toContain(label);
    // A form posted without JavaScript from another site, too.
    const form = new FormData();
    form.set(`$ACTION_ID_${actionId("addChannelAction")}`, "");
    form.set("label", label);
    const mpa = await fetch(`${BASE}/admin/settings`, {
      method: "POST",
      headers: { cookie: cookies.admin!, origin: "https://evil.example" },
      body: form,
      redirect: "manual",
    });
    expect(mpa.status).toBe(403);
  });

  test("over the limit: 413 with a message that says what is too large, declared or streamed", async () => {
    const big = `[null,{"label":"${"x".repeat(2 * 1024 * 1024 + 10)}"}]`;
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toMatch(/This request is too large: Ripple takes at most 2 MB from one form or save/);
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_label", "x".repeat(2 * 1024 * 1024 + 10));
    const multipart = await post(form);
    expect(multipart.status).toBe(413);
    const streamed = await post(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toMatch(/too large/);
  });

  for (const [label, body, contentType] of [
    ["not JSON", "{{{not json", undefined],
    ["a root that is not a list", "null", undefined],
    ["a reference to nothing", '["$1"]', undefined],
    ["a map", '["$Q1"]', undefined],
    ["a server reference", '[null,"$h1"]', undefined],
    ["a big integer that is not one", '["$nabc"]', undefined],
    ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`, undefined],
    ["a form without a boundary", "garbage", "multipart/form-data"],
    ["a broken form", '--zzz\r\nContent-Disposition: form-data; name="0"\r\n\r\n{{{', "multipart/form-data; boundary=zzz"],
  ] as const) {
    test(`a malformed body (${label}): 400 that says Ripple could not read it`, async () => {
      const res = await post(body, contentType ? { "content-type": contentType } : {});
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Ripple could not read this request/);
    });
  }

  test("a form posted without JavaScript that cannot be read: 400", async () => {
    const res = await fetch(`${BASE}/sign-up`, {
      method: "POST",
      headers: { origin: BASE, "content-type": "multipart/form-data; boundary=zzz" },
      body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  });
});
