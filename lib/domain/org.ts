// Organisation structure rules: reporting lines, team trees, admins, invites. Pure.
import { can } from "./access";
import type { Role } from "./roles";

export const INVITE_LIFETIME_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Walks up a parent map from `start`; true when it reaches `target` (or loops). */
function reaches(start: string | null, target: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  let current = start;
  while (current) {
    if (current === target) return true;
    if (seen.has(current)) return true; // an existing loop: refuse to add to it
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return false;
}

/** True when making `newManagerId` the manager of `membershipId` would close a loop in the reporting line. */
export function wouldCreateReportingCycle(membershipId: string, newManagerId: string | null, managerOf: ReadonlyMap<string, string | null>): boolean {
  if (!newManagerId) return false;
  return reaches(newManagerId, membershipId, managerOf);
}

/** True when putting team `teamId` under `newParentId` would close a loop in the team tree. */
export function wouldCreateTeamCycle(teamId: string, newParentId: string | null, parentOf: ReadonlyMap<string, string | null>): boolean {
  if (!newParentId) return false;
  return reaches(newParentId, teamId, parentOf);
}

export type MemberRoleState = { id: string; role: Role; status: "ACTIVE" | "DEACTIVATED" };

/** True when `membershipId` is the only active admin (a role that can manage the organisation) among `members`. */
export function isLastActiveAdmin(membershipId: string, members: readonly MemberRoleState[]): boolean {
  const admins = members.filter((m) => can(m, "admin.manage") && m.status === "ACTIVE");
  return admins.length === 1 && admins[0]!.id === membershipId;
}

export function inviteExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITE_LIFETIME_DAYS * DAY_MS);
}

export type InviteState = "pending" | "accepted" | "revoked" | "expired";

