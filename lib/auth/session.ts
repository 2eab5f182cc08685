import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { loadActor } from "@/lib/db/auth";
import type { Actor } from "@/lib/domain/actor";
import { authOptions } from "./options";

/** The signed-in actor for this request, loaded fresh from the database (once per request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.membershipId) return null;
  return loadActor(user.id, user.membershipId);
});

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
