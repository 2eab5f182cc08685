import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { loadActor } from "@/lib/db/auth";
import type { Actor } from "@/lib/domain/actor";
import { authOptions } from "./options";
import { applyReadFence } from "./read-fence";

/** The signed-in actor for this request, loaded fresh from the database (once per request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.membershipId) return null;
  const actor = await loadActor(user.id, user.membershipId);
  if (actor) await applyReadFence(actor);
  return actor;
});

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
