"use server";

import { revalidatePath } from "next/cache";
import {
  addChannel,
  addIndicator,
  moveChannel,
  renameChannel,
  renameIndicator,
  restoreChannel,
  restoreIndicator,
  retireChannel,
  retireIndicator,
  updateOrgSettings,
} from "@/lib/db/org-settings";
import { allowedTo } from "@/lib/domain/access";
import { createAction } from "@/lib/server/action";
import {
  channelAddSchema,
  channelIdSchema,
  channelMoveSchema,
  channelRenameSchema,
  indicatorAddSchema,
  indicatorIdSchema,
  indicatorRenameSchema,
  orgSettingsSchema,
} from "@/lib/validation/admin";

const done = <T>(result: T): T => {
  // Channels appear in the app shell's quick capture, so the whole app is refreshed.
  revalidatePath("/", "layout");
  return result;
};

export const updateOrgSettingsAction = createAction({
  name: "admin.updateOrgSettings",
  input: orgSettingsSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => done(await updateOrgSettings(actor, input)),
});

export const addChannelAction = createAction({
  name: "admin.addChannel",
  input: channelAddSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ label }, { actor }) => done(await addChannel(actor, label)),
});

export const renameChannelAction = createAction({
  name: "admin.renameChannel",
  input: channelRenameSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ channelId, label }, { actor }) => done(await renameChannel(actor, channelId, label)),
});

export const retireChannelAction = createAction({
  name: "admin.retireChannel",
  input: channelIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ channelId }, { actor }) => done(await retireChannel(actor, channelId)),
});

export const restoreChannelAction = createAction({
  name: "admin.restoreChannel",
  input: channelIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ channelId }, { actor }) => done(await restoreChannel(actor, channelId)),
});

export const moveChannelAction = createAction({
  name: "admin.moveChannel",
  input: channelMoveSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ channelId, direction }, { actor }) => done(await moveChannel(actor, channelId, direction)),
});

export const addIndicatorAction = createAction({
  name: "admin.addIndicator",
  input: indicatorAddSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => done(await addIndicator(actor, input)),
});

export const renameIndicatorAction = createAction({
  name: "admin.renameIndicator",
  input: indicatorRenameSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ indicatorId, label }, { actor }) => done(await renameIndicator(actor, indicatorId, label)),
});

export const retireIndicatorAction = createAction({
  name: "admin.retireIndicator",
  input: indicatorIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ indicatorId }, { actor }) => done(await retireIndicator(actor, indicatorId)),
});

export const restoreIndicatorAction = createAction({
  name: "admin.restoreIndicator",
  input: indicatorIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ indicatorId }, { actor }) => done(await restoreIndicator(actor, indicatorId)),
});
