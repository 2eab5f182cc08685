// Who may do what: the one home for the rules. Pure. Two tables, declared once as data:
//
// - AUDIENCE: which relationships to a story's author each visibility reaches. The pure
//   decision below (canRead), the Prisma filter of every story query and the SQL predicate the
//   reports embed (both in lib/db/access.ts) are all compiled from it, and a test checks on a real
//   database that the three agree on every relationship, visibility and status.
// - CAPABILITIES: what each role may do beyond its relationships to stories. Pages, routes,
//   actions and data functions ask `can(actor, "reports.export")`; none names a role.
import type { Role, Visibility } from "./roles";
import { ROLES } from "./roles";

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
  | "highlight" // pick for leadership
  | "acknowledge"; // a one-click thank-you to the author

/** A relationship to the author that a visibility can reach. */
export type Audience = "manager" | "team" | "org";

/** Which relationships, besides the author, each visibility reaches. Cumulative by design. */
export const AUDIENCE: Record<Visibility, readonly Audience[]> = {
  PRIVATE: [],
  MANAGER: ["manager"],
  TEAM: ["manager", "team"],
  ORG: ["manager", "team", "org"],
};

/**
 * What a role may do beyond its relationships to stories:
 * - `reports.organization`: reports (and exports) cover the whole organisation, by team;
 * - `reports.reporting_line`: reports cover the person and everyone reporting to them;
 *   without either, a person's reports are their own stories;
 * - `reports.export`: the CSV, XLSX, PDF and xAPI exports of what their reports show;
 * - `organization.export`: the whole organisation as a JSON archive;
 * - `admin.manage`: people, teams, invitations, settings and the audit log;
 * - `team.review`: the Team page (what their reports shared with them) in the navigation;
 * - `review.record_reading`, `review.highlight`: record a reading of, and pick for leadership,
 *   any story they may read (the author's managers may on their reports' stories anyway).
 */
export type Capability =
  | "reports.organization"
  | "reports.reporting_line"
  | "reports.export"
  | "organization.export"
  | "admin.manage"
  | "team.review"
  | "review.record_reading"
  | "review.highlight";

/** Each role's capabilities: the one place a role's powers are declared. */
export const CAPABILITIES: Record<Role, readonly Capability[]> = {
  EMPLOYEE: [],
  MANAGER: ["reports.reporting_line", "reports.export", "team.review"],
  LND: ["reports.organization", "reports.export", "review.record_reading", "review.highlight"],
  ADMIN: ["reports.organization", "reports.export", "organization.export", "admin.manage"],
};

/** Whether an active actor may read a story (the author always may, unless it is trashed). */
export function canRead(rel: Relationship, story: StoryFacts): boolean {
  if (!rel.sameOrg || story.deleted) return false;
  if (rel.isAuthor) return true;
  if (story.status !== "PUBLISHED" || story.authorHidden) return false;
  const audience = AUDIENCE[story.visibility];
  return (audience.includes("org") && rel.sameOrg) || (audience.includes("team") && rel.teamCovers) || (audience.includes("manager") && rel.managesAuthor);
}

/** Whether the actor's role carries a capability. */
export function can(actor: { role: Role }, capability: Capability): boolean;
/** Whether the actor may take an action on a story, standing as `rel` to its author. */
export function can(actor: { role: Role }, rel: Relationship, story: StoryFacts, action: StoryAction): boolean;
export function can(actor: { role: Role }, what: Capability | Relationship, story?: StoryFacts, action?: StoryAction): boolean {
  if (typeof what === "string") return CAPABILITIES[actor.role].includes(what);
  const rel = what;
  if (!story || !action || !canRead(rel, story)) return false;
  switch (action) {
    case "read":
    case "comment":
      return true;
    case "acknowledge":
      return !rel.isAuthor;
    case "edit":
      return rel.isAuthor;
    case "ask_next":
    case "confirm_figure":
      return !rel.isAuthor && rel.managesAuthor;
    case "record_reading":
      return !rel.isAuthor && (rel.managesAuthor || can(actor, "review.record_reading"));
    case "highlight":
      return !rel.isAuthor && (rel.managesAuthor || can(actor, "review.highlight"));
  }
}

/**
 * Whether a change of a story's status or visibility shares it with the author's manager: it
 * reaches them now (published, with a visibility whose audience includes "manager") and did
 * not before. The data layer then notifies the manager, if they may read it.
 */
export function sharesWithManager(
  before: { status: StoryFacts["status"]; visibility: Visibility },
  after: { status: StoryFacts["status"]; visibility: Visibility },
): boolean {
  const reaches = (s: { status: StoryFacts["status"]; visibility: Visibility }) => s.status === "PUBLISHED" && AUDIENCE[s.visibility].includes("manager");
  return reaches(after) && !reaches(before);
}

/** An `authorize` predicate for the action and route wrappers: the actor's role carries the capability. */
export const allowedTo =
  (capability: Capability) =>
  (actor: { role: Role }): boolean =>
    can(actor, capability);

/** The roles that carry a capability (for a query over memberships). */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((role) => CAPABILITIES[role].includes(capability));
}

/** Whose stories an actor's reports cover: the whole organisation, their reporting line and themselves, or their own. */
export type ReportScope = "organization" | "subtree" | "own";

export function reportScope(actor: { role: Role }): ReportScope {
  if (can(actor, "reports.organization")) return "organization";
  if (can(actor, "reports.reporting_line")) return "subtree";
  return "own";
}
