"use server";

import { revalidatePath } from "next/cache";
import { disconnectChat, removeMyChatLink, saveChatSettings, redeemChatLink } from "@/lib/db/chat";
import { allowedTo } from "@/lib/domain/access";
import { anySignedIn } from "@/lib/domain/actor";
import { ExpectedError } from "@/lib/platform/errors";
import { checkSlackBotToken } from "@/lib/platform/slack";
import { createAction } from "@/lib/server/action";
import { chatLinkIdSchema, chatLinkTokenSchema, chatProviderSchema, slackSettingsSchema, teamsSettingsSchema } from "@/lib/validation/chat";

// Chat capture: an admin connects Slack or Teams; a person links their chat account (the
// one-time link from the chat) and removes it on their profile.

export const saveSlackSettingsAction = createAction({
  name: "saveSlackSettings",
  input: slackSettingsSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    if (input.botToken) await assertSlackBotToken(input.botToken, input.workspaceId);
    const result = await saveChatSettings(actor, "SLACK", input);
    revalidatePath("/admin/chat");
    return result;
  },
});

/** Slack's word that the token belongs to the workspace, before anything is stored (no workspace squatting). */
async function assertSlackBotToken(botToken: string, workspaceId: string) {
  const check = await checkSlackBotToken(botToken, workspaceId);
  if (check.ok) return;
  const message = {
    rejected: "Slack did not accept this bot token. Copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page.",
    other_workspace: `This bot token belongs to another Slack workspace${check.workspace ? ` (${check.workspace})` : ""}. Check the workspace id, or paste the token of the app installed in this workspace.`,
    unreachable: "Ripple could not reach Slack to check the bot token. Nothing was saved; try again in a moment.",
  }[check.reason];
  throw new ExpectedError("invalid", message, { botToken: [message] });
}

export const saveTeamsSettingsAction = createAction({
  name: "saveTeamsSettings",
  input: teamsSettingsSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const result = await saveChatSettings(actor, "TEAMS", input);
    revalidatePath("/admin/chat");
    return result;
  },
});

export const disconnectChatAction = createAction({
  name: "disconnectChat",
  input: chatProviderSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ provider }, { actor }) => {
    await disconnectChat(actor, provider);
    revalidatePath("/admin/chat");
    return { provider };
  },
});

export const linkChatAccountAction = createAction({
  name: "linkChatAccount",
  input: chatLinkTokenSchema,
  authorize: anySignedIn,
  // No revalidatePath: it would render the link page again, now spent, over the answer. Every
  // page is dynamic: the profile shows the new link on its next visit.
  run: ({ token }, { actor }) => redeemChatLink(actor, token),
});

export const removeChatLinkAction = createAction({
  name: "removeChatLink",
  input: chatLinkIdSchema,
  authorize: anySignedIn,
  run: async ({ linkId }, { actor }) => {
    await removeMyChatLink(actor, linkId);
    revalidatePath("/profile");
    return { linkId };
  },
});
