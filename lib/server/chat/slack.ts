import "server-only";
import { captureChannels, chatWorkspace, createChatLinkRequest, linkedActor, type ChatIdentity, type ChatWorkspace } from "@/lib/db/chat";
import { quickCapture } from "@/lib/db/stories";
import type { Actor } from "@/lib/domain/actor";
import { CHAT_HELP, captureLine, chatCaptureKey, firstLink, slackPlainText, slashIntent } from "@/lib/domain/chat";
import { capturedMessage, linkMessage, slackReplyJob, type SlackReply } from "@/lib/jobs/chat-job";
import { enqueue } from "@/lib/jobs";
import { verifySlackRequest } from "@/lib/platform/chat-signature";
import { now } from "@/lib/platform/clock";
import { asExpected } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { slackClient, slackErrorCode } from "@/lib/platform/slack";
import { slackCommandSchema, slackInteractionSchema, type SlackInteraction } from "@/lib/validation/chat";
import { quickCaptureSchema, type QuickCaptureInput } from "@/lib/validation/story";

// Slack's requests: the slash command and the interactivity endpoint (message shortcut, global
// shortcut, the modal's submission). Each is verified with the workspace's signing secret before
// anything is read, answers within Slack's 3 seconds (a capture is one short transaction), and
// leaves slow work (permalinks, replies to a shortcut) to the job queue.

/** Slack's bodies are small; anything larger is refused before it is read further. */
const MAX_BODY = 64 * 1024;
export const MODAL_CALLBACK = "ripple_capture";
export const MESSAGE_SHORTCUT = "ripple_save_message";
export const GLOBAL_SHORTCUT = "ripple_capture";

const json = (body: unknown, status = 200) => Response.json(body, { status });
const empty = () => new Response(null, { status: 200 });
const refuse = (status: number, error: string) => json({ error }, status);

type Verified = { raw: string; workspace: ChatWorkspace };

/** The raw body, the workspace it names (found before verifying: its secret verifies), and the signature's verdict. */
async function verified(request: Request, teamOf: (raw: string) => string | null): Promise<Verified | Response> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY) return refuse(413, "Too large.");
  const raw = await request.text();
  if (raw.length > MAX_BODY) return refuse(413, "Too large.");
  const team = teamOf(raw);
  const workspace = team ? await chatWorkspace("SLACK", team) : null;
  if (!workspace) return refuse(401, "This Slack workspace is not connected to Ripple.");
  const check = verifySlackRequest({
    secret: workspace.signingSecret,
    timestamp: request.headers.get("x-slack-request-timestamp"),
    signature: request.headers.get("x-slack-signature"),
    rawBody: raw,
    nowSeconds: Math.floor(now().getTime() / 1000),
  });
  if (!check.ok) {
    logger.warn({ route: "slack", reason: check.reason }, "slack request refused");
    return refuse(401, check.reason === "stale" ? "This request is too old." : "The signature does not match.");
  }
  return { raw, workspace };
}

function identity(workspace: ChatWorkspace, userId: string, name?: string | null): ChatIdentity {
  return {
    provider: "SLACK",
    organizationId: workspace.organizationId,
    workspaceId: workspace.workspaceId,
    externalUserId: userId,
    externalName: name ?? null,
  };
}

/** Quick capture's input from chat words: one line, the first link kept, the request's key. */
function captureInput(text: string, clientId: string, link?: string): QuickCaptureInput | string {
  const parsed = quickCaptureSchema.safeParse({ what: captureLine(text), link: link ?? firstLink(text), clientId });
  if (parsed.success) return parsed.data;
  const withoutLink = quickCaptureSchema.safeParse({ what: captureLine(text), clientId });
  return withoutLink.success ? withoutLink.data : (parsed.error.issues[0]?.message ?? "Ripple could not read that.");
}

/** The capture, through the same data function as the web form; a refusal becomes words for the person. */
async function capture(actor: Actor, input: QuickCaptureInput): Promise<{ id: string } | string> {
  try {
    return await quickCapture(actor, input);
  } catch (error) {
    const expected = asExpected(error);
    if (expected) return expected.message;
    throw error;
  }
}

