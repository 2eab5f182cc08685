// The REST API's shared pieces that are pure: problem details (RFC 9457), opaque cursors.

/** Where the problem types are explained (the reference page's section for each). */
export const PROBLEM_BASE = "/developers#problem-";

/** The expected errors' codes (lib/platform/errors.ts) and the API's own. */
export type ProblemCode =
  | "invalid"
  | "unauthorized"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "forbidden"
  | "idempotency_mismatch"
  | "idempotency_in_progress"
  | "insufficient_scope"
  | "payload_too_large"
  | "error";

export const PROBLEMS: Record<ProblemCode, { status: number; title: string }> = {
  invalid: { status: 400, title: "The request is not valid" },
  unauthorized: { status: 401, title: "A valid API token is needed" },
  insufficient_scope: { status: 403, title: "The token's scopes do not allow this" },
  forbidden: { status: 404, title: "Not found" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  idempotency_in_progress: { status: 409, title: "A request with this Idempotency-Key is still running" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  idempotency_mismatch: { status: 422, title: "This Idempotency-Key was used for another request" },
  rate_limited: { status: 429, title: "Too many requests" },
  error: { status: 500, title: "Something went wrong on our side" },
};

export type Problem = { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] };

export function problem(code: ProblemCode, detail: string, errors?: { path: string; message: string }[]): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: `${PROBLEM_BASE}${code}`, title, status, detail, ...(errors?.length ? { errors } : {}) };
}

export const PAGE_DEFAULT = 25;
export const PAGE_MAX = 100;

const CURSOR_PREFIX = "c1:";

/** An opaque cursor for "after this id". */
export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, "utf8").toString("base64url");
}

/** The id a cursor stands for, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/**
 * One page of an ordered list already in memory: the items after the cursor's id (from the start
 * without one), at most `limit`, and the cursor of the next page (null on the last).
 */
export function pageOf<T extends { id: string }>(items: readonly T[], after: string | null, limit: number): { items: T[]; next: string | null } {
  const start = after === null ? 0 : items.findIndex((i) => i.id === after) + 1;
  // A cursor whose item is gone: nothing after it can be placed, so the list ends.
  if (after !== null && start === 0) return { items: [], next: null };
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, next: more && slice.length ? encodeCursor(slice[slice.length - 1]!.id) : null };
}
