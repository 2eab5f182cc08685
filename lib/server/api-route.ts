import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { abandonIdempotent, authenticateApiToken, beginIdempotent, finishIdempotent, type ApiCaller } from "@/lib/db/api-tokens";
import { limitKey, reserveAttempt } from "@/lib/db/rate-limit";
import { scopeAllows, type ApiScope } from "@/lib/domain/api-tokens";
import { decodeCursor, PAGE_DEFAULT, PAGE_MAX, problem, type Problem, type ProblemCode } from "@/lib/domain/api";
import type { Actor } from "@/lib/domain/actor";
import { API_LIMITS } from "@/lib/domain/rate-limit";
import { now } from "@/lib/platform/clock";
import { asExpected, ExpectedError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { describeError } from "./action";
import { createRoute, PUBLIC } from "./route";
import { readBodyUpTo } from "./request-guard";

// The REST API's route wrapper, built on createRoute (so every /api/v1 handler is branded, listed
// by the inventory and called by the sweep): a Bearer token instead of a session, the token's
// scope, a per-token rate limit, zod-parsed params, query and body, Idempotency-Key on writes,
// and every error as application/problem+json (RFC 9457). The handler gets the same Actor the
// pages get, so the same data functions (and their access rules) answer.

export type ApiOperation<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = {
  /** The operationId in the OpenAPI document, and the route's name in logs and the inventory. */
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path template: /api/v1/stories/{storyId}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  scope: ApiScope;
  /** A capability the actor must hold besides the scope (lib/domain/access.ts); otherwise 404, as on the pages. */
  authorize?: (actor: Actor) => boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status and the schema of its body. */
  status: 200 | 201;
  response: R;
  /** A paginated list: `limit` and `cursor` in the query, `next` in the body and a Link header. */
  paginated?: boolean;
};

export type ApiContext<O extends ApiOperation> = {
  actor: Actor;
  token: ApiCaller["token"];
  params: O["params"] extends z.ZodType ? z.output<O["params"]> : Record<string, never>;
  query: O["query"] extends z.ZodType ? z.output<O["query"]> : Record<string, never>;
  body: O["body"] extends z.ZodType ? z.output<O["body"]> : undefined;
  page: { after: string | null; limit: number };
  request: Request;
};

/** The most a request body may hold. */
export const MAX_API_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT).describe(`How many items per page (1–${PAGE_MAX}, default ${PAGE_DEFAULT}).`),
  cursor: z.string().max(200).optional().describe("The `next` cursor of the previous page."),
});

class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

const fail = (code: ProblemCode, detail: string, errors?: Problem["errors"], headers?: Record<string, string>) =>
  new ApiProblem(problem(code, detail, errors), headers);

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers },
  });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}

function zodErrors(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message }));
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = zodErrors(result.error, where);
    throw fail("invalid", errors[0] ? `${errors[0].path}: ${errors[0].message}` : "The request is not valid.", errors);
  }
  return result.data;
}

async function authenticate(request: Request): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const challenge = { "WWW-Authenticate": 'Bearer realm="ripple"' };
  if (!match) throw fail("unauthorized", "Send an API token as `Authorization: Bearer rpl_…`. Create one on your profile page.", undefined, challenge);
  const caller = await authenticateApiToken(match[1]!);
  if (!caller)
    throw fail("unauthorized", "This token is unknown, expired or revoked, or its person no longer has access.", undefined, {
      "WWW-Authenticate": 'Bearer realm="ripple", error="invalid_token"',
    });
  return caller;
}

async function rateLimit(tokenId: string): Promise<void> {
  const reservation = await reserveAttempt([{ key: limitKey("api-token", tokenId), policy: API_LIMITS.token }], now());
  if (!reservation.allowed) {
    const wait = reservation.retryAfterSeconds;
    throw fail("rate_limited", `This token made too many requests. Try again in ${wait} second${wait === 1 ? "" : "s"}.`, undefined, {
      "Retry-After": String(wait),
    });
  }
}

async function readBody(request: Request): Promise<{ text: string; value: unknown }> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_API_BODY_BYTES) throw fail("payload_too_large", `Send at most ${MAX_API_BODY_BYTES / 1024} KB.`);
  const bytes = await readBodyUpTo(request, MAX_API_BODY_BYTES);
  if (bytes === "too large") throw fail("payload_too_large", `Send at most ${MAX_API_BODY_BYTES / 1024} KB.`);
  const text = Buffer.from(bytes).toString("utf8");
  if (!text.trim()) return { text, value: {} };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw fail("invalid", "Send the body as JSON, with `Content-Type: application/json`.");
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw fail("invalid", "The body is not valid JSON.");
  }
}

type Result = { status?: number; body: unknown; headers?: Record<string, string> };

