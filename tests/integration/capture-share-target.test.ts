// The Web Share Target (app/api/capture/share) through its real route handler: a phone's share
// sheet POSTs title, text and url; the answer only sends the browser on to quick capture, filled
// in and bounded, and stores nothing, whoever is signed in and whichever site the POST came
// from (a cross-site POST cannot capture by itself). The session is the only stand-in. The
// capture it leads to is the quick-capture action, whose clientId stores a retried or offline
// submission once (tests/integration/capture-action.test.ts; here with a prefilled moment).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { makeMember, makeOrganization } from "../factories";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));
vi.mock("next/cache", () => import("../support/next-request"));

const { getDatabase } = await import("@/lib/db/registry");
const { quickCaptureAction } = await import("@/lib/actions/stories");
const route = await import("@/app/api/capture/share/route");

let person: Actor;
let organizationId: string;
beforeAll(async () => {
  const org = await makeOrganization("Share Target Ltd");
  organizationId = org.organizationId;
  person = await makeMember(organizationId);
});

const ctx = { params: Promise.resolve({}) };
const rows = async () => {
  const db = getDatabase().prisma;
  return { stories: await db.story.count({ where: { organizationId } }), audit: await db.auditEvent.count({ where: { organizationId } }) };
};

function multipart(fields: Record<string, string | File>, origin?: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return new Request("http://localhost:3000/api/capture/share", { method: "POST", body, headers: origin ? { origin } : {} });
}

const prefillOf = (res: Response) => {
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location.startsWith("/capture")).toBe(true);
  return Object.fromEntries(new URL(location, "http://x").searchParams);
};

describe("the share target", () => {
  it("answers a shared link with quick capture filled in (303, a path on this site), storing nothing", async () => {
    session.actor = person;
    const before = await rows();
    const res = await route.POST(multipart({ title: "Onboarding thread", text: "Worth a read", url: "https://social.example/@lin/42" }), ctx);
    expect(prefillOf(res)).toEqual({ title: "Onboarding thread", url: "https://social.example/@lin/42" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await rows()).toEqual(before);
  });

  it("takes the link out of shared text when the app sends no url (many do), and reads a urlencoded form", async () => {
    session.actor = null;
    const body = new URLSearchParams({ text: "Great answer on GDPR templates https://forum.example/t/9?ref=share." });
    const res = await route.POST(new Request("http://localhost:3000/api/capture/share", { method: "POST", body }), ctx);
    expect(prefillOf(res)).toEqual({ title: "Great answer on GDPR templates", url: "https://forum.example/t/9?ref=share" });
  });

  it("a POST from another site, signed in or not, only opens the form: no story, no audit event", async () => {
    const before = await rows();
    for (const actor of [person, null]) {
      session.actor = actor;
      const res = await route.POST(multipart({ title: "Pwned", url: "https://evil.example/" }, "https://evil.example"), ctx);
      expect(prefillOf(res)).toEqual({ title: "Pwned", url: "https://evil.example/" });
    }
    expect(await rows()).toEqual(before);
  });

  it("bounds what it passes on: 200 characters, no control characters, no link the capture refuses, files ignored", async () => {
    session.actor = person;
    const res = await route.POST(
      multipart({ title: `Line one\nline\u0000two ${"x".repeat(5000)}`, url: "javascript:alert(document.cookie)", text: new File(["not text"], "a.txt") }),
      ctx,
    );
    const prefill = prefillOf(res);
    expect(prefill.title).toHaveLength(200);
    expect(prefill.title!.startsWith("Line one line two xxx")).toBe(true);
    expect(prefill.url).toBeUndefined();
  });

  it("refuses a body that is not a form with a clear message, never a 500", async () => {
    session.actor = person;
    for (const init of [
      { method: "POST", body: '{"title":"x"}', headers: { "content-type": "application/json" } },
      { method: "POST", body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=x" } },
      { method: "POST" },
    ]) {
      const res = await route.POST(new Request("http://localhost:3000/api/capture/share", init), ctx);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/could not read what was shared/);
    }
  });

  it("answers a GET with the same prefill", async () => {
    const res = await route.GET(new Request("http://localhost:3000/api/capture/share?title=From%20a%20link&url=https%3A%2F%2Fa.example%2F"), ctx);
    expect(prefillOf(res)).toEqual({ title: "From a link", url: "https://a.example/" });
  });

  it("the prefilled moment, saved, sent again with the same clientId (offline outbox, lost answer), is one story", async () => {
    session.actor = person;
    const prefill = prefillOf(await route.POST(multipart({ title: "Shared from my phone", url: "https://a.example/post" }), ctx));
    const clientId = randomUUID();
    const form = () => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ what: prefill.title!, link: prefill.url!, channel: "", startCycle: "IMMEDIATE", clientId })) data.set(k, v);
      return data;
    };
    const first = await quickCaptureAction(null, form());
    const again = await quickCaptureAction(null, form());
    expect(first.ok && again.ok && first.data.id === again.data.id).toBe(true);
    const stored = await getDatabase().prisma.story.findMany({ where: { organizationId, clientId }, select: { title: true } });
    expect(stored).toEqual([{ title: "Shared from my phone" }]);
  });
});
