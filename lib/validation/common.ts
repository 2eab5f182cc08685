import { z } from "zod";

// ---- Text: one normalisation for everything people type or put in an address ----------------
//
// PostgreSQL stores UTF-8 text, and neither a text column nor jsonb can hold a NUL character
// (U+0000), nor a lone UTF-16 surrogate (half of a pair, which no UTF-8 text can encode). So all
// text that crosses a boundary goes through `normalizeText`:
// - a lone surrogate becomes U+FFFD, the replacement character "\ufffd" (what a browser does when
//   it sends such text in a form; it can only arrive through a hand-made request or a broken paste);
// - the text is put in Unicode NFC, so "é" typed as e + combining accent and "é" typed as one
//   character are stored, compared and searched as the same text.
// NUL is refused, never silently dropped: a field says "<Field> cannot contain…" (`text`), and a
// value in an address that holds one is ignored like any other value that does not fit (`urlText`).

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates → U+FFFD, then NFC. The one normalisation of text input. */
export function normalizeText(value: string): string {
  return value.replace(LONE_SURROGATES, "\ufffd").normalize("NFC");
}

export const hasNul = (value: string): boolean => value.includes("\u0000");

/** The message for text with a NUL character, naming the field ("Title", "The channel's name"). */
export const nulMessage = (field: string) => `${field} cannot contain the invisible NUL character (\\0). Remove it and try again.`;

/**
 * Text for what is stored beside validated input but was never typed into a field (audit meta,
 * a subject): normalised, NUL replaced by U+FFFD. A write must never fail on such text.
 */
export function storableText(value: string): string {
  return normalizeText(value).replaceAll("\u0000", "\ufffd");
}

/** Every string in a JSON-like value made storable (for jsonb), keys included. */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
  }
  return value;
}

/**
 * A text field: normalised (above), NUL refused with a message naming the field. Chain .trim(),
 * .min(), .max() as with z.string(). `field` starts the sentence: "Title", "The team's name".
 */
export function text(field: string, opts: { message?: string } = {}) {
  return z
    .string(opts.message ? { message: opts.message } : undefined)
    .overwrite(normalizeText)
    .refine((v) => !hasNul(v), { message: nulMessage(field), abort: true });
}

/**
 * Text from an address (a filter, a search): normalised and trimmed; a value longer than `max`
 * or holding a NUL is refused, which the lenient address parsers turn into "not set".
 */
export function urlText(max: number) {
  return z
    .string()
    .overwrite(normalizeText)
    .trim()
    .max(max)
    .refine((v) => !hasNul(v));
}

// ---- Limits of the columns ---------------------------------------------------------------

/** PostgreSQL's integer (int4), the type of Prisma's Int. */
export const INT4_MAX = 2_147_483_647;

/** DECIMAL(14,2): twelve digits before the point, two after. */
export const DECIMAL_14_2_MAX = 999_999_999_999.99;

/** Whether a number has at most two decimal places (cents), as DECIMAL(14,2) keeps it. */
export function hasAtMostTwoDecimals(value: number): boolean {
  const cents = Math.round(value * 100);
  return Number.isSafeInteger(cents) && cents / 100 === value;
}

/** Ids are UUIDs: anything else is treated as "not found", never as a database error. */
export const idSchema = z.uuid({ message: "That link is not valid." });

export const emailSchema = z
  .string({ message: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ message: "Enter an email address like name@example.com." }));

export const passwordSchema = z
  .string({ message: "Enter a password." })
  .min(10, "Use at least 10 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

/** An http(s) link, or nothing. Other schemes (javascript:, data:) are refused. */
export const optionalLinkSchema = text("A link")
  .trim()
  .max(2000, "That link is too long.")
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/, message: "Enter a link that starts with http:// or https://." }).optional());

/**
 * Turns FormData into a plain object; repeated keys become arrays. Files are kept as File. Every
 * key becomes an own property, so a field named "__proto__" or "constructor" is only a field.
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = fields.get(key);
    if (existing === undefined) fields.set(key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else fields.set(key, [existing, value]);
  }
  return Object.fromEntries(fields);
}
