import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { VISIBILITIES } from "@/lib/domain/roles";
import {
  FILTER_PARAMS,
  MAX_QUERY_LENGTH,
  STORY_SORTS,
  STORY_STATUSES,
  isIsoDate,
  normalizeStoryFilters,
  type StoryFilters,
} from "@/lib/domain/story-filters";
import { hasNul, normalizeText, urlText } from "./common";

// Lenient on purpose: the filters come from an address anyone can edit or share. A value that
// does not fit is dropped (treated as unset) and the page shows what it applied instead.

/** A repeated parameter counts once: its first value. */
const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const optionalText = (max: number) => urlText(max).transform((v) => (v === "" ? undefined : v));

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, letterCase: "upper" | "lower") =>
  z
    .string()
    .trim()
    .transform((v) => (letterCase === "upper" ? v.toUpperCase() : v.toLowerCase()))
    .pipe(z.enum(values));

const optionalDate = z
  .string()
  .trim()
  .refine(isIsoDate, "Enter a date as YYYY-MM-DD.");

const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);

export const storyFiltersSchema = z.object({
  q: lenient(
    z
      .string()
      .refine((v) => !hasNul(v))
      .transform((v) => normalizeText(v.slice(0, MAX_QUERY_LENGTH * 4)).replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).replace(/[\ud800-\udbff]$/, "").trim())
      .transform((v) => (v === "" ? undefined : v)),
  ),
  cycle: lenient(optionalChoice(CYCLES, "upper")),
  channel: lenient(optionalText(60)),
  tag: lenient(optionalText(60)),
  visibility: lenient(optionalChoice(VISIBILITIES, "upper")),
  status: lenient(optionalChoice(STORY_STATUSES, "upper")),
  from: lenient(optionalDate),
  to: lenient(optionalDate),
  sort: lenient(optionalChoice(STORY_SORTS, "lower")),
});

export type StoryFiltersInput = Record<string, string | string[] | undefined> | URLSearchParams;

/** The filters in an address (a page's searchParams or URLSearchParams). Never throws. */
export function parseStoryFilters(input: StoryFiltersInput): StoryFilters {
  const raw: Record<string, string | string[]> = {};
  if (input instanceof URLSearchParams) {
    for (const key of FILTER_PARAMS) {
      const all = input.getAll(key);
      if (all.length) raw[key] = all;
    }
  } else {
    for (const key of FILTER_PARAMS) {
      const v = input[key];
      if (v !== undefined) raw[key] = v;
    }
  }
  const parsed = storyFiltersSchema.safeParse(raw);
  if (!parsed.success) return {};
  const f: StoryFilters = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) (f as Record<string, unknown>)[key] = value;
  }
  return normalizeStoryFilters(f);
}