/** The link to the next page: this request's address with the next cursor. */
function nextLink(request: Request, next: string): string {
  const url = new URL(request.url);
  url.searchParams.set("cursor", next);
  return `${url.pathname}${url.search}`;
}

/**
 * Builds the handler of one operation. `handler` returns the body (and a status, when not the
 * operation's own); for a paginated operation the body is `{ items, next }`, to which `next` is
 * added as a link, also in the Link header.
 */
export function createApiRoute<O extends ApiOperation>(op: O, handler: (ctx: ApiContext<O>) => Promise<Result>) {
  return createRoute<typeof PUBLIC, Record<string, string>>({
    name: `api.${op.id}`,
    authorize: PUBLIC,
    session: "none",
    handler: async (request, { params }) => {
      let claimed: { organizationId: string; id: string } | null = null;
      try {
        const caller = await authenticate(request);
        if (!scopeAllows(caller.token.scopes, op.scope)) throw fail("insufficient_scope", `This needs a token with the ${op.scope} scope.`);
        await rateLimit(caller.token.id);
        if (op.authorize && !op.authorize(caller.actor))
          throw fail("not_found", "We could not find that. It may have been removed, or it is not shared with you.");

        const url = new URL(request.url);
        const rawQuery = Object.fromEntries(url.searchParams.entries());
        const parsedParams = parse(op.params, params, "path");
        const parsedQuery = parse(op.query, rawQuery, "query");
        const page = op.paginated
          ? parse(pageQuerySchema, { limit: rawQuery.limit, cursor: rawQuery.cursor }, "query")!
          : { limit: PAGE_DEFAULT, cursor: undefined };
        const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
        if (page.cursor !== undefined && after === null)
          throw fail("invalid", "query.cursor: this is not a cursor from this API.", [{ path: "query.cursor", message: "Not a cursor from this API." }]);

        const writes = op.method !== "GET";
        const { text, value } = writes ? await readBody(request) : { text: "", value: undefined };
        const body = writes ? parse(op.body ?? z.object({}), value, "body") : undefined;

        const key = writes ? request.headers.get("idempotency-key") : null;
        if (key !== null) {
          if (!IDEMPOTENCY_KEY.test(key)) throw fail("invalid", "Idempotency-Key: use 1 to 255 visible ASCII characters.");
          const hash = createHash("sha256").update(`${op.method} ${url.pathname}\n${text}`).digest("hex");
          const start = await beginIdempotent(caller.token, key, hash);
          if (start.kind === "mismatch")
            throw fail("idempotency_mismatch", "This Idempotency-Key was already used with another request. Use a new key for a new request.");
          if (start.kind === "in_progress")
            throw fail("idempotency_in_progress", "The first request with this Idempotency-Key has not finished yet. Retry in a moment.", undefined, {
              "Retry-After": "1",
            });
          if (start.kind === "replay") {
            const contentType = start.status >= 400 ? "application/problem+json" : "application/json";
            return new Response(start.body, {
              status: start.status,
              headers: { "Content-Type": contentType, "Cache-Control": "no-store", "Idempotent-Replayed": "true" },
            });
          }
          claimed = { organizationId: caller.token.organizationId, id: start.id };
        }

        let response: Response;
        try {
          const result = await handler({
            actor: caller.actor,
            token: caller.token,
            params: (parsedParams ?? {}) as ApiContext<O>["params"],
            query: (parsedQuery ?? {}) as ApiContext<O>["query"],
            body: body as ApiContext<O>["body"],
            page: { after, limit: page.limit },
            request,
          });
          const headers = { ...result.headers };
          let out = result.body;
          if (op.paginated) {
            const list = result.body as { items: unknown[]; next: string | null };
            const link = list.next ? nextLink(request, list.next) : null;
            if (link) headers.Link = `<${link}>; rel="next"`;
            out = { items: list.items, next: list.next, nextLink: link };
          }
          response = jsonResponse(result.status ?? op.status, out, headers);
        } catch (error) {
          const expected = asExpected(error);
          if (!expected) throw error;
          const errors = Object.entries(expected.fieldErrors ?? {}).flatMap(([path, messages]) =>
            messages.map((message) => ({ path: `body.${path}`, message })),
          );
          response = problemResponse(problem(expected.code, expected.message, errors));
        }
        if (claimed) {
          await finishIdempotent(claimed.organizationId, claimed.id, response.status, await response.clone().text());
          claimed = null;
        }
        return response;
      } catch (error) {
        if (claimed) await abandonIdempotent(claimed.organizationId, claimed.id).catch(() => {});
        if (error instanceof ApiProblem) return problemResponse(error.problem, error.headers);
        const expected = asExpected(error);
        if (expected) return problemResponse(problem(expected.code, expected.message));
        logger.error({ route: `api.${op.id}`, err: describeError(error) }, "route failed");
        return problemResponse(problem("error", "Something went wrong on our side. Try again in a moment."));
      }
    },
  });
}

export { ExpectedError };
