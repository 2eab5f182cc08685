// Webhooks and the learning record store, end to end on the real database and the real queue:
// story writes become signed webhooks and xAPI statements through the outbox, against stub
// receivers on 127.0.0.1 (RIPPLE_OUTBOUND_ALLOW_PRIVATE=1 in the integration project) that fail,
// then recover. SSRF targets are refused at registration and at delivery.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import validateXapi from "xapi-validation";
import { auditedWrite } from "@/lib/db/audit";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listDeliveries,
  replayDelivery,
  saveLrsSettings,
  sendTestEvent,
  updateWebhookEndpoint,
} from "@/lib/db/outbound";
import { getDatabase } from "@/lib/db/registry";
import { confirmFigure, setHighlight } from "@/lib/db/review";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { quickCapture } from "@/lib/db/stories";
import { eraseStory } from "@/lib/db/trash";
import { DELIVERY_ATTEMPTS, WEBHOOK_EVENTS } from "@/lib/domain/outbound";
import type { StoryDoc } from "@/lib/domain/story";
import { validateStatement } from "@/lib/domain/xapi";
import { JOB_SCHEMA, JobQueue } from "@/lib/jobs";
import { deliverOnce, outboundDeliverJob } from "@/lib/jobs/outbound-job";
import { ExpectedError } from "@/lib/platform/errors";
import { checkHost, isPublicAddress, OutboundRefused, outboundRequest } from "@/lib/platform/outbound-http";
import { storyDocSchema } from "@/lib/validation/story-editor";
import { makeMember, makeOrganization } from "../factories";
import { installQueues, runJobs } from "../support/jobs";

const db = () => getDatabase().prisma;

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; at: number };

/** A receiver on 127.0.0.1:0 that answers `fail` requests with `failStatus`, then 2xx. */
function stubServer(answer: (req: Received, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: performance.now() };
      received.push(r);
      answer(r, res);
    });
  });
  return {
    received,
    server,
    async start() {
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const hookState = { fail: 0, status: 500 };
const hooks = stubServer((r, res) => {
  if (r.path === "/redirect") {
    res.writeHead(302, { location: "/elsewhere" }).end();
    return;
  }
  if (hookState.fail > 0) {
    hookState.fail--;
    res.writeHead(hookState.status).end("try later");
    return;
  }
  res.writeHead(200).end("ok");
});

// A stub LRS: PUT /xapi/statements?statementId=…, Basic auth and the version header checked;
// a statement id it has already is answered 409 (as the spec allows), a new one 204.
const lrsState = { fail: 0 };
const stored = new Map<string, Record<string, unknown>>();
const lrs = stubServer((r, res) => {
  const url = new URL(r.path, "http://stub");
  if (r.headers["x-experience-api-version"] !== "1.0.3" || r.headers.authorization !== `Basic ${Buffer.from("lrs-key:lrs-secret").toString("base64")}`) {
    res.writeHead(401).end();
    return;
  }
  if (lrsState.fail > 0) {
    lrsState.fail--;
    res.writeHead(503).end();
    return;
  }
  const id = url.searchParams.get("statementId") ?? "";
  if (url.pathname !== "/xapi/statements" || !id) {
    res.writeHead(400).end();
    return;
  }
  if (stored.has(id)) {
    res.writeHead(409).end();
    return;
  }
  stored.set(id, JSON.parse(r.body) as Record<string, unknown>);
  res.writeHead(204).end();
});

let hookUrl = "";
let lrsUrl = "";

beforeAll(async () => {
  hookUrl = await hooks.start();
  lrsUrl = await lrs.start();
  await installQueues([outboundDeliverJob]);
});

afterAll(async () => {
  await hooks.close();
  await lrs.close();
});

/** Runs the deliveries that are due; then makes every job waiting for a retry due now, `rounds` times. */
async function deliverAll(rounds = 1): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await runJobs([outboundDeliverJob]);
    await db().$executeRawUnsafe(`UPDATE ${JOB_SCHEMA}.job SET start_after = now() WHERE name = 'outbound.deliver' AND state = 'retry'`);
  }
  await runJobs([outboundDeliverJob]);
}

