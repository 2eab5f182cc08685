import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { VISIBILITIES } from "@/lib/domain/roles";
import { idSchema } from "./common";

const text = (max: number, field: string) => z.string().trim().max(max, `${field}: use at most ${max} characters.`);

const minutes = (field: string) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number({ message: `${field}: enter a number of minutes.` }).int(`${field}: enter whole minutes.`).min(0, `${field} cannot be negative.`).max(1_000_000, `${field}: that is more than two years of minutes.`).nullable())
    .nullable();

const linkSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: "Links must start with http:// or https://." }).max(2000),
  label: text(200, "Link label").default(""),
});

export const entryDocSchema = z.object({
  narrative: text(8000, "This section").default(""),
  indicators: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  figureValue: z
    .union([z.number(), z.string().trim(), z.null()])
    .transform((v) => (v === "" || v === null ? null : Number(v)))
    .pipe(z.number({ message: "Figure: enter a number." }).finite("Figure: enter a number.").min(-1e12).max(1e12).nullable()),
  figureUnit: text(40, "Unit").default(""),
  links: z.array(linkSchema).max(20, "At most 20 links per section.").default([]),
});

export const contributorDocSchema = z
  .object({
    membershipId: idSchema.nullable(),
    name: text(120, "Name").default(""),
    platform: text(60, "Platform").default(""),
    insideOrg: z.boolean(),
    tie: z.enum(["STRONG", "WEAK"]),
  })
  .refine((c) => c.membershipId !== null || c.name !== "", { message: "Pick a colleague or type the person's name or handle.", path: ["name"] });

export const storyDocSchema = z.object({
  title: z.string().trim().min(1, "Give the story a title.").max(200, "Title: use at most 200 characters."),
  narrative: text(8000, "What happened").default(""),
  occurredOn: z.iso.date({ message: "When: enter a date." }),
  channel: z.string().trim().max(40).default(""),
  visibility: z.enum(VISIBILITIES, { message: "Choose who can see this story." }),
  minutesInvested: minutes("Time invested"),
  minutesSaved: minutes("Time saved"),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(30, "Tags: use at most 30 characters each."))
    .max(10, "Use at most 10 tags.")
    .transform((tags) => [...new Set(tags)]),
  contributors: z.array(contributorDocSchema).max(20, "At most 20 people per story."),
  entries: z.object(Object.fromEntries(CYCLES.map((c) => [c, entryDocSchema])) as Record<(typeof CYCLES)[number], typeof entryDocSchema>),
});
export type StoryDocInput = z.infer<typeof storyDocSchema>;

export const saveStorySchema = z.object({
  storyId: idSchema,
  baseVersion: z.number().int().min(1),
  doc: storyDocSchema,
});

export const storyIdSchema = z.object({ storyId: idSchema });

export const followUpSchema = z.object({
  storyId: idSchema,
  weeks: z.coerce.number().int().refine((w) => [2, 4, 6].includes(w), "Choose 2, 4 or 6 weeks."),
});

export const followUpIdSchema = z.object({ followUpId: idSchema });
