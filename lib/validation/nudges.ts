import { z } from "zod";
import { NUDGE_CHANNELS, NUDGE_DAYS } from "@/lib/domain/nudges";

const CHANNEL_MESSAGE = "Choose how you want to be reminded from the list.";
const channel = z.enum(NUDGE_CHANNELS, { message: CHANNEL_MESSAGE });

/**
 * The nudge settings on the profile: per kind "off", "email" or "slack" (Slack only once a chat
 * account is linked: checked by the data layer), the local hour (0–23; Membership.nudgeHour is a
 * SMALLINT) and the days the daily ones go out on.
 */
export const nudgePreferencesSchema = z.object({
  followUps: channel,
  reflection: channel,
  shared: channel,
  hour: z.coerce
    .number({ message: "Choose an hour from the list." })
    .int("Choose an hour from the list.")
    .min(0, "Choose an hour from the list.")
    .max(23, "Choose an hour from the list."),
  days: z.enum(NUDGE_DAYS, { message: "Choose the days from the list." }),
});
export type NudgePreferencesInput = z.infer<typeof nudgePreferencesSchema>;

/** An unsubscribe link's token: URL-safe characters only, bounded (its signature is checked by lib/db/nudges.ts). */
export const unsubscribeTokenSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/);
