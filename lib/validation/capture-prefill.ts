import { CAPTURE_PATH } from "@/lib/domain/bookmarklet";
import { normalizeText } from "./common";
import { quickCaptureSchema } from "./story";

// What opens quick capture filled in: the bookmarklet (a page's title and address in the
// query), a phone's share sheet (Web Share Target: title, text, url), a sign-in that returns to
// the capture. Every value is untrusted and only prefills the form: the person confirms. The
// result always fits the capture schema's bounds (at most 200 characters; a link the schema
// accepts, or none), so the form never opens with a value it would refuse for its length.

export type CapturePrefill = { what: string; link: string };

/** The capture's own bound on "what happened" (quickCaptureSchema), so both change together. */
export const PREFILL_WHAT_MAX = quickCaptureSchema.shape.what.maxLength ?? 200;
/** Read no more of any incoming value than this (a shared text can be a whole article). */
const READ_MAX = 4000;

// Control characters, line and paragraph separators, and runs of white space: one space.
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/i;

/** The first string of a query or form value (a repeated key gives an array; a file is not text). */
function first(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return first(value[0]);
  return "";
}

const oneLine = (value: string) => normalizeText(value.slice(0, READ_MAX)).replace(BREAKS, " ").trim();

/** At most `max` UTF-16 units (zod's measure), never half of a surrogate pair, "…" where cut. */
export function cutToLength(value: string, max: number): string {
  if (value.length <= max) return value;
  let kept = value.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept.trimEnd()}…`;
}

/** A link the capture schema accepts, or "". */
function acceptedLink(candidate: string): string {
  if (!candidate) return "";
  const parsed = quickCaptureSchema.shape.link.safeParse(candidate);
  return parsed.success && parsed.data ? parsed.data : "";
}

const rawLinkIn = (value: string) => URL_IN_TEXT.exec(value)?.[0] ?? "";

/** The first http(s) address in a text, without the punctuation that usually ends a sentence. */
function linkIn(value: string): string {
  return rawLinkIn(value).replace(/[.,;:!?)\]}]+$/, "");
}

/**
 * The capture form's prefill from `title`, `text` and `url` (a query or a shared form). The link
 * is `url`, else the first address in the text or title (apps often share "Look at this
 * https://…" as text). What happened is the title, else the text without that address.
 */
export function capturePrefill(source: { title?: unknown; text?: unknown; url?: unknown }): CapturePrefill {
  const title = oneLine(first(source.title));
  const text = oneLine(first(source.text));
  const url = oneLine(first(source.url));
  const inText = rawLinkIn(text);
  const link = acceptedLink(url) || acceptedLink(linkIn(text)) || acceptedLink(linkIn(title));
  // The address in the text (with the full stop after it) is the link, not part of the words.
  const rest = inText ? oneLine(text.replace(inText, " ")) : text;
  return { what: cutToLength(title || rest, PREFILL_WHAT_MAX), link };
}

/** The capture page's address for a prefill (what a sign-in returns to). */
export function capturePath(prefill: CapturePrefill, path = CAPTURE_PATH): string {
  const query = new URLSearchParams();
  if (prefill.what) query.set("title", prefill.what);
  if (prefill.link) query.set("url", prefill.link);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
