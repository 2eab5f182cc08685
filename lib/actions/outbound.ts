"use server";

import { revalidatePath } from "next/cache";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disconnectLrs,
  replayDelivery,
  saveLrsSettings,
  sendTestEvent,
  updateWebhookEndpoint,
} from "@/lib/db/outbound";
import { allowedTo } from "@/lib/domain/access";
import { createAction } from "@/lib/server/action";
import { deliveryIdSchema, lrsSettingsSchema, webhookEndpointIdSchema, webhookEndpointSchema, webhookEndpointUpdateSchema } from "@/lib/validation/outbound";
import { z } from "zod";

// Admin › Webhooks: endpoints (their secret shown once, when added), test events, replays, and
// the learning record store connection. Only the organisation's admin (admin.manage).

const PAGE = "/admin/webhooks";

export const createWebhookEndpointAction = createAction({
  name: "createWebhookEndpoint",
  input: webhookEndpointSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const result = await createWebhookEndpoint(actor, input);
    revalidatePath(PAGE);
    return result;
  },
});

export const updateWebhookEndpointAction = createAction({
  name: "updateWebhookEndpoint",
  input: webhookEndpointUpdateSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const result = await updateWebhookEndpoint(actor, input);
    revalidatePath(PAGE);
    return result;
  },
});

export const deleteWebhookEndpointAction = createAction({
  name: "deleteWebhookEndpoint",
  input: webhookEndpointIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ endpointId }, { actor }) => {
    const result = await deleteWebhookEndpoint(actor, endpointId);
    revalidatePath(PAGE);
    return result;
  },
});

export const sendTestWebhookAction = createAction({
  name: "sendTestWebhook",
  input: webhookEndpointIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ endpointId }, { actor }) => {
    const result = await sendTestEvent(actor, endpointId);
    revalidatePath(PAGE);
    return result;
  },
});

export const replayDeliveryAction = createAction({
  name: "replayDelivery",
  input: deliveryIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ deliveryId }, { actor }) => {
    const result = await replayDelivery(actor, deliveryId);
    revalidatePath(PAGE);
    return result;
  },
});

export const saveLrsSettingsAction = createAction({
  name: "saveLrsSettings",
  input: lrsSettingsSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const result = await saveLrsSettings(actor, input);
    revalidatePath(PAGE);
    return result;
  },
});

export const disconnectLrsAction = createAction({
  name: "disconnectLrs",
  input: z.object({}),
  authorize: allowedTo("admin.manage"),
  run: async (_input, { actor }) => {
    const result = await disconnectLrs(actor);
    revalidatePath(PAGE);
    return result;
  },
});
