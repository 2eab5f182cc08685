// The signed-in person, as the tests' only stand-in for next-auth. A test file replaces the
// session module with this one and says who is signed in:
//
//   vi.mock("@/lib/auth/session", () => import("../support/session"));
//   import { session } from "../support/session";
//   session.actor = someone; // null: signed out
//
// (vi.mock is hoisted above the imports, so the app's modules see this one.)
import type { Actor } from "@/lib/domain/actor";

export const session = { actor: null as Actor | null };

export async function getActor(): Promise<Actor | null> {
  return session.actor;
}

export async function requireActor(): Promise<Actor | null> {
  return session.actor;
}

/** No server-side session behind the stand-in (a password change then keeps none open). */
export async function getSessionId(): Promise<string | null> {
  return null;
}
