// The acting person: who is signed in, in which organisation, with which role. Every data
// function takes the actor first and builds its scope from it.
import type { Role } from "./roles";

export type Actor = {
  userId: string;
  membershipId: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  teamId: string | null;
  managerId: string | null;
  name: string;
  email: string;
};

/** Authorization predicates for the action and route wrappers. Each is named so it can be searched for. */
export const anySignedIn = (_actor: Actor): boolean => true;
export const hasRole =
  (...roles: Role[]) =>
  (actor: Actor): boolean =>
    roles.includes(actor.role);
