import "server-only";
import { z } from "zod";
import { capturedStory, chatLinkPath, chatWorkspace, memberActor, pruneChatLinkRequests, slackAccountsOf, usableChatLinkToken } from "@/lib/db/chat";
import { quickCapture } from "@/lib/db/stories";
import { CHAT_LINK_HOURS } from "@/lib/domain/chat";
import { defineJob, PermanentJobError } from "@/lib/jobs";
import { emailChannel, registerDeliveryChannel, type DeliveryChannel } from "./delivery";
import { publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { postToResponseUrl, slackClient, slackErrorCode } from "@/lib/platform/slack";

// Slack's slow work, after the request was acknowledged (Slack waits 3 s at most): the reply to a
// message shortcut or a modal (through the request's response_url, else a direct message from
// the bot), and the message's permalink added to the story it became. On the durable queue, not
// after the response in the same process: a reply survives a restart and is retried with backoff,
// and the job's key (derived from the request) sends it once however often Slack retries.
// The payload holds ids only: the story's words are loaded when the job runs.

const payload = z.object({
  key: z.string().min(1).max(200),
  organizationId: z.uuid(),
  workspaceId: z.string().min(1).max(64),
  slackUserId: z.string().min(1).max(128),
  responseUrl: z.url().max(500).optional(),
  reply: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("captured"),
      membershipId: z.uuid(),
      storyId: z.uuid(),
      clientId: z.uuid(),
      /** The message a shortcut saved: its permalink becomes the story's link. */
      message: z.object({ channel: z.string().min(1).max(64), ts: z.string().min(1).max(40) }).optional(),
    }),
    z.object({ kind: z.literal("link"), requestId: z.uuid() }),
    /** Ripple's own words (why nothing was saved), never what the person wrote. */
    z.object({ kind: z.literal("notice"), text: z.string().min(1).max(500) }),
  ]),
});
export type SlackReply = z.infer<typeof payload>;

export function storyUrl(storyId: string): string {
  return `${publicUrl()}/stories/${storyId}`;
}

/** Slack's mrkdwn escapes (&, <, >) for text Ripple puts into a message. */
export function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function capturedMessage(storyId: string, title: string): string {
  return `Saved to Ripple: “${slackEscape(title)}”. <${storyUrl(storyId)}|Grow the story> when you have a moment.`;
}

export function linkMessage(token: string): string {
  return `Ripple does not know your Slack account yet. <${publicUrl()}${chatLinkPath(token)}|Link it to your Ripple account> (the link works once, for ${CHAT_LINK_HOURS} hours); what you saved goes through as soon as you do.`;
}

export const slackReplyJob = defineJob({
  name: "chat.slack-reply",
  payload,
  key: (p) => `slack-reply:${p.key}`,
  retry: { limit: 4, delaySeconds: 5, backoff: true },
  expireInSeconds: 60,
  async handler(p) {
    const workspace = await chatWorkspace("SLACK", p.workspaceId);
    if (!workspace || workspace.organizationId !== p.organizationId) return; // disconnected meanwhile: nobody to answer
    let text: string;
    if (p.reply.kind === "notice") text = p.reply.text;
    else if (p.reply.kind === "link") {
      const token = await usableChatLinkToken(p.organizationId, p.reply.requestId);
      if (!token) return; // used or expired meanwhile
      text = linkMessage(token);
    } else {
      const actor = await memberActor(p.organizationId, p.reply.membershipId);
      if (!actor) return;
      let story = await capturedStory(actor, p.reply.storyId);
      if (!story) return; // trashed meanwhile
      if (p.reply.message && workspace.botToken) {
        try {
          const found = await slackClient(workspace.botToken).chat.getPermalink({ channel: p.reply.message.channel, message_ts: p.reply.message.ts });
          // The same capture again, now with its link: quick capture's retry path adds the link to the story it stored.
          if (found.permalink)
            await quickCapture(actor, { what: story.title, channel: "", link: found.permalink, startCycle: "IMMEDIATE", clientId: p.reply.clientId });
        } catch (error) {
          logger.warn({ job: "chat.slack-reply", slack: slackErrorCode(error) }, "no permalink for a saved message");
        }
        story = (await capturedStory(actor, p.reply.storyId)) ?? story;
      }
      text = capturedMessage(story.id, story.title);
    }
    if (p.responseUrl) {
      await postToResponseUrl(p.responseUrl, { text });
      return;
    }
    if (!workspace.botToken) throw new PermanentJobError("No response_url and no bot token: the reply cannot be sent");
    await slackClient(workspace.botToken).chat.postMessage({ channel: p.slackUserId, text });
  },
});

/** Daily: link requests (and the captures unknown chat accounts left in them) are forgotten a week after they expire. */
export const pruneChatLinkRequestsJob = defineJob({
  name: "chat.prune-link-requests",
  payload: z.object({}),
  policy: "short",
  schedule: { cron: "41 3 * * *", payload: {} },
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  async handler() {
    const deleted = await pruneChatLinkRequests();
    if (deleted) logger.info({ deleted }, "chat link requests forgotten");
  },
});

export type SlackDmOutcome = { sent: true } | { sent: false; reason: "not_linked" | "not_connected" | "slack_error" };

/**
 * Sends a direct message from Ripple's Slack bot to a member, at each Slack account they linked
 * (normally one). For nudges and other notices; call it from a job (it throws nothing for
 * "cannot": it says why). `text` is Slack mrkdwn: escape what people typed with slackEscape.
 */
export async function sendSlackDirectMessage(organizationId: string, membershipId: string, text: string): Promise<SlackDmOutcome> {
  const accounts = await slackAccountsOf(organizationId, membershipId);
  if (!accounts.length) return { sent: false, reason: "not_linked" };
  let sent = false;
  let connected = false;
  for (const account of accounts) {
    const workspace = await chatWorkspace("SLACK", account.workspaceId);
    if (!workspace?.botToken || workspace.organizationId !== organizationId) continue;
    connected = true;
    try {
      await slackClient(workspace.botToken).chat.postMessage({ channel: account.externalUserId, text });
      sent = true;
    } catch (error) {
      logger.warn({ slack: slackErrorCode(error) }, "slack direct message failed");
    }
  }
  return sent ? { sent: true } : { sent: false, reason: connected ? "slack_error" : "not_connected" };
}

/**
 * Nudges by Slack direct message (a person's choice on the profile once a Slack account is
 * linked). The text is the e-mail's, escaped for mrkdwn, unsubscribe link included. When the
 * person has no usable link any more (removed it, or the workspace was disconnected), the nudge
 * goes by e-mail instead when e-mail is configured, so it is not lost; a Slack error is retried.
 * Slack has no idempotency key for chat.postMessage: a crash between Slack's answer and the
 * job's commit can repeat one message (e-mail carries the Message-ID instead).
 */
export const slackDeliveryChannel: DeliveryChannel = {
  id: "slack",
  configured: () => true, // per person and organisation: decided at send time
  async send(message) {
    const outcome = await sendSlackDirectMessage(
      message.person.organizationId,
      message.person.membershipId,
      `*${slackEscape(message.subject)}*\n\n${slackEscape(message.text)}`,
    );
    if (outcome.sent) return { messageId: `slack:${message.idempotencyKey}` };
    if (outcome.reason === "slack_error") throw new Error("Slack refused the direct message"); // retried with backoff
    if (emailChannel.configured()) return emailChannel.send(message);
    throw new PermanentJobError(`No Slack account to message (${outcome.reason}) and no e-mail configured`);
  },
};
registerDeliveryChannel(slackDeliveryChannel);
