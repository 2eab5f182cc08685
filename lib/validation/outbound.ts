// What an admin types to register a webhook endpoint or connect a learning record store.
// Bounds match the columns (WebhookEndpoint.url VARCHAR(2000), description VARCHAR(200), …);
// the address's reachability rules (https, no private addresses) are checked by lib/db/outbound.ts.
import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/domain/outbound";
import { text } from "./common";

const address = (what: string) =>
  text(what)
    .trim()
    .min(1, `Enter the ${what.toLowerCase()}.`)
    .max(2000, `The ${what.toLowerCase()} is too long (at most 2,000 characters).`)
    .pipe(z.url({ protocol: /^https?$/, message: "Enter an address that starts with https://." }));

/** A checkbox list arrives as one value or many. */
const eventList = z
  .union([z.enum(WEBHOOK_EVENTS), z.array(z.enum(WEBHOOK_EVENTS))], { message: "Choose the events to send." })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]))
  .refine((v) => v.length > 0, "Choose at least one event.");

export const webhookEndpointSchema = z.object({
  url: address("Endpoint URL"),
  description: text("The description").trim().max(200, "Keep the description under 200 characters.").default(""),
  events: eventList,
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointUpdateSchema = webhookEndpointSchema.extend({
  endpointId: z.uuid(),
  enabled: z
    .enum(["on", "off"])
    .optional()
    .transform((v) => v === "on"),
});
export type WebhookEndpointUpdate = z.infer<typeof webhookEndpointUpdateSchema>;

export const webhookEndpointIdSchema = z.object({ endpointId: z.uuid() });
export const deliveryIdSchema = z.object({ deliveryId: z.uuid() });

export const lrsSettingsSchema = z.object({
  endpoint: address("LRS endpoint"),
  key: text("The key").trim().min(1, "Enter the LRS key (the Basic auth user name).").max(300, "The key is too long."),
  /** Empty keeps the stored secret. */
  secret: text("The secret").max(300, "The secret is too long.").default(""),
});
export type LrsSettingsInput = z.infer<typeof lrsSettingsSchema>;
