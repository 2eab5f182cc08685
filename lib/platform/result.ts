// What crosses from a server action to the client: results, never throws. Built by
// createAction (lib/server/action.ts), read by the forms in components/.
import type { ExpectedErrorCode } from "./errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ExpectedErrorCode | "error";
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** What the person typed, so the form can show it again (never passwords or files). */
      values?: Record<string, string>;
    };

export type ActionState<T> = ActionResult<T> | null;
