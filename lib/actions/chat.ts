"use server";

import { revalidatePath } from "next/cache";
import { disconnectChat, removeMyChatLink, saveChatSettings, redeemChatLink } from "@/lib/db/chat";
import { allowedTo } from "@/lib/domain/access";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { chatLinkIdSchema, chatLinkTokenSchema, chatProviderSchema, slackSettingsSchema, teamsSettingsSchema } from "@/lib/validation/chat";

// Chat capture: an admin connects Slack or Teams; a person links their chat account (the
// one-time link from the chat) and removes it on their profile.

export const saveSlackSettingsAction = createAction({
  name: "saveSlackSettings",
  input: slackSettingsSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const result = await saveChatSettings(actor, "SLACK", input);
    revalidatePath("/admin/chat");
    return result;
  },
});

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
