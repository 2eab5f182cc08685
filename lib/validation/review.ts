import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { isIsoDate } from "@/lib/domain/story-filters";
import { idSchema, text, urlText } from "./common";
import { lenient } from "./search-params";

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const askNextSchema = z.object({
  storyId: idSchema,
  note: text("The question").trim().max(1000, "Question: use at most 1000 characters.").default(""),
});

export const confirmFigureSchema = z.object({ storyId: idSchema });

/** A one-click thank-you: only the story. */
export const acknowledgeSchema = z.object({ storyId: idSchema });

export const readingSchema = z.object({
  storyId: idSchema,
  cycles: list(z.enum(CYCLES)).pipe(z.array(z.enum(CYCLES)).max(5)),
  indicatorKeys: list(text("An indicator").trim().min(1).max(60)).pipe(z.array(z.string()).max(40, "Choose at most 40 indicators.")),
  note: text("The note").trim().max(2000, "Note: use at most 2000 characters.").default(""),
});

export const highlightSchema = z.object({ storyId: idSchema, on: z.enum(["true", "false"]).transform((v) => v === "true") });

/** The team page's filters in the address (read with parseSearchParams): lenient, like every filter. */
export const teamFiltersSchema = z.object({
  person: lenient(idSchema),
  cycle: lenient(z.enum(CYCLES)),
  channel: lenient(urlText(40).pipe(z.string().min(1))),
  from: lenient(z.string().refine(isIsoDate)),
  to: lenient(z.string().refine(isIsoDate)),
});
