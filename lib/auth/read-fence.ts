import "server-only";
// The person's read-your-own-writes marker: after a server action or a writing route, the
// primary's WAL position in a cookie, so that the reports and exports they open next (on any
// instance) read the replica only once it has replayed their write (lib/db/replica.ts). The
// cookie holds no secret: a forged value can only make its holder read the primary.
// Nothing is set or read unless a replica is configured.
import { cookies } from "next/headers";
import { openedDatabase } from "@/lib/db/registry";
import { isLsn, noteWrite, readAfter } from "@/lib/db/replica";
import type { Actor } from "@/lib/domain/actor";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

export const READ_FENCE_COOKIE = "ripple-read-after";
/** Far longer than a healthy replica lags; a stale cookie costs one cheap check on the replica. */
export const READ_FENCE_MAX_AGE_S = 15 * 60;

/** On each request: the position this person's reads must reach, from their cookie. */
export async function applyReadFence(actor: Actor): Promise<void> {
  if (!openedDatabase()?.replica) return;
  const value = (await cookies()).get(READ_FENCE_COOKIE)?.value;
  if (isLsn(value)) readAfter(actor, value);
}

/** After a person's write: remember the primary's position for this request and in the cookie. */
export async function rememberWrite(actor: Actor): Promise<void> {
  if (!openedDatabase()?.replica) return;
  try {
    const lsn = await noteWrite(actor);
    if (!lsn) return;
    (await cookies()).set(READ_FENCE_COOKIE, lsn, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: READ_FENCE_MAX_AGE_S,
      secure: (env().NEXTAUTH_URL ?? "").startsWith("https://"),
    });
  } catch (error) {
    // The write itself succeeded; at worst this person reads the replica's slightly older view.
    logger.warn({ code: (error as { code?: unknown })?.code }, "could not remember the write for read-your-writes");
  }
}
