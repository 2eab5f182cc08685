// The one mapping from an audited story write to its outbound event, and the xAPI statements
// an event becomes: worked out by hand.
import { describe, expect, it } from "vitest";
import validateXapi from "xapi-validation";
import { outboundEventFor, statementPlans, targetUrlProblem, webhookBody, xapiStatements, type StoryFactsForOutbound } from "@/lib/domain/outbound";
import { validateStatement } from "@/lib/domain/xapi";

const STORY = "01900000-0000-7000-8000-000000000001";
const AUTHOR = "01900000-0000-7000-8000-0000000000a1";
const MANAGER = "01900000-0000-7000-8000-0000000000b2";
const ENTRY_I = "01900000-0000-7000-8000-0000000000e1";
const ENTRY_R = "01900000-0000-7000-8000-0000000000e4";

const facts = (over: Partial<StoryFactsForOutbound> = {}): StoryFactsForOutbound => ({
  authorId: AUTHOR,
  visibility: "TEAM",
  status: "PUBLISHED",
  entries: [
    { id: ENTRY_I, cycle: "IMMEDIATE", recordedAt: new Date("2026-03-01T09:00:00Z"), confirmedAt: null, confirmedById: null },
    { id: ENTRY_R, cycle: "REALIZED", recordedAt: new Date("2026-03-05T09:00:00Z"), confirmedAt: new Date("2026-03-06T10:00:00Z"), confirmedById: MANAGER },
  ],
  ...over,
});

const audit = (action: string, meta: unknown = null, actorId = AUTHOR) => ({ action, actorId, targetId: STORY, meta });

describe("audit action → webhook event", () => {
  it("maps each story write, and nothing else", () => {
    expect(outboundEventFor(audit("story.created"), facts())?.type).toBe("story.created");
    expect(outboundEventFor(audit("story.cycle_added", { cycleEntryId: ENTRY_R }), facts())?.data).toMatchObject({ cycle: "REALIZED", cycleEntryId: ENTRY_R });
    expect(outboundEventFor(audit("review.figure_confirmed", null, MANAGER), facts())?.data).toMatchObject({
      cycleEntryId: ENTRY_R,
      confirmedAt: "2026-03-06T10:00:00.000Z",
      actorId: MANAGER,
    });
    expect(outboundEventFor(audit("review.highlighted", { on: true }), facts())?.type).toBe("story.highlighted");
    expect(outboundEventFor(audit("review.highlighted", { on: false }), facts())).toBeNull();
    expect(outboundEventFor(audit("story.erased", { reason: "author" }), null)).toEqual({ type: "story.erased", data: { storyId: STORY, actorId: AUTHOR } });
    expect(outboundEventFor(audit("story.acknowledged"), facts())).toBeNull();
    expect(outboundEventFor(audit("settings.changed"), facts())).toBeNull();
  });

  it("is 'shared' only when the story is published beyond its author", () => {
    expect(outboundEventFor(audit("story.visibility_changed"), facts())?.type).toBe("story.shared");
    expect(outboundEventFor(audit("story.visibility_changed"), facts({ status: "DRAFT" }))).toBeNull();
    expect(outboundEventFor(audit("story.visibility_changed"), facts({ visibility: "PRIVATE" }))).toBeNull();
  });

  it("carries ids and metadata, never text", () => {
    const body = webhookBody({
      type: "story.created",
      createdAt: new Date("2026-03-01T09:00:00Z"),
      data: outboundEventFor(audit("story.created"), facts())!.data,
    });
    expect(JSON.parse(body)).toEqual({
      type: "story.created",
      timestamp: "2026-03-01T09:00:00.000Z",
      data: { storyId: STORY, actorId: AUTHOR, authorId: AUTHOR, visibility: "TEAM", status: "PUBLISHED" },
    });
  });
});