export function inviteState(invite: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }, now: Date): InviteState {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** A stable key for a channel or indicator label: lower-case words joined by dashes. */
export function keyFromLabel(label: string): string {
  const base = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base || "item";
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Order as a tree: parents before children, siblings by name, with their depth. */
export function teamTree<T extends { id: string; name: string; parentId: string | null }>(teams: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(t);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const out: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const t of children.get(parent) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ ...t, depth });
      visit(t.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

// ---- Audit log in plain words -------------------------------------------------------------

export const AUDIT_CATEGORY_ACTIONS = {
  "sign-in": [
    "auth.sign_in",
    "auth.sign_in_failed",
    "auth.sign_in_blocked",
    "auth.sign_out",
    "auth.password_changed",
    "auth.sign_up",
    "auth.password_reset_requested",
    "auth.password_reset",
    "auth.password_reset_link_created",
  ],
  members: [
    "member.role_changed",
    "member.team_changed",
    "member.deactivated",
    "member.reactivated",
    "profile.changed",
    "profile.unsubscribed",
    "chat.linked",
    "chat.unlinked",
    "scim.user_created",
    "scim.user_updated",
    "scim.user_deleted",
    "api_token.created",
    "api_token.revoked",
  ],
  visibility: ["story.visibility_changed"],
  exports: ["export.created", "export.requested", "export.downloaded"],
  erasures: ["story.erased"],
  settings: ["settings.changed", "team.changed", "chat.connected", "chat.disconnected"],
  integrations: [
    "webhook.created",
    "webhook.changed",
    "webhook.deleted",
    "webhook.tested",
    "outbound.replayed",
    "lrs.connected",
    "lrs.disconnected",
    "scim.token_created",
    "scim.token_revoked",
  ],
  invites: ["invite.created", "invite.accepted", "invite.revoked"],
  review: ["review.asked_next", "review.figure_confirmed", "review.highlighted", "story.acknowledged"],
} as const satisfies Record<string, readonly string[]>;

export const AUDIT_CATEGORY_LABEL: Record<keyof typeof AUDIT_CATEGORY_ACTIONS, string> = {
  "sign-in": "Sign-in",
  members: "Roles, teams and people",
  visibility: "Story visibility",
  exports: "Exports",
  erasures: "Erasures",
  settings: "Settings and teams",
  integrations: "Integrations: webhooks, learning record store, provisioning",
  invites: "Invitations",
  review: "Reviews and thanks",
};

const ACTION_LABEL: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_blocked": "Sign-in blocked (too many attempts)",
  "auth.sign_out": "Signed out",
  "auth.password_changed": "Changed their password (other sessions ended)",
  "auth.sign_up": "Created the organisation",
  "auth.password_reset_requested": "Asked for a password reset link",
  "auth.password_reset": "Set a new password with a reset link (all sessions ended)",
  "auth.password_reset_link_created": "Password reset link created",
  "profile.changed": "Profile changed",
  "story.created": "Story created",
  "story.visibility_changed": "Story visibility changed",
  "story.erased": "Story erased",
  "member.role_changed": "Role changed",
  "member.team_changed": "Team or manager changed",
  "member.deactivated": "Person deactivated",
  "member.reactivated": "Person reactivated",
  "invite.created": "Invitation created",
  "invite.accepted": "Invitation accepted",
  "invite.revoked": "Invitation revoked",
  "settings.changed": "Settings changed",
  "team.changed": "Team changed",
  "export.created": "Export created",
  "export.requested": "Background export asked for",
  "export.downloaded": "Background export downloaded",
  "chat.connected": "Chat connected or changed (Slack, Teams)",
  "chat.disconnected": "Chat disconnected",
  "chat.linked": "Linked a chat account",
  "chat.unlinked": "Removed a chat account link",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "profile.unsubscribed": "Unsubscribed from a kind of e-mail",
  "review.asked_next": "Asked what happened next",
  "review.figure_confirmed": "Figure confirmed",
  "review.highlighted": "Picked for leadership (or unpicked)",
  "story.acknowledged": "Thanked the author",
  "scim.token_created": "Provisioning (SCIM) token made (a previous one revoked)",
  "scim.token_revoked": "Provisioning (SCIM) token revoked",
  "scim.user_created": "Person provisioned (SCIM)",
  "scim.user_updated": "Person's details changed by provisioning (SCIM)",
  "scim.user_deleted": "Person removed by provisioning (SCIM): deactivated",
  "story.cycle_added": "Added a cycle to a story",
  "webhook.created": "Webhook endpoint added",
  "webhook.changed": "Webhook endpoint changed",
  "webhook.deleted": "Webhook endpoint deleted",
  "webhook.tested": "Webhook test event sent",
  "outbound.replayed": "Delivery replayed (webhook or learning record store)",
  "lrs.connected": "Learning record store connected or changed",
  "lrs.disconnected": "Learning record store disconnected",
};

export function auditActionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

const VALUE_LABEL: Record<string, string> = {
  EMPLOYEE: "Employee",
  MANAGER: "Manager",
  LND: "L&D analyst",
  ADMIN: "Admin",
  PRIVATE: "Only me",
  TEAM: "Team",
  ORG: "Organisation",
  KEEP: "Keep visible",
  HIDE: "Hide",
  DRAFT: "Draft",
  PUBLISHED: "Published",
};

const FIELD_LABEL: Record<string, string> = {
  role: "Role",
  team: "Team",
  manager: "Manager",
  parent: "Parent team",
  name: "Name",
  label: "Name",
  visibility: "Visibility",
  defaultVisibility: "Default visibility",
  reflectionDay: "Reflection day",
  deactivatedStories: "Stories of deactivated people",
  status: "Status",
};

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The meta of an audit event as short sentences, e.g. "Role: Employee → Manager".
 * `names` turns ids (teams, people) into names; unknown ids read "(removed)".
 */
export function describeAuditMeta(meta: unknown, names: ReadonlyMap<string, string>): string[] {
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return [];
  const m = meta as Record<string, unknown>;
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "none";
    if (field === "reflectionDay" && typeof v === "number") return DAYS[v] ?? String(v);
    if (typeof v === "string") {
      if (field === "visibility" && v === "MANAGER") return "Manager";
      if (VALUE_LABEL[v]) return VALUE_LABEL[v]!;
      if (/^[0-9a-f-]{36}$/i.test(v)) return names.get(v) ?? "(removed)";
      return v;
    }
    return String(v);
  };
  const lines: string[] = [];
  if ("field" in m && "from" in m && "to" in m) {
    const field = String(m.field);
    lines.push(`${FIELD_LABEL[field] ?? field}: ${value(field, m.from)} → ${value(field, m.to)}`);
  } else if ("from" in m && "to" in m) {
    lines.push(`${value("visibility", m.from)} → ${value("visibility", m.to)}`);
  }
  if (Array.isArray(m.changes)) {
    for (const change of m.changes as { field?: unknown; from?: unknown; to?: unknown }[]) {
      const field = String(change?.field ?? "");
      lines.push(`${FIELD_LABEL[field] ?? field}: ${value(field, change?.from)} → ${value(field, change?.to)}`);
    }
  }
  if (typeof m.item === "string" && typeof m.change === "string") {
    const label = typeof m.label === "string" ? ` “${m.label}”` : "";
    lines.push(`${m.item[0]!.toUpperCase()}${m.item.slice(1)}${label} ${m.change}`);
  }
  if (typeof m.role === "string" && !("field" in m)) lines.push(`Role: ${value("role", m.role)}`);
  if (typeof m.teamId === "string") lines.push(`Team: ${value("team", m.teamId)}`);
  if (typeof m.managerId === "string") lines.push(`Manager: ${value("manager", m.managerId)}`);
  if (typeof m.status === "string" && typeof m.visibility === "string")
    lines.push(`${value("status", m.status)}, visible to ${value("visibility", m.visibility)}`);
  if (typeof m.via === "string") lines.push(`Via ${m.via === "oidc" ? "single sign-on" : m.via}`);
  if (typeof m.reason === "string") lines.push(`Reason: ${m.reason}`);
  return lines;
}