const edit = (doc: StoryDoc, change: (d: StoryDoc) => void): StoryDoc => {
  const copy = structuredClone(doc);
  change(copy);
  return storyDocSchema.parse(copy) as StoryDoc;
};

const entry = (narrative: string, figureValue: number | null = null) => ({
  narrative,
  indicators: [],
  figureValue,
  figureUnit: figureValue === null ? "" : "hours",
  links: [],
});

async function people() {
  const { admin, organizationId } = await makeOrganization();
  const manager = await makeMember(organizationId, { role: "MANAGER" });
  const author = await makeMember(organizationId, { managerId: manager.membershipId });
  const lnd = await makeMember(organizationId, { role: "LND" });
  return { admin, organizationId, manager, author, lnd };
}

const SECRET_TITLE = "Private words about Dana's migraine";

/** Every event: created, cycle added (draft: no event), shared, cycle added (shared), confirmed, highlighted, erased. */
async function storyLife(p: Awaited<ReturnType<typeof people>>) {
  const { id } = await quickCapture(p.author, { what: SECRET_TITLE, channel: "", startCycle: "IMMEDIATE" });
  let story = (await getStoryForEditing(p.author, id))!;
  await saveStoryDocument(
    p.author,
    id,
    story.version,
    edit(story.doc, (d) => {
      d.visibility = "ORG";
      d.entries.POTENTIAL = entry("A template others can use");
      d.entries.REALIZED = entry("Hours saved", 12);
    }),
  );
  await setStoryStatus(p.author, id, "PUBLISHED");
  story = (await getStoryForEditing(p.author, id))!;
  await saveStoryDocument(
    p.author,
    id,
    story.version,
    edit(story.doc, (d) => {
      d.entries.APPLIED = entry("We changed the checklist");
    }),
  );
  await confirmFigure(p.manager, id);
  await setHighlight(p.lnd, id, true);
  await eraseStory(p.author, id);
  return id;
}

const signed = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  });