function formField(raw: string, name: string): string | null {
  return new URLSearchParams(raw).get(name);
}

function interactionPayload(raw: string): unknown {
  const text = formField(raw, "payload");
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function teamOfInteraction(raw: string): string | null {
  const p = interactionPayload(raw) as { team?: { id?: unknown } | null; user?: { team_id?: unknown } } | null;
  const id = p?.team?.id ?? p?.user?.team_id;
  return typeof id === "string" ? id : null;
}

/** POST /api/slack/commands: `/ripple <what happened>`. Answered in the response itself (ephemeral). */
export async function handleSlackCommand(request: Request): Promise<Response> {
  const v = await verified(request, (raw) => formField(raw, "team_id"));
  if (v instanceof Response) return v;
  const parsed = slackCommandSchema.safeParse(Object.fromEntries(new URLSearchParams(v.raw)));
  if (!parsed.success) return refuse(400, "This is not a slash command Ripple understands.");
  const cmd = parsed.data;
  const intent = slashIntent(slackPlainText(cmd.text));
  if (intent.kind === "help") return json({ response_type: "ephemeral", text: CHAT_HELP });
  // Slack's retries of this request carry the same trigger: one story.
  const input = captureInput(intent.text, chatCaptureKey(["slack", v.workspace.workspaceId, cmd.user_id, "command", cmd.trigger_id]));
  if (typeof input === "string") return json({ response_type: "ephemeral", text: input });
  const who = identity(v.workspace, cmd.user_id, cmd.user_name);
  const actor = await linkedActor(who);
  if (!actor) {
    const link = await createChatLinkRequest(who, input);
    return json({ response_type: "ephemeral", text: linkMessage(link.token) });
  }
  const story = await capture(actor, input);
  if (typeof story === "string") return json({ response_type: "ephemeral", text: story });
  return json({ response_type: "ephemeral", text: capturedMessage(story.id, input.what) });
}

const NO_WORDS = "That message has no words Ripple can save (only a picture or a file?). Type `/ripple` and what you learned instead.";

/** POST /api/slack/interactivity: the message shortcut, the global shortcut, the modal. */
export async function handleSlackInteraction(request: Request): Promise<Response> {
  const v = await verified(request, teamOfInteraction);
  if (v instanceof Response) return v;
  const parsed = slackInteractionSchema.safeParse(interactionPayload(v.raw));
  // Interactions Ripple does not offer (a block action, a closed view): acknowledged, nothing done.
  if (!parsed.success) return empty();
  const p = parsed.data;
  switch (p.type) {
    case "message_action":
      return saveMessage(v.workspace, p);
    case "shortcut":
      return openCaptureModal(v.workspace, p);
    case "view_submission":
      return submitModal(v.workspace, p);
  }
}

async function reply(job: SlackReply): Promise<void> {
  await enqueue(slackReplyJob, job);
}

async function saveMessage(workspace: ChatWorkspace, p: Extract<SlackInteraction, { type: "message_action" }>): Promise<Response> {
  const key = chatCaptureKey(["slack", workspace.workspaceId, p.user.id, "message", p.channel.id, p.message_ts]);
  const base = {
    key,
    organizationId: workspace.organizationId,
    workspaceId: workspace.workspaceId,
    slackUserId: p.user.id,
    ...(p.response_url ? { responseUrl: p.response_url } : {}),
  };
  const input = captureInput(slackPlainText(p.message.text), key);
  if (typeof input === "string") {
    // Nothing to save (a message of only a picture): Slack ignores a shortcut's answer, so the reply says so.
    logger.info({ route: "slack.interactivity" }, "message shortcut on a message without words");
    await reply({ ...base, reply: { kind: "notice", text: NO_WORDS } });
    return empty();
  }
  const who = identity(workspace, p.user.id, p.user.name ?? p.user.username);
  const actor = await linkedActor(who);
  if (!actor) {
    const link = await createChatLinkRequest(who, input);
    await reply({ ...base, reply: { kind: "link", requestId: link.id } });
    return empty();
  }
  const story = await capture(actor, input);
  if (typeof story === "string") await reply({ ...base, reply: { kind: "notice", text: story } });
  else {
    await reply({
      ...base,
      reply: { kind: "captured", membershipId: actor.membershipId, storyId: story.id, clientId: key, message: { channel: p.channel.id, ts: p.message_ts } },
    });
  }
  return empty();
}

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });

