import "server-only";
import { NextResponse } from "next/server";
import { rememberWrite } from "@/lib/auth/read-fence";
import { getActor } from "@/lib/auth/session";
import { asExpected } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import { describeError, PUBLIC } from "./action";
import { logger } from "@/lib/platform/logger";

type Authorize = typeof PUBLIC | ((actor: Actor) => boolean);
type Handler<A extends Authorize, P> = (request: Request, ctx: { actor: A extends typeof PUBLIC ? Actor | null : Actor; params: P }) => Promise<Response>;

export { PUBLIC };

export const ROUTE_BRAND = Symbol.for("ripple.route");

const STATUS = { invalid: 400, unauthorized: 401, forbidden: 404, not_found: 404, conflict: 409, rate_limited: 429 } as const;

/**
 * The only way to build a route handler: authorize, run, map errors. What the actor may not
 * see answers 404, exactly like what does not exist.
 */
export function createRoute<A extends Authorize, P = Record<string, string>>(
  def:
    | { name: string; authorize: A; session?: "read"; handler: Handler<A, P> }
    /** A public route that never needs to know who asks: its requests read no session (no database). */
    | { name: string; authorize: typeof PUBLIC; session: "none"; handler: Handler<typeof PUBLIC, P> },
) {
  const route = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = def.session === "none" ? null : await getActor();
      if (def.authorize !== PUBLIC) {
        if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
        if (!def.authorize(actor)) return NextResponse.json({ error: "Not found." }, { status: 404 });
      }
      const params = context?.params ? await context.params : ({} as P);
      try {
        return await (def.handler as Handler<A, P>)(request, { actor: actor as Actor, params });
      } finally {
        // A writing request (not GET or HEAD): the person's next reads must show it.
        if (actor && request.method !== "GET" && request.method !== "HEAD") await rememberWrite(actor);
      }
    } catch (error) {
      const expected = asExpected(error);
      if (expected) return NextResponse.json({ error: expected.message }, { status: STATUS[expected.code] });
      logger.error({ route: def.name, err: describeError(error) }, "route failed");
      return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
    }
  };
  return Object.assign(route, { [ROUTE_BRAND]: def.name });
}