describe("xAPI statements", () => {
  const newId = (seed: string) => (seed.startsWith("void:") ? "01900000-0000-5000-8000-00000000f00d" : "01900000-0000-5000-8000-00000000c0f1");
  const at = new Date("2026-03-07T12:00:00Z");

  it("a shared story: one statement per entry, with the entry's id; valid under both validators; an account, not an e-mail", () => {
    const event = outboundEventFor(audit("story.visibility_changed"), facts())!;
    const plans = statementPlans(event.type, event.data, at, { sentBefore: [], newId });
    expect(plans.map((p) => p.id)).toEqual([ENTRY_I, ENTRY_R]);
    const statements = xapiStatements("https://ripple.example.com/", event.data, plans);
    expect(statements[0]).toMatchObject({
      id: ENTRY_I,
      actor: { objectType: "Agent", account: { homePage: "https://ripple.example.com", name: AUTHOR } },
      verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
      object: { id: `https://ripple.example.com/stories/${STORY}` },
      timestamp: "2026-03-01T09:00:00.000Z",
    });
    for (const s of statements) {
      expect(validateStatement(s)).toEqual([]);
      expect(validateXapi(s)).toEqual([]);
    }
  });

  it("nothing about a private or draft story; a confirmation is the confirmer's; an erasure voids what was sent", () => {
    // A private story's cycle is no event; its creation is an id alone, nobody's name.
    expect(outboundEventFor(audit("story.cycle_added", { cycleEntryId: ENTRY_I }), facts({ visibility: "PRIVATE" }))).toBeNull();
    expect(outboundEventFor(audit("story.cycle_added", { cycleEntryId: ENTRY_I }), facts({ status: "DRAFT" }))).toBeNull();
    const priv = outboundEventFor(audit("story.created"), facts({ visibility: "PRIVATE" }))!;
    expect(priv).toEqual({ type: "story.created", data: { storyId: STORY, actorId: null } });
    expect(statementPlans(priv.type, priv.data, at, { sentBefore: [], newId })).toEqual([]);
    const confirmed = outboundEventFor(audit("review.figure_confirmed", null, MANAGER), facts())!;
    const [c] = xapiStatements("https://r.example", confirmed.data, statementPlans(confirmed.type, confirmed.data, at, { sentBefore: [], newId }));
    expect(c).toMatchObject({ actor: { account: { name: MANAGER } }, verb: { id: "http://activitystrea.ms/schema/1.0/confirm" } });
    const erased = outboundEventFor(audit("story.erased"), null)!;
    const voids = xapiStatements("https://r.example", erased.data, statementPlans(erased.type, erased.data, at, { sentBefore: [ENTRY_I], newId }));
    expect(voids).toEqual([
      {
        id: "01900000-0000-5000-8000-00000000f00d",
        version: "1.0.3",
        actor: { objectType: "Agent", account: { homePage: "https://r.example", name: AUTHOR } },
        verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-GB": "voided" } },
        object: { objectType: "StatementRef", id: ENTRY_I },
        timestamp: "2026-03-07T12:00:00.000Z",
      },
    ]);
    expect(validateXapi(voids[0])).toEqual([]);
  });
});

describe("target addresses", () => {
  it("https only when the rules say so; no credentials or fragments", () => {
    expect(targetUrlProblem("http://hooks.example.com/", { httpsOnly: false })).toBeNull();
    expect(targetUrlProblem("http://hooks.example.com/", { httpsOnly: true })).toBe("Only https:// addresses are allowed.");
    expect(targetUrlProblem("ftp://hooks.example.com/", { httpsOnly: false })).toBe("The address must start with https://.");
    expect(targetUrlProblem("https://a:b@hooks.example.com/", { httpsOnly: true })).toBe("Put no user name or password in the address.");
    expect(targetUrlProblem("https://hooks.example.com/#x", { httpsOnly: true })).toBe("The address cannot have a #fragment.");
    expect(targetUrlProblem("not a url", { httpsOnly: true })).toMatch(/full address/);
  });
});
