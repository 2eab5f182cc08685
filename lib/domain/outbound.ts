// What leaves Ripple for an organisation's integrations (webhooks and the learning record store),
// and in what shape. Pure: the one mapping from an audited action to the outbound events it
// causes, the webhook payload, the xAPI statements, and the rules for a target's address.
//
// Trust: nothing here carries story text (titles, narratives, comments). A webhook says which
// story changed and how (ids, visibility, status, cycle), and of a story its author keeps to
// themselves only that one was created (its id, nobody's name); a receiver that needs the words fetches
// them through the API, under the same access rules as the pages. The LRS gets statements about
// shared stories only (PUBLISHED and not PRIVATE): a private story's existence stays its author's.
import type { Cycle } from "./framework";
import { CYCLE_INFO } from "./framework";
import { rippleIris, XAPI_VERSION } from "./xapi";

export const WEBHOOK_EVENTS = ["story.created", "story.shared", "story.cycle_added", "story.confirmed", "story.highlighted", "story.erased"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABEL: Record<WebhookEvent, string> = {
  "story.created": "A story is created",
  "story.shared": "A story is shared",
  "story.cycle_added": "A cycle is added to a story",
  "story.confirmed": "A realized-value figure is confirmed",
  "story.highlighted": "A story is picked for leadership",
  "story.erased": "A story is erased",
};

export type StoryVisibility = "PRIVATE" | "MANAGER" | "TEAM" | "ORG";
export type StoryStatus = "DRAFT" | "PUBLISHED";

/** What the write's transaction knows of the story when its audit event is recorded. */
export type StoryFactsForOutbound = {
  authorId: string;
  visibility: StoryVisibility;
  status: StoryStatus;
  /** The story's cycle entries (ids and cycles only). */
  entries: readonly { id: string; cycle: Cycle; recordedAt: Date; confirmedAt: Date | null; confirmedById: string | null }[];
};

/** The data of an outbound event: ids and metadata, never story text. Stored in the outbox and sent as the webhook's `data`. */
export type OutboundData = {
  storyId: string;
  /** Who did it (a person's membership id), or null for the system (the trash's purge). */
  actorId: string | null;
  authorId?: string;
  visibility?: StoryVisibility;
  status?: StoryStatus;
  cycle?: Cycle;
  cycleEntryId?: string;
  /** story.shared: every entry's id and cycle (the LRS gets a statement for each). */
  entries?: { id: string; cycle: Cycle; recordedAt: string }[];
  confirmedAt?: string;
  highlighted?: boolean;
};

export type AuditFacts = { action: string; actorId: string | null; targetId: string | null; meta: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether others than the author can see the story: only then do statements go to the LRS. */
export function sharedBeyondAuthor(story: { status: StoryStatus; visibility: StoryVisibility }): boolean {
  return story.status === "PUBLISHED" && story.visibility !== "PRIVATE";
}

/**
 * The one mapping from an audited story write to the webhook event it is (or null): the audit
 * event and the outbound event are written by the same call, in the write's transaction.
 * `story` is null when the story is gone (an erasure).
 */
export function outboundEventFor(audit: AuditFacts, story: StoryFactsForOutbound | null): { type: WebhookEvent; data: OutboundData } | null {
  const storyId = audit.targetId;
  if (!storyId) return null;
  const meta = isObject(audit.meta) ? audit.meta : {};
  const base = { storyId, actorId: audit.actorId };
  if (audit.action === "story.erased") return { type: "story.erased", data: base };
  if (!story) return null;
  const facts = { ...base, authorId: story.authorId, visibility: story.visibility, status: story.status };
  // A story its author keeps to themselves (a draft, or private): "a story was created", its id
  // alone (no author, no visibility), and nothing about its cycles until it is shared.
  const shared = sharedBeyondAuthor(story);
  switch (audit.action) {
    case "story.created":
      return { type: "story.created", data: shared ? facts : { storyId, actorId: null } };
    case "story.visibility_changed": {
      // Shared: published now and visible beyond the author (a withdrawal or a narrowing to private is not an event).
      if (!sharedBeyondAuthor(story)) return null;
      const entries = story.entries.map((e) => ({ id: e.id, cycle: e.cycle, recordedAt: e.recordedAt.toISOString() }));
      return { type: "story.shared", data: { ...facts, entries } };
    }
    case "story.cycle_added": {
      if (!shared) return null;
      const entry = story.entries.find((e) => e.id === meta.cycleEntryId);
      if (!entry) return null;
      return { type: "story.cycle_added", data: { ...facts, cycle: entry.cycle, cycleEntryId: entry.id } };
    }
    case "review.figure_confirmed": {
      const entry = story.entries.find((e) => e.cycle === "REALIZED" && e.confirmedAt);
      if (!entry?.confirmedAt) return null;
      return { type: "story.confirmed", data: { ...facts, cycle: entry.cycle, cycleEntryId: entry.id, confirmedAt: entry.confirmedAt.toISOString() } };
    }
    case "review.highlighted":
      return meta.on === true ? { type: "story.highlighted", data: { ...facts, highlighted: true } } : null;
    default:
      return null;
  }
}

/** The webhook body (Standard Webhooks' recommended shape: type, timestamp, data). */
export function webhookBody(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}

// ---- xAPI ---------------------------------------------------------------------------------------

export const VERB = {
  experienced: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-GB": "experienced" } },
  progressed: { id: "http://adlnet.gov/expapi/verbs/progressed", display: { "en-GB": "progressed" } },
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-GB": "completed" } },
  /** Activity Streams' "confirm", listed in the xAPI vocabulary registry. */
  confirmed: { id: "http://activitystrea.ms/schema/1.0/confirm", display: { "en-GB": "confirmed" } },
  voided: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-GB": "voided" } },
} as const;

const CYCLE_VERB: Record<Cycle, keyof typeof VERB> = {
  IMMEDIATE: "experienced",
  POTENTIAL: "progressed",
  APPLIED: "progressed",
  REALIZED: "progressed",
  REFRAMING: "completed",
};

/**
 * The actor: an `account` on this Ripple (homePage = its address, name = the person's membership
 * id), never an e-mail address, so the LRS learns no contact details; the organisation maps ids
 * to people through the API or SCIM if it needs to.
 */
export function xapiActor(baseUrl: string, personId: string | null) {
  return { objectType: "Agent" as const, account: { homePage: baseUrl.replace(/\/+$/, ""), name: personId ?? "ripple-system" } };
}

export type StatementPlan =
  | { id: string; kind: "cycle"; entryId: string; cycle: Cycle; at: string }
  | { id: string; kind: "confirmed"; at: string }
  | { id: string; kind: "voided"; voids: string; at: string };

function storyActivity(baseUrl: string, storyId: string) {
  const base = baseUrl.replace(/\/+$/, "");
  // No title: the activity is named by its kind only (the words stay in Ripple).
  return {
    objectType: "Activity" as const,
    id: `${base}/stories/${storyId}`,
    definition: { type: rippleIris(base).storyType, name: { "en-GB": "A Ripple story" } },
  };
}

function cycleContext(baseUrl: string, cycle: Cycle) {
  return {
    platform: "Ripple",
    language: "en-GB",
    extensions: { [rippleIris(baseUrl).cycle]: { key: cycle, number: CYCLE_INFO[cycle].number, name: CYCLE_INFO[cycle].name } },
  };
}

/**
 * The statements one event becomes, each with the id chosen when the event was recorded (so a
 * retry sends the very same statement and the LRS keeps one). Statements about a cycle entry
 * use the entry's id (the same as the xAPI export's), so sharing a story twice sends nothing new.
 */
export function xapiStatements(baseUrl: string, data: OutboundData, plans: readonly StatementPlan[]): Record<string, unknown>[] {
  return plans.map((plan) => {
    if (plan.kind === "voided") {
      return {
        id: plan.id,
        version: XAPI_VERSION,
        actor: xapiActor(baseUrl, data.actorId),
        verb: VERB.voided,
        object: { objectType: "StatementRef", id: plan.voids },
        timestamp: plan.at,
      };
    }
    const cycle: Cycle = plan.kind === "cycle" ? plan.cycle : "REALIZED";
    return {
      id: plan.id,
      version: XAPI_VERSION,
      actor: xapiActor(baseUrl, plan.kind === "cycle" ? (data.authorId ?? null) : data.actorId),
      verb: plan.kind === "cycle" ? VERB[CYCLE_VERB[cycle]] : VERB.confirmed,
      object: storyActivity(baseUrl, data.storyId),
      context: cycleContext(baseUrl, cycle),
      timestamp: plan.at,
    };
  });
}

/**
 * Which statements an event becomes for the LRS (their ids are given by `newId`, or the entry's
 * own id). `sentBefore`: the ids of statements already sent about the story (an erasure voids them).
 */
export function statementPlans(
  type: WebhookEvent,
  data: OutboundData,
  at: Date,
  opts: { sentBefore: readonly string[]; newId: (seed: string) => string },
): StatementPlan[] {
  const when = at.toISOString();
  if (type === "story.erased") return opts.sentBefore.map((voids) => ({ id: opts.newId(`void:${voids}`), kind: "voided" as const, voids, at: when }));
  if (!data.status || !data.visibility || !sharedBeyondAuthor({ status: data.status, visibility: data.visibility })) return [];
  if (type === "story.cycle_added" && data.cycleEntryId && data.cycle)
    return [{ id: data.cycleEntryId, kind: "cycle", entryId: data.cycleEntryId, cycle: data.cycle, at: when }];
  if (type === "story.shared") return (data.entries ?? []).map((e) => ({ id: e.id, kind: "cycle" as const, entryId: e.id, cycle: e.cycle, at: e.recordedAt }));
  if (type === "story.confirmed" && data.cycleEntryId && data.confirmedAt)
    return [{ id: opts.newId(`confirmed:${data.cycleEntryId}:${data.confirmedAt}`), kind: "confirmed", at: data.confirmedAt }];
  return [];
}

// ---- Targets ------------------------------------------------------------------------------------

/** What is wrong with a webhook or LRS address under the rules in force (null: nothing). */
export function targetUrlProblem(raw: string, rules: { httpsOnly: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full address, such as https://hooks.example.com/ripple.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The address must start with https://.";
  if (rules.httpsOnly && url.protocol !== "https:") return "Only https:// addresses are allowed.";
  if (url.username || url.password) return "Put no user name or password in the address.";
  if (url.hash) return "The address cannot have a #fragment.";
  return null;
}

/** Attempts per delivery round (the first and its retries), and the wait before each retry. */
export const DELIVERY_ATTEMPTS = 8;
export const RETRY_DELAY_SECONDS = 10;

/** When the n-th retry (1-based) runs at the latest, for the admin page ("next attempt"): pg-boss waits between delay·2^(n-1) and delay·2^n. */
export function nextAttemptLatest(failedAt: Date, retry: number): Date {
  return new Date(failedAt.getTime() + RETRY_DELAY_SECONDS * 2 ** retry * 1000);
}
