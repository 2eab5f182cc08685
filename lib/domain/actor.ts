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
  /** The IANA time zone the person sees dates and times in; absent: UTC (see timeZoneOf). */
  timeZone?: string | undefined;
};

/** The zone to show the actor's dates in: theirs, else UTC. */
export function timeZoneOf(actor: Pick<Actor, "timeZone"> | null | undefined): string {
  return actor?.timeZone ?? "UTC";
}

/**
 * The authorization predicate for entry points open to anyone signed in, named so it can be
 * searched for. Predicates that need a capability are `allowedTo(…)` (lib/domain/access.ts).
 */
export const anySignedIn = (_actor: Actor): boolean => true;
