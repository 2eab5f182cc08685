import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { VISIBILITIES } from "@/lib/domain/roles";
import { isIsoDate } from "@/lib/domain/story-filters";
import { DECIMAL_14_2_MAX, INT4_MAX, hasAtMostTwoDecimals, idSchema, text } from "./common";

const bounded = (max: number, field: string) => text(field).trim().max(max, `${field}: use at most ${max} characters.`);

/** The earliest and latest day a story can have happened on (product bounds, well inside what the column holds). */
export const OCCURRED_ON_MIN = "1900-01-01";
export const OCCURRED_ON_MAX = "2100-12-31";

const minutes = (field: string) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(
      z
        .number({ message: `${field}: enter a number of minutes.` })
        .int(`${field}: enter whole minutes.`)
        .min(0, `${field} cannot be negative.`)
        .max(1_000_000, `${field}: that is more than two years of minutes.`)
        .nullable(),
    )
    .nullable();

const linkSchema = z.object({
  url: text("A link")
    .trim()
    .max(2000, "Links: use at most 2000 characters.")
    .pipe(z.url({ protocol: /^https?$/, message: "Links must start with http:// or https://." })),
  label: bounded(200, "Link label").default(""),
});

export const entryDocSchema = z.object({
  narrative: bounded(8000, "This section").default(""),
  indicators: z.array(text("An indicator").trim().min(1).max(60)).max(30, "Choose at most 30 indicators per section.").default([]),
  // The column is DECIMAL(14,2): up to 999,999,999,999.99, in cents.
  figureValue: z
    .union([z.number(), z.string().trim(), z.null()])
    .transform((v) => (v === "" || v === null ? null : Number(v)))
    .pipe(
      z
        .number({ message: "Figure: enter a number." })
        .finite("Figure: enter a number.")
        .min(-DECIMAL_14_2_MAX, "Figure: enter a number above -1,000,000,000,000.")
        .max(DECIMAL_14_2_MAX, "Figure: enter a number below 1,000,000,000,000.")
        .refine(hasAtMostTwoDecimals, "Figure: use at most two decimal places.")
        .nullable(),
    ),
  figureUnit: bounded(40, "Unit").default(""),
  links: z.array(linkSchema).max(20, "At most 20 links per section.").default([]),
});

export const contributorDocSchema = z
  .object({
    membershipId: idSchema.nullable(),
    name: bounded(120, "Name").default(""),
    platform: bounded(60, "Platform").default(""),
    insideOrg: z.boolean(),
    tie: z.enum(["STRONG", "WEAK"]),
  })
  .refine((c) => c.membershipId !== null || c.name !== "", { message: "Pick a colleague or type the person's name or handle.", path: ["name"] });

export const storyDocSchema = z.object({
  title: text("The title", { message: "Give the story a title." }).trim().min(1, "Give the story a title.").max(200, "Title: use at most 200 characters."),
  narrative: bounded(8000, "What happened").default(""),
  occurredOn: z
    .string({ message: "When: enter a date." })
    .refine(isIsoDate, "When: enter a date.")
    .refine((d) => d >= OCCURRED_ON_MIN && d <= OCCURRED_ON_MAX, "When: enter a date between 1900 and 2100."),
  channel: text("The channel").trim().max(40).default(""),
  visibility: z.enum(VISIBILITIES, { message: "Choose who can see this story." }),
  minutesInvested: minutes("Time invested"),
  minutesSaved: minutes("Time saved"),
  tags: z
    .array(text("A tag").trim().toLowerCase().min(1).max(30, "Tags: use at most 30 characters each."))
    .max(10, "Use at most 10 tags.")
    .transform((tags) => [...new Set(tags)]),
  contributors: z.array(contributorDocSchema).max(20, "At most 20 people per story."),
  entries: z.object(Object.fromEntries(CYCLES.map((c) => [c, entryDocSchema])) as Record<(typeof CYCLES)[number], typeof entryDocSchema>),
});
export type StoryDocInput = z.infer<typeof storyDocSchema>;

export const saveStorySchema = z.object({
  storyId: idSchema,
  baseVersion: z.number().int().min(1).max(INT4_MAX),
  doc: storyDocSchema,
});

export const storyIdSchema = z.object({ storyId: idSchema });

export const followUpSchema = z.object({
  storyId: idSchema,
  weeks: z.coerce
    .number()
    .int()
    .refine((w) => [2, 4, 6].includes(w), "Choose 2, 4 or 6 weeks."),
});

export const followUpIdSchema = z.object({ followUpId: idSchema });
