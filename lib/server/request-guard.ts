// The requests Ripple refuses before Next.js handles them, each with a status below 500 and a
// sentence that says why. Next.js answers these with a 500 of its own: an address that is not
// valid UTF-8, and a server-action request that comes from another site, is too large, or is
// not what a page sends (a body that is not React's reply format). proxy.ts runs this first.
// No Next.js here: it takes and returns web-standard Requests and Responses.
import { isSameOrigin as sameOrigin } from "../domain/forwarded";
import { env, publicUrl } from "../platform/env";

/** The most a server action takes in one request; next.config.ts passes it to Next.js too. */
export const ACTION_BODY_LIMIT_MB = 2;
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024;

/** How deep the arguments of an action may nest: Ripple's own are at most six levels deep. */
const MAX_DEPTH = 32;

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

export const MESSAGES = {
  badAddress: "This address is not valid: it has characters that are not UTF-8. Check the link and try again.",
  otherSite: "This form was sent from another site, so Ripple did not run it. Open Ripple itself and try again.",
  tooLarge: (bytes: number | null) =>
    `This request is too large: Ripple takes at most ${ACTION_BODY_LIMIT_MB} MB from one form or save${bytes ? ` and this one is ${(bytes / 1024 / 1024).toFixed(1)} MB` : ""}. Shorten the text and try again.`,
  unreadable: "Ripple could not read this request: it is not what Ripple's pages send. Reload the page and try again.",
} as const;

/** Whether every percent-escape of a path decodes to valid UTF-8. */
export function pathIsValid(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A request the framework would treat as a server action: a POST to a page (not /api, not
 * Next.js's own files) that names an action, or carries a form (which may hold one).
 */
export function isActionRequest(request: Request, pathname: string): boolean {
  if (request.method !== "POST" || pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return false;
  return request.headers.has("next-action") || /^multipart\/form-data/i.test(request.headers.get("content-type") ?? "");
}

/**
 * Same origin, by the one rule in lib/domain/forwarded.ts: the Origin's host against the host
 * the browser addressed (X-Forwarded-Host only from trusted proxies, TRUSTED_PROXY_HOPS) or
 * Ripple's public URL. proxy.ts then hands Next.js that same host, so what passes here also
 * passes Next.js's own check. No Origin: not a browser's cross-site request.
 */
export function isSameOrigin(request: Request): boolean {
  const h = request.headers;
  return sameOrigin(
    { origin: h.get("origin"), host: h.get("host"), xForwardedHost: h.get("x-forwarded-host"), secFetchSite: h.get("sec-fetch-site") },
    { hops: env().TRUSTED_PROXY_HOPS, publicUrl: publicUrl() },
  );
}

/**
 * The body, or "too large" as soon as it passes `limit` bytes (a missing or false Content-Length
 * cannot get round it). Every handler that reads a body reads it through this.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Uint8Array | "too large"> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return "too large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Whether a value decoded from JSON is one React's reply format resolves without failing: the
 * strings that start with "$" are the references React writes for Ripple's pages (an escaped
 * "$", undefined, numbers JSON cannot write, dates, big integers, a form, a temporary reference,
 * a promise); anything else (references to parts that are not there, server references, maps,
 * typed arrays, streams) is not something Ripple's pages send.
 */
export function isPlainReply(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string") {
    if (!value.startsWith("$")) return true;
    return /^\$(\$[\s\S]*|undefined|Infinity|-Infinity|-0|NaN|D[\s\S]*|n-?\d{1,300}|K[0-9a-f]+|T|@[0-9a-f]+)$/.test(value);
  }
  if (Array.isArray(value)) return value.every((v) => isPlainReply(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).every((v) => isPlainReply(v, depth + 1));
  return true;
}

function parsesAsReply(json: string, root: boolean): boolean {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return false;
  }
  // The root of a reply is the list of the action's arguments.
  return (!root || Array.isArray(value)) && isPlainReply(value);
}

/**
 * Refuses a server-action request that Next.js would answer with a 500: from another site
 * (403), larger than the limit (413), or not a body Ripple's pages send (400). Null: let it through.
 */
export async function guardActionRequest(request: Request): Promise<Response | null> {
  if (!isSameOrigin(request)) return text(403, MESSAGES.otherSite);
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT_BYTES) return text(413, MESSAGES.tooLarge(declared));
  const body = await readBodyUpTo(request, ACTION_BODY_LIMIT_BYTES);
  if (body === "too large") return text(413, MESSAGES.tooLarge(null));

  const contentType = request.headers.get("content-type") ?? "";
  const fetchAction = request.headers.has("next-action");
  if (/^multipart\/form-data/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
    } catch {
      return text(400, MESSAGES.unreadable);
    }
    if (fetchAction) {
      // A page's call with a form: "0" is the list of arguments, other numbered parts are models.
      if (!form.has("0")) return text(400, MESSAGES.unreadable);
      for (const [key, value] of form.entries()) {
        if (/^\d+$/.test(key) && (typeof value !== "string" || !parsesAsReply(value, key === "0"))) return text(400, MESSAGES.unreadable);
      }
    }
    return null;
  }
  if (!fetchAction) return null;
  // A page's call without a form sends its arguments as JSON text.
  const json = new TextDecoder("utf-8", { fatal: false }).decode(body);
  return parsesAsReply(json, true) ? null : text(400, MESSAGES.unreadable);
}
