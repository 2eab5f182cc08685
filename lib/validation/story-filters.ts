import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { VISIBILITIES } from "@/lib/domain/roles";
import { MAX_QUERY_LENGTH, STORY_SORTS, STORY_STATUSES, normalizeStoryFilters, type StoryFilters } from "@/lib/domain/story-filters";
import { hasNul, normalizeText } from "./common";
import { choiceParam, isoDateParam, lenient, optionalUrlText, parseSearchParams, type SearchParamsInput } from "./search-params";

// The story list's filters, read from the address the one lenient way (./search-params.ts).

export const storyFiltersSchema = z.object({
  q: lenient(
    z
      .string()
      .refine((v) => !hasNul(v))
      .transform((v) =>
        normalizeText(v.slice(0, MAX_QUERY_LENGTH * 4))
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, MAX_QUERY_LENGTH)
          .replace(/[\ud800-\udbff]$/, "")
          .trim(),
      )
      .transform((v) => (v === "" ? undefined : v)),
  ),
  cycle: lenient(choiceParam(CYCLES, "upper")),
  channel: lenient(optionalUrlText(60)),
  tag: lenient(optionalUrlText(60)),
  visibility: lenient(choiceParam(VISIBILITIES, "upper")),
  status: lenient(choiceParam(STORY_STATUSES, "upper")),
  from: lenient(isoDateParam),
  to: lenient(isoDateParam),
  sort: lenient(choiceParam(STORY_SORTS, "lower")),
});

/** The filters in an address (a page's searchParams or URLSearchParams). Never throws. */
export function parseStoryFilters(input: SearchParamsInput): StoryFilters {
  return normalizeStoryFilters(parseSearchParams(storyFiltersSchema, input));
}
