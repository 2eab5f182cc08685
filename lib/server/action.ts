import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { rememberWrite } from "@/lib/auth/read-fence";
import { getActor } from "@/lib/auth/session";
import { asExpected } from "@/lib/platform/errors";
import type { ActionResult } from "@/lib/platform/result";
import type { Actor } from "@/lib/domain/actor";
import { formDataToObject } from "@/lib/validation/common";
import { logger } from "@/lib/platform/logger";

/** "Anyone, signed in or not" must be written out, so it can be searched for. */
export const PUBLIC = "public" as const;

type Authorize = typeof PUBLIC | ((actor: Actor) => boolean);
type Ctx<A> = { actor: A };

type Def<S extends z.ZodType, R, A extends Authorize> = {
  /** A name for logs; also used by the inventory test. */
  name: string;
  input: S;
  authorize: A;
  run: (input: z.output<S>, ctx: Ctx<A extends typeof PUBLIC ? Actor | null : Actor>) => Promise<R>;
};

const SECRET_FIELDS = /password|secret|token/i;

function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (SECRET_FIELDS.test(k)) continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === "string").join("\n");
  }
  return out;
}

/**
 * An error for the logs without its message: database errors can quote the values that
 * were being written, and story text must never reach a log.
 */
export function describeError(error: unknown): { name: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === "string" ? { code } : {}),
    ...(error.stack
      ? {
          stack: error.stack
            .split("\n")
            .filter((l) => l.trimStart().startsWith("at "))
            .slice(0, 12)
            .join("\n"),
        }
      : {}),
  };
}

/** Marks the functions built here, so the inventory test can tell them apart. */
export const ACTION_BRAND = Symbol.for("ripple.action");
/** The input schema of an action, so the hostile-input sweep can aim its generated input at it. */
export const ACTION_INPUT = Symbol.for("ripple.action.input");

/**
 * The only way to build a server action: parse the input with zod, authorize the actor,
 * run, and map errors to messages. Use as a form action (prev, formData) or call with an object.
 */
export function createAction<S extends z.ZodType, R, A extends Authorize>(def: Def<S, R, A>) {
  const action = async (_prev: unknown, payload: FormData | Record<string, unknown>): Promise<ActionResult<R>> => {
    const raw = payload instanceof FormData ? formDataToObject(payload) : (payload ?? {});
    let actor: Actor | null = null;
    let ran = false;
    try {
      actor = await getActor();
      if (def.authorize !== PUBLIC) {
        if (!actor) return { ok: false, code: "unauthorized", message: "Your session has ended. Sign in again; what you typed is kept.", values: echo(raw) };
        if (!def.authorize(actor)) return { ok: false, code: "forbidden", message: "You do not have access to do that.", values: echo(raw) };
      }
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        const fieldErrors = Object.fromEntries(Object.entries(flat.fieldErrors).filter(([, v]) => Array.isArray(v) && v.length)) as Record<string, string[]>;
        const first = flat.formErrors[0] ?? Object.values(fieldErrors)[0]?.[0] ?? "Check the highlighted fields.";
        return { ok: false, code: "invalid", message: first, fieldErrors, values: echo(raw) };
      }
      ran = true;
      const data = await def.run(parsed.data, { actor: actor as Actor });
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error);
      const expected = asExpected(error);
      if (expected) {
        return {
          ok: false,
          code: expected.code,
          message: expected.message,
          ...(expected.fieldErrors ? { fieldErrors: expected.fieldErrors } : {}),
          values: echo(raw),
        };
      }
      logger.error({ action: def.name, err: describeError(error) }, "action failed");
      return { ok: false, code: "error", message: "Something went wrong on our side. What you typed is kept; try again in a moment.", values: echo(raw) };
    } finally {
      // Also when the action redirects: the person's next page must show what they just wrote.
      if (ran && actor) await rememberWrite(actor);
    }
  };
  return Object.assign(action, { [ACTION_BRAND]: def.name, [ACTION_INPUT]: def.input });
}
