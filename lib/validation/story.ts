import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { optionalLinkSchema, text } from "./common";

export const cycleSchema = z.enum(CYCLES, { message: "Choose one of the five cycles." });

export const quickCaptureSchema = z.object({
  what: text("What happened", { message: "Say in one line what happened." })
    .trim()
    .min(3, "Say in one line what happened (at least 3 characters).")
    .max(200, "Keep it to one line: at most 200 characters. You can add detail in the story."),
  /** A channel key, or "" when the person has not said yet (they can add it in the editor). */
  channel: text("The channel").trim().max(40).default(""),
  link: optionalLinkSchema,
  startCycle: cycleSchema.default("IMMEDIATE"),
  /**
   * Made by the capturing page once per moment and sent again with every retry, so a retried
   * submission stores one story. Optional for other callers (scripts, tests), which are not retried.
   */
  clientId: z
    .uuid({ message: "This form is out of date. Reload the page; what you typed is kept." })
    .transform((v) => v.toLowerCase())
    .optional(),
});
export type QuickCaptureInput = z.infer<typeof quickCaptureSchema>;

/**
 * Quick capture as the browser sends it: with `owner`, the membership whose capture it is, when
 * the offline outbox sends it later (components/stories/capture-outbox.ts). Another session in
 * the same browser must not store it as theirs.
 */
export const quickCaptureFormSchema = quickCaptureSchema.extend({
  owner: z.uuid({ message: "This form is out of date. Reload the page; what you typed is kept." }).optional(),
});
