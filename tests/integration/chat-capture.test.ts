// Capture from Slack and Microsoft Teams, through the real route handlers with real Request
// objects, payloads shaped as Slack and Teams send them (form-encoded slash commands, `payload=`
// JSON for interactions, Bot Framework activities for Teams), signed with the organisation's
// secrets; Slack's Web API and response_url are a stub on 127.0.0.1. The database is real.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { makeMember, makeOrganization, makeStory } from "../factories";
import { JobQueue } from "@/lib/jobs";
import { startSlackStub, type SlackCall } from "../support/slack-stub";
import type { Actor } from "@/lib/domain/actor";

const db = () => getDatabase().prisma;
/** The story a link's use let through (a Slack link is finished at once). */
const storyOf = (outcome: { status: string; storyId?: string | null }) => (outcome.status === "linked" ? (outcome.storyId ?? null) : undefined);
const SIGNING_SECRET = "8f742231b10e8888abcd99aaa00085a5";
const BOT_TOKEN = "xoxb-1111-2222-abcdefghijklmnop";
const TEAM = "T0ACME01";
const TEAMS_TOKEN_BYTES = Buffer.from("0123456789abcdef0123456789abcdef");
const TEAMS_TOKEN = TEAMS_TOKEN_BYTES.toString("base64");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

let stub: Awaited<ReturnType<typeof startSlackStub>>;
let m: {
  command: typeof import("@/app/api/slack/commands/route");
  interactivity: typeof import("@/app/api/slack/interactivity/route");
  teams: typeof import("@/app/api/teams/messages/route");
  chat: typeof import("@/lib/db/chat");
  job: typeof import("@/lib/jobs/chat-job");
  jobs: typeof import("../support/jobs");
  nudgeJob: typeof import("@/lib/jobs/nudge-job");
  nudges: typeof import("@/lib/db/nudges");
};
let org: { admin: Actor; organizationId: string };
let ana: Actor; // linked to Slack user U0ANA below
let other: { admin: Actor; organizationId: string };

