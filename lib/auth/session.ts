import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { loadSessionActor } from "@/lib/db/auth";
import type { Actor } from "@/lib/domain/actor";
import { authOptions } from "./options";
import { applyReadFence } from "./read-fence";

/**
 * The actor of a decoded session: null unless it names an open server-side session of an
 * active membership. Sessions from before server-side sessions existed (no id) count as ended.
 */
export async function actorFromSession(session: Session | null): Promise<Actor | null> {
  const user = session?.user;
  if (!user?.id || !user.membershipId || !user.organizationId || !user.sessionId) return null;
  return loadSessionActor({ sessionId: user.sessionId, userId: user.id, membershipId: user.membershipId, organizationId: user.organizationId });
}

/**
 * The signed-in actor for this request, loaded fresh from the database (once per request). With
 * a read replica, the person's own recent writes fence their reads (lib/auth/read-fence.ts).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const actor = await actorFromSession(await getServerSession(authOptions()));
  if (actor) await applyReadFence(actor);
  return actor;
});

/** The id of this request's server-side session (for a password change, which keeps it open). */
export const getSessionId = cache(async (): Promise<string | null> => (await getServerSession(authOptions()))?.user?.sessionId ?? null);

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
