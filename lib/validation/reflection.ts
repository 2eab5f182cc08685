import { z } from "zod";
import { REFLECTION_ANSWER_MAX, REFLECTION_QUESTIONS, REFLECTION_STORIES_MAX } from "@/lib/domain/reflection";
import { text } from "./common";

const answer = (question: string) =>
  text(`Your answer to “${question}”`, { message: `Write your answer to “${question}” as text.` })
    .trim()
    .max(REFLECTION_ANSWER_MAX, `Keep your answer to “${question}” to at most 4,000 characters.`)
    .default("");

/** FormData sends a repeated field as a string (one value) or an array (several); none is missing. */
const asList = (value: unknown): unknown => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]);

/** A checkbox: FormData sends "on" when ticked and nothing when not. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const reflectionInputSchema = z.object({
  learned: answer(REFLECTION_QUESTIONS.learned),
  performance: answer(REFLECTION_QUESTIONS.performance),
  organizationImpact: answer(REFLECTION_QUESTIONS.organizationImpact),
  storyIds: z.preprocess(
    asList,
    z
      .array(z.uuid({ message: "One of the stories to link is not valid. Reload the page and choose again." }))
      .max(REFLECTION_STORIES_MAX, `Link at most ${REFLECTION_STORIES_MAX} stories to one reflection.`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  ),
  sharedWithManager: checkbox,
});
export type ReflectionInput = z.infer<typeof reflectionInputSchema>;

/** "Nothing this week" takes no input: the week is always the current one. */
export const reflectionSkipSchema = z.object({});
export type ReflectionSkipInput = z.infer<typeof reflectionSkipSchema>;

/** The weekday to be reminded from: 0 = Sunday ... 6 = Saturday. */
export const weekdaySchema = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce
    .number({ message: "Choose the day you want to be reminded." })
    .int("Choose the day you want to be reminded from the list.")
    .min(0, "Choose the day you want to be reminded from the list.")
    .max(6, "Choose the day you want to be reminded from the list."),
);

export const reflectionDaySchema = z.object({ reflectionDay: weekdaySchema });
export type ReflectionDayInput = z.infer<typeof reflectionDaySchema>;

/** An autosave of this week's draft: the whole draft, and the version it was based on (0: none yet). */
export const reflectionDraftSaveSchema = z.object({
  baseVersion: z.number().int().min(0).max(2_147_483_647),
  doc: z.object({
    learned: answer(REFLECTION_QUESTIONS.learned),
    performance: answer(REFLECTION_QUESTIONS.performance),
    organizationImpact: answer(REFLECTION_QUESTIONS.organizationImpact),
    storyIds: z
      .array(z.uuid({ message: "One of the stories to link is not valid. Reload the page and choose again." }))
      .max(REFLECTION_STORIES_MAX, `Link at most ${REFLECTION_STORIES_MAX} stories to one reflection.`),
    sharedWithManager: z.boolean(),
  }),
});
export type ReflectionDraftSaveInput = z.infer<typeof reflectionDraftSaveSchema>;