beforeAll(async () => {
  stub = await startSlackStub();
  vi.stubEnv("SLACK_API_URL", `${stub.url}/api/`);
  vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
  vi.resetModules();
  m = {
    command: await import("@/app/api/slack/commands/route"),
    interactivity: await import("@/app/api/slack/interactivity/route"),
    teams: await import("@/app/api/teams/messages/route"),
    chat: await import("@/lib/db/chat"),
    job: await import("@/lib/jobs/chat-job"),
    jobs: await import("../support/jobs"),
    nudgeJob: await import("@/lib/jobs/nudge-job"),
    nudges: await import("@/lib/db/nudges"),
  };
  await m.jobs.installQueues([m.job.slackReplyJob, m.nudgeJob.nudgeJob]);
  org = await makeOrganization("Chat Co");
  ana = await makeMember(org.organizationId);
  other = await makeOrganization("Other Chat Co");
  await m.chat.saveChatSettings(org.admin, "SLACK", { workspaceId: TEAM, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  await m.chat.saveChatSettings(org.admin, "TEAMS", { workspaceId: TENANT, signingSecret: TEAMS_TOKEN });
  // Ana links U0ANA the way anyone does: a first capture, then the link.
  const first = await slashCommand({ user_id: "U0ANA", text: "Linked my Slack account" });
  await m.chat.redeemChatLink(ana, linkToken(((await first.json()) as { text: string }).text)!);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await stub.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function slackSign(body: string, ts = String(nowSeconds()), secret = SIGNING_SECRET) {
  return { "x-slack-request-timestamp": ts, "x-slack-signature": "v0=" + createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex") };
}

function post(url: string, body: string, headers: Record<string, string>) {
  return new Request(url, { method: "POST", body, headers });
}

const ctx = { params: Promise.resolve({}) };
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A slash command as Slack sends it (every field Slack sends, in its order). */
function commandBody(p: { user_id: string; text: string; trigger_id?: string; team_id?: string }) {
  return new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    team_id: p.team_id ?? TEAM,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: p.user_id,
    user_name: p.user_id.toLowerCase(),
    command: "/ripple",
    text: p.text,
    api_app_id: "A0RIPPLE",
    is_enterprise_install: "false",
    response_url: `${"https://hooks.slack.com"}/commands/${TEAM}/1234/abcd`,
    trigger_id: p.trigger_id ?? `${Math.floor(Math.random() * 1e12)}.1234.${randomUUID().replaceAll("-", "")}`,
  }).toString();
}

async function slashCommand(p: { user_id: string; text: string; trigger_id?: string }, headers: Record<string, string> = {}) {
  const body = commandBody(p);
  return m.command.POST(post("https://ripple.example/api/slack/commands", body, { ...FORM, ...slackSign(body), ...headers }), ctx);
}

function interaction(payload: object, sign: (body: string) => Record<string, string> = (b) => slackSign(b)) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return m.interactivity.POST(post("https://ripple.example/api/slack/interactivity", body, { ...FORM, ...sign(body) }), ctx);
}

const linkToken = (text: string) => /\/chat-link\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;
const storyIdIn = (text: string) => /\/stories\/([0-9a-f-]{36})/.exec(text)?.[1] ?? null;
const callsTo = (method: string, from: number) => stub.calls.slice(from).filter((c: SlackCall) => c.method === method || c.path.startsWith(method));

function messageAction(user: string, text: string, ts: string) {
  return {
    type: "message_action",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    action_ts: "1700000100.123456",
    team: { id: TEAM, domain: "acme" },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM, name: user.toLowerCase() },
    channel: { id: "C0GENERAL", name: "general" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: "ripple_save_message",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    response_url: `${stub.url}/hooks/app/${TEAM}/1234/msg`,
    message_ts: ts,
    message: { type: "message", user: "U0BOB", ts, text, team: TEAM, blocks: [] },
  };
}

describe("Slack: the slash command", () => {
  it("a linked person's `/ripple` stores a quick-captured story and answers privately with its link", async () => {
    const before = await db().story.count({ where: { authorId: ana.membershipId } });
    const response = await slashCommand({ user_id: "U0ANA", text: "Bob showed me <https://wiki.acme.example/churn|the churn dashboard> &amp; its filters" });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { response_type: string; text: string };
    expect(answer.response_type).toBe("ephemeral");
    const storyId = storyIdIn(answer.text);
    expect(answer.text).toContain(`https://ripple.example/stories/${storyId}`);
    const story = await db().story.findFirstOrThrow({ where: { id: storyId! }, include: { entries: { include: { evidence: true } } } });
    expect(story).toMatchObject({ authorId: ana.membershipId, status: "DRAFT", title: "Bob showed me the churn dashboard & its filters" });
    expect(story.entries[0]!.evidence.map((e) => e.url)).toEqual([]); // the link's label stood in the text; no address in it
    expect(await db().story.count({ where: { authorId: ana.membershipId } })).toBe(before + 1);
  });

  it("Slack's retry of the same request (X-Slack-Retry-Num) stores no second story", async () => {
    const trigger = "4444.5555.retrytrigger";
    const first = (await (await slashCommand({ user_id: "U0ANA", text: "Paired with Chen on the retry logic", trigger_id: trigger })).json()) as {
      text: string;
    };
    const retry = (await (
      await slashCommand(
        { user_id: "U0ANA", text: "Paired with Chen on the retry logic", trigger_id: trigger },
        { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      )
    ).json()) as { text: string };
    expect(storyIdIn(retry.text)).toBe(storyIdIn(first.text));
    expect(await db().story.count({ where: { authorId: ana.membershipId, title: "Paired with Chen on the retry logic" } })).toBe(1);
  });

  it("keeps a link typed in the text as the story's link", async () => {
    const answer = (await (await slashCommand({ user_id: "U0ANA", text: "Read <https://blog.example/post-1> on mentoring" })).json()) as { text: string };
    const story = await db().story.findFirstOrThrow({ where: { id: storyIdIn(answer.text)! }, include: { entries: { include: { evidence: true } } } });
    expect(story.title).toBe("Read https://blog.example/post-1 on mentoring");
    expect(story.entries[0]!.evidence.map((e) => e.url)).toEqual(["https://blog.example/post-1"]);
  });

  it("answers help for an empty command, and a clear sentence for too little text", async () => {
    expect(((await (await slashCommand({ user_id: "U0ANA", text: "" })).json()) as { text: string }).text).toContain("/ripple what happened");
    expect(((await (await slashCommand({ user_id: "U0ANA", text: "ok" })).json()) as { text: string }).text).toBe(
      "Say in one line what happened (at least 3 characters).",
    );
  });

  it("refuses a tampered body, another secret, a stale replay and an unknown workspace, storing nothing", async () => {
    const count = () => db().story.count({ where: { organizationId: org.organizationId } });
    const before = await count();
    const body = commandBody({ user_id: "U0ANA", text: "Harmless words" });
    const headers = slackSign(body);
    const tampered = body.replace("Harmless", "Injected");
    const url = "https://ripple.example/api/slack/commands";
    expect((await m.command.POST(post(url, tampered, { ...FORM, ...headers }), ctx)).status).toBe(401);
    expect((await m.command.POST(post(url, body, { ...FORM, ...slackSign(body, undefined, "0".repeat(32)) }), ctx)).status).toBe(401);
    // Replayed six minutes later, with its original (valid) signature.
    const stale = slackSign(body, String(nowSeconds() - 6 * 60));
    expect((await m.command.POST(post(url, body, { ...FORM, ...stale }), ctx)).status).toBe(401);
    const unknown = commandBody({ user_id: "U0ANA", text: "Harmless words", team_id: "T0NOBODY" });
    expect((await m.command.POST(post(url, unknown, { ...FORM, ...slackSign(unknown) }), ctx)).status).toBe(401);
    expect((await m.command.POST(post(url, body, FORM), ctx)).status).toBe(401);
    expect(await count()).toBe(before);
  });
});

describe("Slack: linking an unknown person", () => {
  it("an unknown user gets a one-time link; opening it signed in links the account and the waiting capture goes through", async () => {
    const bea = await makeMember(org.organizationId);
    const answer = (await (await slashCommand({ user_id: "U0BEA", text: "Shadowed the support lead for an hour" })).json()) as {
      response_type: string;
      text: string;
    };
    expect(answer.response_type).toBe("ephemeral");
    const token = linkToken(answer.text)!;
    expect(answer.text).toContain(`https://ripple.example/chat-link/${token}`);
    // Nothing stored yet, and the token itself is not in the database (its hash is).
    expect(await db().story.count({ where: { organizationId: org.organizationId, title: "Shadowed the support lead for an hour" } })).toBe(0);
    const request = await db().chatLinkRequest.findFirstOrThrow({ where: { externalUserId: "U0BEA" } });
    expect(request.tokenHash).toBe(m.chat.hashChatLinkToken(token));
    expect(JSON.stringify(request)).not.toContain(token);

    expect(await m.chat.previewChatLink(bea, token)).toMatchObject({ status: "ready", provider: "SLACK", hasCapture: true });
    const outcome = await m.chat.redeemChatLink(bea, token);
    expect(outcome.status).toBe("linked");
    const story = await db().story.findFirstOrThrow({ where: { id: storyOf(outcome)! } });
    expect(story).toMatchObject({ authorId: bea.membershipId, title: "Shadowed the support lead for an hour" });
    expect(await db().auditEvent.count({ where: { organizationId: org.organizationId, action: "chat.linked", actorId: bea.membershipId } })).toBe(1);
    expect(await m.chat.listMyChatLinks(bea)).toEqual([expect.objectContaining({ provider: "SLACK", workspaceId: TEAM, externalName: "u0bea" })]);

    // From now on Bea's captures are hers at once.
    const next = (await (await slashCommand({ user_id: "U0BEA", text: "Taught the new hire our deploy checklist" })).json()) as { text: string };
    expect((await db().story.findFirstOrThrow({ where: { id: storyIdIn(next.text)! } })).authorId).toBe(bea.membershipId);

    // The link again, by her or anyone: used.
    expect(await m.chat.previewChatLink(bea, token)).toEqual({ status: "used" });
    await expect(m.chat.redeemChatLink(bea, token)).rejects.toThrow("This link was used already");
  });

  it("a link opened by a person of another organisation is refused, and stays usable for the right one", async () => {
    const cy = await makeMember(org.organizationId);
    const token = linkToken(((await (await slashCommand({ user_id: "U0CY", text: "Asked the data guild about dbt" })).json()) as { text: string }).text)!;
    expect(await m.chat.previewChatLink(other.admin, token)).toEqual({ status: "unknown" });
    await expect(m.chat.redeemChatLink(other.admin, token)).rejects.toThrow("not one of your organisation's");
    expect(await db().chatLink.count({ where: { organizationId: other.organizationId } })).toBe(0);
    expect((await m.chat.redeemChatLink(cy, token)).status).toBe("linked");
  });

  it("a chat account linked to one person cannot be taken by another through a new link", async () => {
    const dee = await makeMember(org.organizationId);
    const eve = await makeMember(org.organizationId);
    const first = linkToken(((await (await slashCommand({ user_id: "U0DEE", text: "Joined the accessibility review" })).json()) as { text: string }).text)!;
    // Before Dee opens hers, another request made for the same Slack account reaches Eve.
    const second = linkToken(
      ((await (await slashCommand({ user_id: "U0DEE", text: "Joined the accessibility review again" })).json()) as { text: string }).text,
    )!;
    expect((await m.chat.redeemChatLink(dee, first)).status).toBe("linked");
    await expect(m.chat.redeemChatLink(eve, second)).rejects.toThrow("linked to another person");
    // Refused as a whole: the link is not spent, Eve got no story and no link.
    expect((await m.chat.previewChatLink(eve, second)).status).toBe("ready");
    expect(await db().chatLink.count({ where: { membershipId: eve.membershipId } })).toBe(0);
    expect(await db().story.count({ where: { authorId: eve.membershipId } })).toBe(0);
  });

  it("an expired link is refused", async () => {
    const fay = await makeMember(org.organizationId);
    const token = linkToken(((await (await slashCommand({ user_id: "U0FAY", text: "Ran the retro with a new format" })).json()) as { text: string }).text)!;
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String(25 / 24)); // 25 hours later
    try {
      expect(await m.chat.previewChatLink(fay, token)).toEqual({ status: "expired" });
      await expect(m.chat.redeemChatLink(fay, token)).rejects.toThrow("This link has expired");
    } finally {
      vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "0");
    }
  });

  it("a person removes their chat link: the next capture asks to link again", async () => {
    const gus = await makeMember(org.organizationId);
    const token = linkToken(((await (await slashCommand({ user_id: "U0GUS", text: "Wrote down the onboarding steps" })).json()) as { text: string }).text)!;
    await m.chat.redeemChatLink(gus, token);
    const [link] = await m.chat.listMyChatLinks(gus);
    await expect(m.chat.removeMyChatLink(ana, link!.id)).rejects.toThrow(); // not Ana's
    await m.chat.removeMyChatLink(gus, link!.id);
    expect(await m.chat.listMyChatLinks(gus)).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "chat.unlinked", actorId: gus.membershipId } })).toBe(1);
    const again = ((await (await slashCommand({ user_id: "U0GUS", text: "Another moment" })).json()) as { text: string }).text;
    expect(linkToken(again)).not.toBeNull();
  });
});

