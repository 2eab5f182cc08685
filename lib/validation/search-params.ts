import { z } from "zod";
import { isIsoDate } from "@/lib/domain/story-filters";
import { urlText } from "./common";

// One way to read filters from an address, for every page and route that has them (stories,
// team, audit log, reports, the stories behind a report, the exports). Lenient on purpose: an
// address is anyone's to edit or share, so a value that does not fit is dropped (treated as
// unset) and the page shows what it applied instead; nothing here throws. Text goes through
// `urlText`: normalised, bounded, and a value holding a NUL is ignored.

/** A page's searchParams (repeated keys as arrays) or a route's URLSearchParams. */
export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

/** A repeated parameter counts once: its first value. */
export const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** A parameter read leniently: its first value through `schema`, or undefined when it does not fit. */
export const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);

/** Text from an address, at most `max` characters; empty is unset. */
export const optionalUrlText = (max: number) => urlText(max).transform((v) => (v === "" ? undefined : v));

/** A calendar day in the address, YYYY-MM-DD (1900-01-01 to 9999-12-31, like every date filter). */
export const isoDateParam = z.string().trim().refine(isIsoDate, "Enter a date as YYYY-MM-DD.");

/** One of `values`, whatever the letter case in the address. */
export const choiceParam = <const T extends readonly [string, ...string[]]>(values: T, letterCase: "upper" | "lower") =>
  z
    .string()
    .trim()
    .transform((v) => (letterCase === "upper" ? v.toUpperCase() : v.toLowerCase()))
    .pipe(z.enum(values));

/** The parameters named `keys` as the address has them (all values of a repeated one), unset ones left out. */
export function searchParamValues(input: SearchParamsInput, keys: readonly string[]): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const key of keys) {
    const v = input instanceof URLSearchParams ? input.getAll(key) : input[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) raw[key] = v;
  }
  return raw;
}

/** Only the keys that are set. */
export type SetParams<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * The address read with `schema`, an object of `lenient` fields: only the parameters it names,
 * only those that fit, and only the keys that are set. Never throws.
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, input: SearchParamsInput): SetParams<z.output<S>> {
  const parsed = schema.safeParse(searchParamValues(input, Object.keys(schema.shape)));
  const out: Record<string, unknown> = {};
  if (!parsed.success) return out as SetParams<z.output<S>>;
  for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (value !== undefined) out[key] = value;
  }
  return out as SetParams<z.output<S>>;
}

/**
 * The address's query when it is not already `canonical` (a GET form sends empty fields, upper
 * case and its own order), so a page can redirect to the clean, shareable address; null when it
 * already is.
 */
export function nonCanonicalQuery(raw: Record<string, string | string[] | undefined>, canonical: string): string | null {
  const actual = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) actual.append(key, v);
  }
  return actual.toString() === canonical.replace(/^\?/, "") ? null : canonical;
}
