import { z } from "zod";
import { isTimeZone, TIME_ZONE_MAX } from "@/lib/domain/time-zone";
import { emailSchema, passwordSchema, text } from "./common";
import { weekdaySchema } from "./reflection";

/** A checkbox: FormData sends "on" when ticked and nothing when not. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

const TIME_ZONE_MESSAGE = "Choose your time zone from the list.";

/** An IANA time zone this server knows (User.timeZone holds at most 64 characters). */
export const timeZoneSchema = z
  .string({ message: TIME_ZONE_MESSAGE })
  .trim()
  .min(1, TIME_ZONE_MESSAGE)
  .max(TIME_ZONE_MAX, TIME_ZONE_MESSAGE)
  .refine(isTimeZone, TIME_ZONE_MESSAGE);

/**
 * The profile page: the person's name, time zone, notification preferences, reminder day and
 * the channel quick capture starts from. "" for the day or the channel: the organisation's
 * day, and no default (the last channel used).
 */
export const profileSchema = z.object({
  name: text("Your name", { message: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  timeZone: timeZoneSchema,
  notifyInApp: checkbox,
  emailDigest: checkbox,
  reflectionDay: z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), weekdaySchema.nullable()),
  defaultChannel: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    text("The channel", { message: "Choose a channel from the list." }).trim().max(40, "Choose a channel from the list.").nullable(),
  ),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** The zone the browser guessed, saved once when the person has none yet. */
export const guessTimeZoneSchema = z.object({ timeZone: timeZoneSchema });

// ---- Password reset ----

/** "Forgot password": only the address. */
export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

const tokenSchema = z
  .string({ message: "This link is not complete. Open the link from the e-mail again." })
  .min(1, "This link is not complete. Open the link from the e-mail again.")
  .max(200, "This link is not valid.");

/** Setting a new password with a reset link. */
export const resetPasswordSchema = z
  .object({
    token: tokenSchema,
    newPassword: passwordSchema,
    confirmPassword: z.string({ message: "Type the new password again." }).max(200, "The two passwords are not the same."),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The two passwords are not the same.", path: ["confirmPassword"] });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** An admin making a reset link for a member. */
export const adminResetLinkSchema = z.object({ membershipId: z.uuid({ message: "That person is not in your organisation." }) });