describe("Slack: the message shortcut", () => {
  it("saves the message's text, acknowledges at once, then adds its permalink and replies through response_url, once however often Slack retries", async () => {
    const from = stub.calls.length;
    const ts = "1700000200.000300";
    const payload = messageAction("U0ANA", "Tip: <@U0BOB|bob> says run `npm ci` in CI, not `npm install` &lt;3", ts);
    const response = await interaction(payload);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    const story = await db().story.findFirstOrThrow({
      where: { authorId: ana.membershipId, title: "Tip: @bob says run `npm ci` in CI, not `npm install` <3" },
    });
    expect((await interaction(payload)).status).toBe(200); // Slack retried
    expect(await db().story.count({ where: { authorId: ana.membershipId, title: story.title } })).toBe(1);

    expect(await m.jobs.runJobs([m.job.slackReplyJob])).toBe(1);
    const [permalink] = callsTo("chat.getPermalink", from);
    expect(permalink).toMatchObject({ authorization: `Bearer ${BOT_TOKEN}`, body: { channel: "C0GENERAL", message_ts: ts } });
    const replies = callsTo("/hooks/app/", from);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(replies[0]!.body.text)).toContain(`https://ripple.example/stories/${story.id}`);
    const evidence = await db().evidence.findMany({ where: { cycleEntry: { storyId: story.id } }, select: { url: true } });
    expect(evidence).toEqual([{ url: "https://acme.slack.com/archives/C0GENERAL/p1700000200000300" }]);
  });

  it("refuses a shortcut signed with a stale timestamp", async () => {
    const payload = messageAction("U0ANA", "A replayed message", "1700000300.000100");
    const response = await interaction(payload, (b) => slackSign(b, String(nowSeconds() - 301)));
    expect(response.status).toBe(401);
    expect(await db().story.count({ where: { title: "A replayed message" } })).toBe(0);
  });

  it("a message without words (only a picture) stores nothing and says so through response_url", async () => {
    const from = stub.calls.length;
    const before = await db().story.count({ where: { authorId: ana.membershipId } });
    expect((await interaction(messageAction("U0ANA", "", "1700000350.000100"))).status).toBe(200);
    expect(await m.jobs.runJobs([m.job.slackReplyJob])).toBe(1);
    const replies = callsTo("/hooks/app/", from);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(replies[0]!.body.text)).toContain("That message has no words Ripple can save");
    expect(await db().story.count({ where: { authorId: ana.membershipId } })).toBe(before);
  });

  it("an unknown user gets the link through response_url", async () => {
    const from = stub.calls.length;
    expect((await interaction(messageAction("U0HAL", "Hal's first saved message", "1700000400.000100"))).status).toBe(200);
    await m.jobs.runJobs([m.job.slackReplyJob]);
    const [reply] = callsTo("/hooks/app/", from);
    expect(linkToken(String(reply!.body.text))).not.toBeNull();
  });
});

