// Who may do what with a story: the one home for the rules (role × relationship ×
// visibility × action). Pure. The data layer builds every query's scope from AUDIENCE below,
// and the access-matrix tests check that the two agree.
import type { Role, Visibility } from "./roles";

/** How the acting person stands to a story's author. */
export type Relationship = {
  sameOrg: boolean;
  isAuthor: boolean;
  /** The actor is the author's manager, or a manager above them in the reporting line. */
  managesAuthor: boolean;
  /** The actor's team is the author's team, or a team above it. */
  teamCovers: boolean;
};

export type StoryFacts = {
  visibility: Visibility;
  status: "DRAFT" | "PUBLISHED";
  deleted: boolean;
  /** The author's membership is deactivated, and the organisation hides such stories. */
  authorHidden: boolean;
};

export type StoryAction =
  | "read" // see the story, its evidence and comments; find it in search
  | "edit" // change, share, trash, erase
  | "comment"
  | "ask_next" // "what happened next?": a follow-up for the author
  | "confirm_figure" // confirm a realized-value figure
  | "record_reading" // a reviewer's own reading of cycles and indicators
  | "highlight"; // pick for leadership

/** Which relationships, besides the author, each visibility reaches. Cumulative by design. */
export const AUDIENCE: Record<Visibility, readonly ("manager" | "team" | "org")[]> = {
  PRIVATE: [],
  MANAGER: ["manager"],
  TEAM: ["manager", "team"],
  ORG: ["manager", "team", "org"],
};

/** Whether an active actor may read a story (the author always may, unless it is trashed). */
export function canRead(rel: Relationship, story: StoryFacts): boolean {
  if (!rel.sameOrg || story.deleted) return false;
  if (rel.isAuthor) return true;
  if (story.status !== "PUBLISHED" || story.authorHidden) return false;
  const audience = AUDIENCE[story.visibility];
  return (audience.includes("org") && rel.sameOrg) || (audience.includes("team") && rel.teamCovers) || (audience.includes("manager") && rel.managesAuthor);
}

export function can(actor: { role: Role }, rel: Relationship, story: StoryFacts, action: StoryAction): boolean {
  if (!canRead(rel, story)) return false;
  switch (action) {
    case "read":
    case "comment":
      return true;
    case "edit":
      return rel.isAuthor;
    case "ask_next":
    case "confirm_figure":
      return !rel.isAuthor && rel.managesAuthor;
    case "record_reading":
    case "highlight":
      return !rel.isAuthor && (rel.managesAuthor || actor.role === "LND");
  }
}