describe("webhooks", () => {
  it("sends every story event once, signed, after the receiver fails and recovers; no story text leaves", async () => {
    const p = await people();
    const { secret } = await createWebhookEndpoint(p.admin, { url: `${hookUrl}/events`, description: "All events", events: [...WEBHOOK_EVENTS] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    // The secret is sealed at rest.
    const row = await db().webhookEndpoint.findFirstOrThrow({ where: { organizationId: p.organizationId } });
    expect(row.secret).not.toContain(secret.slice(6));

    const before = hooks.received.length;
    hookState.fail = 2;
    hookState.status = 500;
    const storyId = await storyLife(p);
    await deliverAll(3);

    const mine = hooks.received.slice(before).filter((r) => r.path === "/events");
    const accepted = new Map<string, Received>();
    for (const r of mine) accepted.set(String(r.headers["webhook-id"]), r); // the last of each id is the accepted one
    const events = [...accepted.values()].map((r) => signed(secret, r) as { type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type).sort()).toEqual(
      // The draft's two cycles are no events: a story its author keeps to themselves says nothing but that it was created.
      ["story.created", "story.shared", "story.cycle_added", "story.confirmed", "story.highlighted", "story.erased"].sort(),
    );
    expect(events.find((e) => e.type === "story.created")?.data).toEqual({ storyId, actorId: null });
    // Two 500s, each retried: two more requests than events, and every event delivered exactly once.
    expect(mine).toHaveLength(events.length + 2);
    const deliveries = await db().outboundDelivery.findMany({ where: { organizationId: p.organizationId, target: "WEBHOOK" } });
    expect(deliveries.every((d) => d.status === "DELIVERED" && d.lastStatusCode === 200)).toBe(true);
    expect(deliveries.reduce((n, d) => n + d.attempts, 0)).toBe(events.length + 2);
    expect(events.every((e) => e.data.storyId === storyId)).toBe(true);
    expect(events.find((e) => e.type === "story.shared")?.data).toMatchObject({ visibility: "ORG", status: "PUBLISHED", authorId: p.author.membershipId });
    for (const r of mine) expect(r.body).not.toContain("Dana");
    for (const r of mine) expect(r.body).not.toContain("checklist");
    // A tampered body does not verify.
    expect(() => signed(secret, { ...mine[0]!, body: mine[0]!.body.replace("story", "Story") })).toThrow();
  });

  it("only subscribed, enabled endpoints get events; an organisation without endpoints writes no outbound work", async () => {
    const p = await people();
    await quickCapture(p.author, { what: "Nobody listens", channel: "", startCycle: "IMMEDIATE" });
    expect(await db().outboundEvent.count({ where: { organizationId: p.organizationId } })).toBe(0);

    const { endpointId } = await createWebhookEndpoint(p.admin, { url: `${hookUrl}/erasures`, description: "", events: ["story.erased"] });
    await quickCapture(p.author, { what: "Still nobody", channel: "", startCycle: "IMMEDIATE" });
    expect(await db().outboundDelivery.count({ where: { organizationId: p.organizationId } })).toBe(0);
    await updateWebhookEndpoint(p.admin, { endpointId, url: `${hookUrl}/erasures`, description: "", events: ["story.created"], enabled: false });
    await quickCapture(p.author, { what: "Disabled", channel: "", startCycle: "IMMEDIATE" });
    expect(await db().outboundDelivery.count({ where: { organizationId: p.organizationId } })).toBe(0);
  });

  it("a write that rolls back sends nothing", async () => {
    const p = await people();
    await createWebhookEndpoint(p.admin, { url: `${hookUrl}/rollback`, description: "", events: [...WEBHOOK_EVENTS] });
    const before = hooks.received.length;
    await expect(
      auditedWrite(async (tx, audit) => {
        const story = await tx.story.create({
          data: {
            organizationId: p.organizationId,
            authorId: p.author.membershipId,
            title: "Rolled back",
            visibility: "TEAM",
            occurredAt: new Date("2026-03-02T10:00:00Z"),
          },
          select: { id: true },
        });
        await audit({ action: "story.created", organizationId: p.organizationId, actorId: p.author.membershipId, targetType: "story", targetId: story.id });
        expect(await tx.outboundEvent.count({ where: { organizationId: p.organizationId } })).toBe(1); // written, inside the transaction
        throw new Error("the write fails after its audit event");
      }),
    ).rejects.toThrow("the write fails");
    expect(await db().outboundEvent.count({ where: { organizationId: p.organizationId } })).toBe(0);
    expect(await db().outboundDelivery.count({ where: { organizationId: p.organizationId } })).toBe(0);
    await deliverAll();
    expect(hooks.received.slice(before).filter((r) => r.path === "/rollback")).toHaveLength(0);
  });

  it("an endpoint that stays down ends FAILED after the bounded attempts; a replay delivers it, with the same webhook-id", async () => {
    const p = await people();
    const { endpointId, secret } = await createWebhookEndpoint(p.admin, { url: `${hookUrl}/outage`, description: "", events: [...WEBHOOK_EVENTS] });
    const before = hooks.received.length;
    hookState.fail = 1000;
    hookState.status = 503;
    const { deliveryId } = await sendTestEvent(p.admin, endpointId);
    await deliverAll(DELIVERY_ATTEMPTS + 2);
    const failed = await db().outboundDelivery.findFirstOrThrow({ where: { organizationId: p.organizationId, id: deliveryId } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: DELIVERY_ATTEMPTS, lastStatusCode: 503 });
    expect(hooks.received.slice(before).filter((r) => r.path === "/outage")).toHaveLength(DELIVERY_ATTEMPTS);
    expect((await listDeliveries(p.admin)).find((d) => d.id === deliveryId)).toMatchObject({ status: "FAILED", lastError: "The endpoint answered 503" });

    hookState.fail = 0;
    await replayDelivery(p.admin, deliveryId);
    await deliverAll();
    const sent = hooks.received.slice(before).filter((r) => r.path === "/outage");
    expect(sent).toHaveLength(DELIVERY_ATTEMPTS + 1);
    expect(new Set(sent.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(signed(secret, sent.at(-1)!)).toMatchObject({ type: "ripple.test" });
    expect(await db().outboundDelivery.findFirstOrThrow({ where: { organizationId: p.organizationId, id: deliveryId } })).toMatchObject({
      status: "DELIVERED",
      round: 1,
      attempts: DELIVERY_ATTEMPTS + 1,
    });
    hookState.fail = 0;
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const p = await people();
    const { endpointId } = await createWebhookEndpoint(p.admin, { url: `${hookUrl}/redirect`, description: "", events: ["story.created"] });
    const { deliveryId } = await sendTestEvent(p.admin, endpointId);
    expect(await deliverOnce(p.organizationId, deliveryId, { attempt: 1 })).toBe("retry");
    expect(hooks.received.filter((r) => r.path === "/elsewhere")).toHaveLength(0);
    expect(await db().outboundDelivery.findFirstOrThrow({ where: { organizationId: p.organizationId, id: deliveryId } })).toMatchObject({
      lastStatusCode: 302,
    });
    await deleteWebhookEndpoint(p.admin, endpointId);
  });
});

describe("SSRF: private, loopback, link-local and reserved targets are refused", () => {
  const strict = { allowPrivate: false, httpsOnly: false };
  const targets = [
    "http://10.1.2.3/hook",
    "http://127.0.0.1/hook",
    "http://127.8.9.10/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:a9fe:a9fe]/hook",
    "http://[fd00::1]/hook",
    "http://[fe80::1]/hook",
    "http://100.64.0.1/hook",
    "http://192.168.1.1/hook",
    "http://172.16.0.1/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://localhost/hook", // a host name that resolves to a loopback address
  ];

  it.each(targets)("%s is refused at registration and at delivery", async (target) => {
    const { checkTarget } = await import("@/lib/db/outbound");
    await expect(checkTarget(target, "url", strict)).rejects.toBeInstanceOf(ExpectedError);
    await expect(outboundRequest(target, { method: "POST", headers: {}, body: "{}" }, strict)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it("classifies addresses", () => {
    for (const a of ["93.184.215.14", "2606:4700::1111", "8.8.8.8", "::ffff:8.8.8.8"]) expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      "10.0.0.1",
      "::1",
      "::ffff:10.0.0.1",
      "::ffff:7f00:1",
      "::ffff:0:7f00:1",
      "::ffff:0:127.0.0.1",
      "::7f00:1",
      "64:ff9b::a9fe:a9fe",
      "fe80::1%eth0",
      "2001:db8::1",
      "not an ip",
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it("refuses at delivery time an endpoint whose address became private (the stub receiver gets nothing)", async () => {
    const p = await people();
    const { endpointId } = await createWebhookEndpoint(p.admin, { url: `${hookUrl}/rebound`, description: "", events: ["story.created"] });
    const { deliveryId } = await sendTestEvent(p.admin, endpointId);
    const before = hooks.received.length;
    expect(await deliverOnce(p.organizationId, deliveryId, { attempt: 1, rules: strict })).toBe("retry");
    expect(hooks.received.length).toBe(before);
    expect((await db().outboundDelivery.findFirstOrThrow({ where: { organizationId: p.organizationId, id: deliveryId } })).lastError).toMatch(
      /private or reserved/,
    );
  });

  it("a host name is checked where the socket connects (no second lookup to swap the address)", async () => {
    await expect(checkHost("localhost", strict)).rejects.toBeInstanceOf(OutboundRefused);
    expect(await checkHost("localhost", { allowPrivate: true, httpsOnly: false })).toContain("127.0.0.1");
    await expect(outboundRequest(`${hookUrl.replace("127.0.0.1", "localhost")}/x`, { method: "POST", headers: {}, body: "{}" }, strict)).rejects.toThrow(
      /private or reserved/,
    );
  });

  it("only https in production", async () => {
    const { targetUrlProblem } = await import("@/lib/domain/outbound");
    expect(targetUrlProblem("http://hooks.example.com/x", { httpsOnly: true })).toMatch(/https/);
    expect(targetUrlProblem("https://user:pw@hooks.example.com/x", { httpsOnly: true })).toMatch(/user name/);
    expect(targetUrlProblem("https://hooks.example.com/x", { httpsOnly: true })).toBeNull();
    await expect(outboundRequest(`${hookUrl}/x`, { method: "POST", headers: {}, body: "{}" }, { allowPrivate: true, httpsOnly: true })).rejects.toThrow(
      /https/,
    );
  });
});

describe("the learning record store", () => {
  it("gets valid xAPI statements for shared stories through an outage, each once, and an erasure voids them", async () => {
    const p = await people();
    await expect(saveLrsSettings(p.admin, { endpoint: `${lrsUrl}/xapi/`, key: "lrs-key", secret: "" })).rejects.toThrow("Some settings are missing");
    await saveLrsSettings(p.admin, { endpoint: `${lrsUrl}/xapi/`, key: "lrs-key", secret: "lrs-secret" });
    const connection = await db().lrsConnection.findUniqueOrThrow({ where: { organizationId: p.organizationId } });
    expect(connection.secret).not.toContain("lrs-secret");

    const putsBefore = lrs.received.length;
    const storedBefore = new Set(stored.keys());
    lrsState.fail = 3;
    const storyId = await storyLife(p);
    await deliverAll(4);

    const deliveries = await db().outboundDelivery.findMany({ where: { organizationId: p.organizationId, target: "LRS" }, include: { event: true } });
    expect(deliveries.every((d) => d.status === "DELIVERED")).toBe(true);
    // Statements: shared (IMMEDIATE, POTENTIAL, REALIZED), cycle added on the shared story (APPLIED), the confirmation, then 5 voids.
    expect(deliveries.map((d) => d.event.type).sort()).toEqual(["story.confirmed", "story.cycle_added", "story.erased", "story.shared"]);
    const mine = [...stored.entries()].filter(([id]) => !storedBefore.has(id)).map(([, s]) => s);
    expect(mine).toHaveLength(10);
    const puts = lrs.received.slice(putsBefore);
    // Every id was stored once; the 503s were retried; nothing was stored twice.
    expect(new Set(mine.map((s) => s.id)).size).toBe(mine.length);
    expect(puts.filter((r) => r.headers.authorization).length).toBe(mine.length + 3);
    for (const s of mine) {
      expect(validateStatement(s), JSON.stringify(s)).toEqual([]);
      expect(validateXapi(s), JSON.stringify(s)).toEqual([]);
      expect(JSON.stringify(s)).not.toContain("Dana");
      expect(JSON.stringify(s)).not.toContain("@");
    }
    const cycleStatements = mine.filter((s) => (s.object as { objectType: string }).objectType === "Activity");
    expect(cycleStatements).toHaveLength(5);
    expect(cycleStatements.every((s) => (s.object as { id: string }).id.endsWith(`/stories/${storyId}`))).toBe(true);
    expect(cycleStatements.filter((s) => (s.actor as { account: { name: string } }).account.name === p.author.membershipId)).toHaveLength(4);
    expect(cycleStatements.filter((s) => (s.actor as { account: { name: string } }).account.name === p.manager.membershipId)).toHaveLength(1);
    const voids = mine.filter((s) => (s.verb as { id: string }).id === "http://adlnet.gov/expapi/verbs/voided");
    expect(voids.map((s) => (s.object as { id: string }).id).sort()).toEqual(cycleStatements.map((s) => s.id).sort());

    // A replay of a delivered batch is answered 409 for every statement: done, nothing new stored.
    const shared = deliveries.find((d) => d.event.type === "story.shared")!;
    await replayDelivery(p.admin, shared.id);
    await deliverAll();
    expect(stored.size).toBe(storedBefore.size + 10);
    expect(await db().outboundDelivery.findFirstOrThrow({ where: { organizationId: p.organizationId, id: shared.id } })).toMatchObject({
      status: "DELIVERED",
      lastStatusCode: 409,
    });
  });

  it("sends nothing about private or unshared stories", async () => {
    const p = await people();
    await saveLrsSettings(p.admin, { endpoint: `${lrsUrl}/xapi/`, key: "lrs-key", secret: "lrs-secret" });
    const { id } = await quickCapture(p.author, { what: "Only mine", channel: "", startCycle: "IMMEDIATE" });
    const story = (await getStoryForEditing(p.author, id))!;
    await saveStoryDocument(
      p.author,
      id,
      story.version,
      edit(story.doc, (d) => {
        d.visibility = "PRIVATE";
        d.entries.APPLIED = entry("Changed my own habit");
      }),
    );
    await setStoryStatus(p.author, id, "PUBLISHED");
    expect(await db().outboundDelivery.count({ where: { organizationId: p.organizationId, target: "LRS" } })).toBe(0);
  });
});

describe("delivery latency with the queue running", () => {
  it("measures write → receiver, and behaviour while the receiver is down", async () => {
    const p = await people();
    await createWebhookEndpoint(p.admin, { url: `${hookUrl}/latency`, description: "", events: ["story.created"] });
    await saveLrsSettings(p.admin, { endpoint: `${lrsUrl}/xapi/`, key: "lrs-key", secret: "lrs-secret" });
    const queue = new JobQueue({ database: getDatabase(), definitions: [outboundDeliverJob], reclaimIntervalSeconds: 3600 });
    await queue.start({ work: true });
    try {
      const latencies: number[] = [];
      for (let i = 0; i < 8; i++) {
        const before = hooks.received.filter((r) => r.path === "/latency").length;
        const t0 = performance.now();
        await quickCapture(p.author, { what: `Latency ${i}`, channel: "", startCycle: "IMMEDIATE" });
        const deadline = Date.now() + 15_000;
        while (hooks.received.filter((r) => r.path === "/latency").length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const got = hooks.received.filter((r) => r.path === "/latency")[before];
        expect(got, "delivered within 15 s").toBeDefined();
        latencies.push(got!.at - t0);
      }
      latencies.sort((a, b) => a - b);
      const median = latencies[Math.floor(latencies.length / 2)]!;
      console.log(
        `outbound latency (webhook, queue running, polling 1 s): median ${median.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms over ${latencies.length} writes`,
      );

      // The LRS: sharing a story with two cycle entries → both statements stored.
      const lrsLatencies: number[] = [];
      for (let i = 0; i < 4; i++) {
        const { id } = await quickCapture(p.author, { what: `Shared ${i}`, channel: "", startCycle: "IMMEDIATE" });
        const story = (await getStoryForEditing(p.author, id))!;
        await saveStoryDocument(
          p.author,
          id,
          story.version,
          edit(story.doc, (d) => {
            d.visibility = "ORG";
            d.entries.APPLIED = entry("Applied it");
          }),
        );
        const count = stored.size;
        const t0 = performance.now();
        await setStoryStatus(p.author, id, "PUBLISHED");
        const deadline = Date.now() + 15_000;
        while (stored.size < count + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(stored.size, "both statements stored within 15 s").toBe(count + 2);
        lrsLatencies.push(performance.now() - t0);
      }
      lrsLatencies.sort((a, b) => a - b);
      console.log(
        `outbound latency (LRS, 2 statements per share): median ${lrsLatencies[Math.floor(lrsLatencies.length / 2)]!.toFixed(0)} ms, max ${lrsLatencies.at(-1)!.toFixed(0)} ms over ${lrsLatencies.length} shares`,
      );

      // Outage: the receiver answers 503 once, then recovers; the retry waits 10-20 s (pg-boss backoff with jitter).
      hookState.fail = 1;
      hookState.status = 503;
      const before = hooks.received.filter((r) => r.path === "/latency").length;
      const t0 = performance.now();
      await quickCapture(p.author, { what: "During an outage", channel: "", startCycle: "IMMEDIATE" });
      const deadline = Date.now() + 40_000;
      while (hooks.received.filter((r) => r.path === "/latency").length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const [failed, recovered] = hooks.received.filter((r) => r.path === "/latency").slice(before);
      expect(recovered, "delivered at the first retry").toBeDefined();
      const row = await db().outboundDelivery.findFirstOrThrow({
        where: { organizationId: p.organizationId, target: "WEBHOOK" },
        orderBy: { createdAt: "desc" },
      });
      console.log(
        `outage: first attempt ${(failed!.at - t0).toFixed(0)} ms after the write, answered 503; delivered by the first retry ${((recovered!.at - t0) / 1000).toFixed(1)} s after the write (attempts ${row.attempts}, status ${row.status}); later retries wait 20-40 s, 40-80 s, … up to ${DELIVERY_ATTEMPTS} attempts, then Failed until replayed`,
      );
      hookState.fail = 0;
    } finally {
      await queue.stop();
    }
  }, 120_000);
});