describe("Slack: the global shortcut and its modal", () => {
  it("opens the quick-capture modal with views.open, and its submission stores the story and sends a direct message", async () => {
    await db().channel.create({ data: { organizationId: org.organizationId, key: "mentoring", label: "Mentoring", sortOrder: 1 } });
    const from = stub.calls.length;
    const shortcut = {
      type: "shortcut",
      token: "gIkuvaNzQIHg97ATvDxqgjtO",
      action_ts: "1700000500.111",
      team: { id: TEAM, domain: "acme" },
      user: { id: "U0ANA", username: "u0ana", team_id: TEAM },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: "ripple_capture",
      trigger_id: "944799105734.773906753841.38b5894552bdd4a780554ee59d1f3bbb",
    };
    const response = await interaction(shortcut);
    expect(response.status).toBe(200);
    const [open] = callsTo("views.open", from);
    expect(open!.body.trigger_id).toBe(shortcut.trigger_id);
    const view = JSON.parse(String(open!.body.view)) as { callback_id: string; blocks: { block_id: string; element: { options?: { value: string }[] } }[] };
    expect(view.callback_id).toBe("ripple_capture");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["what", "channel", "link"]);
    expect(view.blocks[1]!.element.options).toContainEqual(expect.objectContaining({ value: "mentoring" }));

    const submission = (what: string) => ({
      type: "view_submission",
      team: { id: TEAM, domain: "acme" },
      user: { id: "U0ANA", username: "u0ana", name: "u0ana", team_id: TEAM },
      api_app_id: "A0RIPPLE",
      token: "gIkuvaNzQIHg97ATvDxqgjtO",
      trigger_id: "12466734323.1395872398.3ad0d0cd5a3b4c0e4d7a9c0b9e0b4a8e",
      view: {
        id: "V0MODAL1",
        team_id: TEAM,
        type: "modal",
        callback_id: "ripple_capture",
        private_metadata: "",
        state: {
          values: {
            what: { value: { type: "plain_text_input", value: what } },
            channel: { value: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Mentoring" }, value: "mentoring" } } },
            link: { value: { type: "url_text_input", value: "https://docs.example/pairing" } },
          },
        },
        hash: "156663117.cd33ad1f",
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    const tooShort = await interaction(submission("no"));
    expect(await tooShort.json()).toEqual({ response_action: "errors", errors: { what: "Say in one line what happened (at least 3 characters)." } });

    const saved = await interaction(submission("Mentored Ivo through his first code review"));
    expect(saved.status).toBe(200);
    const story = await db().story.findFirstOrThrow({
      where: { authorId: ana.membershipId, title: "Mentored Ivo through his first code review" },
      include: { channel: true, entries: { include: { evidence: true } } },
    });
    expect(story.channel?.key).toBe("mentoring");
    expect(story.entries[0]!.evidence.map((e) => e.url)).toEqual(["https://docs.example/pairing"]);
    await m.jobs.runJobs([m.job.slackReplyJob]);
    const [dm] = callsTo("chat.postMessage", from);
    expect(dm!.body.channel).toBe("U0ANA");
    expect(String(dm!.body.text)).toContain(`/stories/${story.id}`);
  });
});

describe("Slack: the global shortcut of someone Ripple does not know", () => {
  it("opens a modal with the one-time link instead of the form", async () => {
    const from = stub.calls.length;
    const response = await interaction({
      type: "shortcut",
      token: "gIkuvaNzQIHg97ATvDxqgjtO",
      action_ts: "1700000600.222",
      team: { id: TEAM, domain: "acme" },
      user: { id: "U0JOY", username: "u0joy", team_id: TEAM },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: "ripple_capture",
      trigger_id: "944799105734.773906753841.0000000000000000000000000000000a",
    });
    expect(response.status).toBe(200);
    const [open] = callsTo("views.open", from);
    const view = JSON.parse(String(open!.body.view)) as { blocks: { text?: { text: string } }[] };
    expect(linkToken(view.blocks[0]!.text!.text)).not.toBeNull();
    const request = await db().chatLinkRequest.findFirstOrThrow({ where: { externalUserId: "U0JOY" } });
    expect(request.pendingCapture).toBeNull();
  });
});

describe("Slack: direct messages for other features (nudges)", () => {
  it("sends to a linked person's Slack account, and says why not for someone unlinked", async () => {
    const from = stub.calls.length;
    expect(await m.job.sendSlackDirectMessage(org.organizationId, ana.membershipId, "Your weekly reflection is ready")).toEqual({ sent: true });
    expect(callsTo("chat.postMessage", from).map((c) => [c.body.channel, c.body.text])).toEqual([["U0ANA", "Your weekly reflection is ready"]]);
    expect(await m.job.sendSlackDirectMessage(org.organizationId, org.admin.membershipId, "x")).toEqual({ sent: false, reason: "not_linked" });
  });

  it("a nudge set to Slack arrives as a direct message with its unsubscribe link; Slack is refused as a choice until a Slack account is linked", async () => {
    const db = getDatabase().prisma;
    const prefs = { followUps: "slack", reflection: "off", shared: "off", hour: 9, days: "every_day" } as const;
    await expect(m.nudges.updateNudgePreferences(org.admin, prefs)).rejects.toThrow(/Link your Slack account first/);
    expect((await m.nudges.getNudgePreferences(ana)).chatLinked).toBe(true);
    await m.nudges.updateNudgePreferences(ana, prefs);
    await db.user.updateMany({ where: { memberships: { some: { id: ana.membershipId } } }, data: { timeZone: "UTC" } });
    const storyId = await makeStory({ author: ana, title: "Pairing *notes* <from> the guild", status: "PUBLISHED", visibility: "ORG" });
    await db.followUp.create({
      data: {
        organizationId: org.organizationId,
        storyId,
        assigneeId: ana.membershipId,
        requestedById: ana.membershipId,
        cycle: "APPLIED",
        dueAt: new Date("2026-03-30T05:00:00Z"),
      },
    });
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String((Date.parse("2026-03-30T09:30:00Z") - Date.now()) / 86_400_000)); // 09:30 UTC, ana's hour
    const from = stub.calls.length;
    try {
      expect(await m.nudgeJob.runNudges({ organizationId: org.organizationId })).toBe(1);
      const queue = new JobQueue({ database: getDatabase(), definitions: [m.nudgeJob.nudgeJob], reclaimIntervalSeconds: 3600 });
      await queue.runUntilIdle().finally(() => queue.stop());
    } finally {
      vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "0");
    }
    const [dm, ...more] = callsTo("chat.postMessage", from);
    expect(more).toEqual([]);
    expect(dm!.body.channel).toBe("U0ANA");
    const text = String(dm!.body.text);
    expect(text).toContain(`/stories/${storyId}`);
    expect(text).toContain("Pairing *notes* &lt;from&gt; the guild"); // what people typed is escaped for mrkdwn
    expect(text).toContain(`/unsubscribe/${m.nudges.unsubscribeToken(ana, "followUps")}`);
    const log = await db.nudgeDelivery.findMany({ where: { membershipId: ana.membershipId } });
    expect(log.map((l) => [l.kind, l.channel])).toEqual([["followUps", "slack"]]);
  });
});

describe("Microsoft Teams: the outgoing webhook", () => {
  function activity(aadObjectId: string, text: string, id = randomUUID()) {
    return {
      type: "message",
      id,
      timestamp: "2026-11-30T10:00:00.000Z",
      localTimestamp: "2026-11-30T11:00:00.000+01:00",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      channelId: "msteams",
      from: { id: `29:1${aadObjectId}`, name: "Ana Teams", aadObjectId },
      conversation: { isGroup: true, id: "19:abc@thread.skype;messageid=1700000000000", name: null, conversationType: "channel", tenantId: TENANT },
      recipient: null,
      textFormat: "plain",
      attachmentLayout: null,
      attachments: [
        {
          contentType: "text/html",
          content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Ripple</span> ${text}</div></div>`,
        },
      ],
      entities: [{ type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web" }],
      channelData: {
        teamsChannelId: "19:abc@thread.skype",
        teamsTeamId: "19:team@thread.skype",
        channel: { id: "19:abc@thread.skype" },
        team: { id: "19:team@thread.skype" },
        tenant: { id: TENANT },
      },
      locale: "en-GB",
      text: `<at>Ripple</at> ${text}`,
    };
  }
  const sign = (body: string, token = TEAMS_TOKEN_BYTES) => "HMAC " + createHmac("sha256", token).update(body).digest("base64");
  const send = (body: string, authorization: string | null) =>
    m.teams.POST(
      post("https://ripple.example/api/teams/messages", body, { "content-type": "application/json", ...(authorization ? { authorization } : {}) }),
      ctx,
    );

  it("an unknown user gets the link; once linked, a capture answers with the story's link; a retried activity stores one story", async () => {
    const ivy = await makeMember(org.organizationId);
    const first = JSON.stringify(activity("b1c2d3e4-0000-4000-8000-00000000aaaa", "Learned the incident runbook from Max"));
    const answer = (await (await send(first, sign(first))).json()) as { type: string; text: string };
    expect(answer.type).toBe("message");
    const token = linkToken(answer.text)!;
    const claim = await m.chat.redeemChatLink(ivy, token);
    expect(claim.status).toBe("confirm");
    const code = (claim as { code: string }).code;
    const confirm = JSON.stringify(activity("b1c2d3e4-0000-4000-8000-00000000aaaa", `link ${code.toLowerCase()}`));
    const confirmed = (await (await send(confirm, sign(confirm))).json()) as { text: string };
    expect(await db().story.findFirstOrThrow({ where: { id: storyIdIn(confirmed.text)! } })).toMatchObject({
      authorId: ivy.membershipId,
      title: "Learned the incident runbook from Max",
    });

    const body = JSON.stringify(activity("b1c2d3e4-0000-4000-8000-00000000aaaa", "Max &amp; I fixed the alert thresholds"));
    const reply = (await (await send(body, sign(body))).json()) as { type: string; text: string };
    expect(reply.type).toBe("message");
    const storyId = storyIdIn(reply.text)!;
    expect(await db().story.findFirstOrThrow({ where: { id: storyId } })).toMatchObject({
      authorId: ivy.membershipId,
      title: "Max & I fixed the alert thresholds",
    });
    const again = (await (await send(body, sign(body))).json()) as { text: string };
    expect(storyIdIn(again.text)).toBe(storyId);
  });

  it("the link posted in the channel cannot be taken by someone else who opens it: only the Teams account's own code finishes it", async () => {
    const victimAad = "b1c2d3e4-0000-4000-8000-00000000cccc";
    const mallorysAad = "b1c2d3e4-0000-4000-8000-00000000dddd";
    const victim = await makeMember(org.organizationId);
    const mallory = await makeMember(org.organizationId);
    const first = JSON.stringify(activity(victimAad, "Paired with Lu on the billing migration"));
    const token = linkToken(((await (await send(first, sign(first))).json()) as { text: string }).text)!;
    // Mallory reads the reply in the channel and opens the link first: no link yet, only a code for her.
    const hers = (await m.chat.redeemChatLink(mallory, token)) as { status: string; code: string };
    expect(hers.status).toBe("confirm");
    expect(await db().chatLink.count({ where: { externalUserId: victimAad } })).toBe(0);
    expect(await db().story.count({ where: { authorId: mallory.membershipId } })).toBe(0);
    // Her code sent from her own Teams account finishes nothing.
    const fromMallory = JSON.stringify(activity(mallorysAad, `link ${hers.code}`));
    expect(((await (await send(fromMallory, sign(fromMallory))).json()) as { text: string }).text).toContain("does not finish a link");
    expect(await db().chatLink.count({ where: { externalUserId: { in: [victimAad, mallorysAad] } } })).toBe(0);
    // The victim opens it too, and sends the code they were shown: linked to them, their moment saved as theirs.
    const theirs = (await m.chat.redeemChatLink(victim, token)) as { status: string; code: string };
    expect(theirs.code).not.toBe(hers.code);
    const fromVictim = JSON.stringify(activity(victimAad, `link ${theirs.code}`));
    const reply = ((await (await send(fromVictim, sign(fromVictim))).json()) as { text: string }).text;
    expect((await db().chatLink.findFirstOrThrow({ where: { externalUserId: victimAad } })).membershipId).toBe(victim.membershipId);
    expect((await db().story.findFirstOrThrow({ where: { id: storyIdIn(reply)! } })).authorId).toBe(victim.membershipId);
    expect(await db().story.count({ where: { authorId: mallory.membershipId } })).toBe(0);
    // Spent: the code does not work twice, and the link page says so.
    expect(((await (await send(fromVictim, sign(fromVictim))).json()) as { text: string }).text).toContain("does not finish a link");
    await expect(m.chat.redeemChatLink(mallory, token)).rejects.toThrow("used already");
  });

  it("refuses an invalid HMAC, a token used undecoded, a changed body and a missing header", async () => {
    const body = JSON.stringify(activity("b1c2d3e4-0000-4000-8000-00000000bbbb", "Should never be stored"));
    expect((await send(body, sign(body, Buffer.from("another token of sixteen+")))).status).toBe(401);
    expect((await send(body, "HMAC " + createHmac("sha256", TEAMS_TOKEN).update(body).digest("base64"))).status).toBe(401);
    expect((await send(body.replace("never", "always"), sign(body))).status).toBe(401);
    expect((await send(body, null)).status).toBe(401);
    expect(await db().chatLinkRequest.count({ where: { externalUserId: "b1c2d3e4-0000-4000-8000-00000000bbbb" } })).toBe(0);
  });

  it("answers a sender id longer than the column holds (no aadObjectId) with a 400, not a 500", async () => {
    const a = activity("unused", "A sender Ripple cannot store") as Record<string, unknown>;
    a.from = { id: `29:${"x".repeat(150)}`, name: "Long id" };
    const body = JSON.stringify(a);
    const response = await send(body, sign(body));
    expect(response.status).toBe(400);
    expect(await db().chatLinkRequest.count({ where: { externalName: "Long id" } })).toBe(0);
  });
});

describe("link requests are not kept for ever", () => {
  it("a used link keeps no copy of its capture; an expired one is forgotten, capture and all, a week after it expired", async () => {
    const who = { provider: "SLACK" as const, organizationId: org.organizationId, workspaceId: TEAM, externalUserId: `U0RET${randomUUID().slice(0, 6)}` };
    const pending = { what: "Words of someone who never linked", channel: "", link: "", startCycle: "IMMEDIATE" as const, clientId: randomUUID() };
    const used = await m.chat.createChatLinkRequest(who, { ...pending, clientId: randomUUID() });
    const abandoned = await m.chat.createChatLinkRequest({ ...who, externalUserId: `${who.externalUserId}X` }, pending);
    const ivy = await makeMember(org.organizationId);
    expect(storyOf(await m.chat.redeemChatLink(ivy, used.token))).toBeTruthy();
    expect((await db().chatLinkRequest.findFirstOrThrow({ where: { id: used.id } })).pendingCapture).toBeNull();

    // Expired yesterday: kept (its page says "expired"); the sweep run eight days later forgets it.
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "2");
    try {
      await m.chat.pruneChatLinkRequests();
      expect(await db().chatLinkRequest.count({ where: { id: abandoned.id } })).toBe(1);
    } finally {
      vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "0");
    }
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "9");
    try {
      expect(await m.chat.pruneChatLinkRequests()).toBeGreaterThanOrEqual(2);
    } finally {
      vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "0");
    }
    expect(await db().chatLinkRequest.count({ where: { id: { in: [used.id, abandoned.id] } } })).toBe(0);
    expect(await db().chatLink.count({ where: { externalUserId: who.externalUserId } })).toBe(1); // the link itself stays
  });
});

describe("chat settings", () => {
  it("are sealed at rest and shown back only as hints; another organisation cannot take the same workspace", async () => {
    const row = await db().chatIntegration.findUniqueOrThrow({ where: { organizationId_provider: { organizationId: org.organizationId, provider: "SLACK" } } });
    expect(row.signingSecret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SIGNING_SECRET);
    expect(JSON.stringify(row)).not.toContain(BOT_TOKEN);
    const settings = await m.chat.getChatSettings(org.admin);
    expect(settings.slack).toMatchObject({ source: "admin", workspaceId: TEAM, signingSecretHint: "…85a5", botTokenHint: "…mnop" });
    expect(JSON.stringify(settings)).not.toContain(SIGNING_SECRET);
    await expect(m.chat.getChatSettings(ana)).rejects.toThrow();
    await expect(m.chat.saveChatSettings(other.admin, "SLACK", { workspaceId: TEAM, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN })).rejects.toThrow(
      "Another organisation in Ripple has connected this workspace already.",
    );
    const audits = await db().auditEvent.findMany({ where: { organizationId: org.organizationId, action: "chat.connected" }, select: { meta: true } });
    expect(audits.map((a) => a.meta)).toEqual([
      { provider: "SLACK", workspaceId: TEAM, changed: ["workspaceId", "signingSecret", "botToken"] },
      { provider: "TEAMS", workspaceId: TENANT, changed: ["workspaceId", "securityToken"] },
    ]);
  });
});