/** The modal with quick capture's fields: what happened, where (the organisation's channels), a link. */
export async function captureModal(organizationId: string) {
  const channels = await captureChannels(organizationId);
  return {
    type: "modal" as const,
    callback_id: MODAL_CALLBACK,
    title: plain("Save to Ripple"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "input",
        block_id: "what",
        label: plain("What happened?"),
        element: { type: "plain_text_input", action_id: "value", max_length: 200, min_length: 3, placeholder: plain("One line: you can add detail in Ripple") },
      },
      ...(channels.length
        ? [
            {
              type: "input",
              block_id: "channel",
              optional: true,
              label: plain("Where did it happen?"),
              element: { type: "static_select", action_id: "value", options: channels.map((c) => ({ text: plain(c.label.slice(0, 75)), value: c.key })) },
            },
          ]
        : []),
      { type: "input", block_id: "link", optional: true, label: plain("A link"), element: { type: "url_text_input", action_id: "value" } },
    ],
  };
}

function linkModal(token: string) {
  return {
    type: "modal" as const,
    title: plain("Save to Ripple"),
    close: plain("Close"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: linkMessage(token) } }],
  };
}

async function openCaptureModal(workspace: ChatWorkspace, p: Extract<SlackInteraction, { type: "shortcut" }>): Promise<Response> {
  if (!workspace.botToken) return empty();
  const who = identity(workspace, p.user.id, p.user.name ?? p.user.username);
  const actor = await linkedActor(who);
  const view = actor ? await captureModal(workspace.organizationId) : linkModal((await createChatLinkRequest(who, null)).token);
  // views.open must happen within the trigger's 3 s, so here, bounded, not on the queue.
  try {
    await slackClient(workspace.botToken, { timeoutMs: 2500 }).views.open({ trigger_id: p.trigger_id, view });
  } catch (error) {
    logger.warn({ route: "slack.interactivity", slack: slackErrorCode(error) }, "views.open failed");
  }
  return empty();
}

type ViewValues = Extract<SlackInteraction, { type: "view_submission" }>["view"]["state"]["values"];
const valueOf = (values: ViewValues, block: string) => {
  const v = values[block]?.value;
  return v?.selected_option?.value ?? v?.value ?? "";
};

async function submitModal(workspace: ChatWorkspace, p: Extract<SlackInteraction, { type: "view_submission" }>): Promise<Response> {
  if (p.view.callback_id !== MODAL_CALLBACK) return empty();
  const key = chatCaptureKey(["slack", workspace.workspaceId, p.user.id, "view", p.view.id]);
  const values = p.view.state.values;
  const parsed = quickCaptureSchema.safeParse({
    what: valueOf(values, "what"),
    channel: valueOf(values, "channel"),
    link: valueOf(values, "link"),
    clientId: key,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "what");
      errors[["what", "channel", "link"].includes(field) ? field : "what"] ??= issue.message;
    }
    return json({ response_action: "errors", errors });
  }
  const who = identity(workspace, p.user.id, p.user.name ?? p.user.username);
  const actor = await linkedActor(who);
  if (!actor) {
    const link = await createChatLinkRequest(who, parsed.data);
    return json({ response_action: "update", view: linkModal(link.token) });
  }
  const story = await capture(actor, parsed.data);
  if (typeof story === "string") return json({ response_action: "errors", errors: { what: story } });
  await reply({
    key,
    organizationId: workspace.organizationId,
    workspaceId: workspace.workspaceId,
    slackUserId: p.user.id,
    reply: { kind: "captured", membershipId: actor.membershipId, storyId: story.id, clientId: key },
  });
  return empty();
}
