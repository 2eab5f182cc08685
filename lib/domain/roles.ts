// Roles and the capabilities they carry. Pure: the access rules that involve stories and
// relationships live in lib/domain/access.ts.
export const ROLES = ["EMPLOYEE", "MANAGER", "LND", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  EMPLOYEE: "Employee",
  MANAGER: "Manager",
  LND: "L&D analyst",
  ADMIN: "Admin",
};

export const VISIBILITIES = ["PRIVATE", "MANAGER", "TEAM", "ORG"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const VISIBILITY_LABEL: Record<Visibility, string> = {
  PRIVATE: "Only me",
  MANAGER: "My manager",
  TEAM: "My team",
  ORG: "My organisation",
};

export const VISIBILITY_HINT: Record<Visibility, string> = {
  PRIVATE: "Nobody else sees it. It only counts, anonymously, in totals.",
  MANAGER: "You, your manager and the managers above them.",
  TEAM: "Everyone in your team.",
  ORG: "Everyone in your organisation.",
};

/**
 * Who a story is (or, as a draft, will be) shared with, as a phrase after "Shared with":
 * the author reads "your team"; anyone else reads "Ava's team" (`author` is a first name).
 */
export function audiencePhrase(visibility: Visibility, author: string | null): string {
  switch (visibility) {
    case "PRIVATE":
      return author === null ? "only you" : `only ${author}`;
    case "MANAGER":
      return author === null ? "your manager" : `${author}'s managers`;
    case "TEAM":
      return author === null ? "your team" : `${author}'s team`;
    case "ORG":
      return author === null ? "your organisation" : "the organisation";
  }
}
