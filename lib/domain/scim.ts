// SCIM 2.0 (RFC 7643/7644) as Ripple speaks it, without the database: the filters identity
// providers send, read into a plain criteria object; PATCH operations (with Entra ID's and
// Okta's quirks) read into one change set; and the resources Ripple answers with. The data
// layer (lib/db/scim.ts) applies the criteria and changes; lib/server/scim.ts speaks HTTP.
import { parse, type Filter } from "scim2-parse-filter";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const SCHEMA = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/** The most resources one list answer holds (`count` above it is lowered to it, RFC 7644 §3.4.2.4). */
export const SCIM_MAX_RESULTS = 200;

export type ScimType = "invalidFilter" | "invalidValue" | "invalidSyntax" | "invalidPath" | "noTarget" | "uniqueness" | "mutability" | "tooMany";

/** A failure SCIM names: answered as `urn:ietf:params:scim:api:messages:2.0:Error`. */
export class ScimError extends Error {
  constructor(
    public readonly status: number,
    detail: string,
    public readonly scimType?: ScimType,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

/** The body of a SCIM error: `status` is a string, as RFC 7644 §3.12 writes it. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [SCHEMA.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

// ---- Filters ---------------------------------------------------------------------------------

/** What a user filter may ask: each an equality, all of them at once ("and"). */
export type UserCriteria = { id?: string; userName?: string; externalId?: string; email?: string };
export type GroupCriteria = { id?: string; displayName?: string; externalId?: string };
/** `none`: the filter asked two different values of one attribute, so nothing matches. */
export type Criteria<C> = { where: C; none: boolean };

const USER_ATTRS: Record<string, keyof UserCriteria> = {
  id: "id",
  username: "userName",
  externalid: "externalId",
  "emails.value": "email",
  emails: "email",
};
const GROUP_ATTRS: Record<string, keyof GroupCriteria> = { id: "id", displayname: "displayName", externalid: "externalId" };

/** An attribute path without its schema URN, lower-cased: "urn:…:User:userName" → "username" (attribute names are case-insensitive). */
function attrName(path: string): string {
  const lower = path.toLowerCase();
  for (const urn of [SCHEMA.user, SCHEMA.group, SCHEMA.enterprise]) {
    const prefix = `${urn.toLowerCase()}:`;
    if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  }
  return lower;
}

const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");

/**
 * Reads a `filter` query parameter (RFC 7644 §3.4.2.2) into equality criteria. Ripple answers the
 * filters Entra ID and Okta send: `eq` on userName, externalId, id and the work e-mail
 * (`emails[type eq "work"].value eq "…"`, `emails.value eq "…"`) for users, on displayName,
 * externalId and id for groups, joined by `and`. Anything else is `invalidFilter` (400).
 */
export function parseScimFilter(resource: "User", filter: string): Criteria<UserCriteria>;
export function parseScimFilter(resource: "Group", filter: string): Criteria<GroupCriteria>;
export function parseScimFilter(resource: "User" | "Group", filter: string): Criteria<UserCriteria | GroupCriteria> {
  let ast: Filter;
  try {
    ast = parse(filter);
  } catch {
    throw invalidFilter("The filter is not a valid SCIM filter.");
  }
  const attrs: Record<string, string> = resource === "User" ? USER_ATTRS : GROUP_ATTRS;
  const where: Record<string, string> = {};
  let none = false;
  const set = (key: string, value: string) => {
    if (key in where && !sameValue(key, where[key]!, value)) none = true;
    where[key] = value;
  };
  const visit = (f: Filter, within?: string): void => {
    if (f.op === "and") return (f as { filters: Filter[] }).filters.forEach((g) => visit(g, within));
    if (f.op === "[]") {
      const vp = f as { attrPath: string; valFilter: Filter };
      if (resource !== "User" || attrName(vp.attrPath) !== "emails" || within) throw invalidFilter(`Ripple cannot filter on ${vp.attrPath}[…].`);
      return visit(vp.valFilter, "emails");
    }
    if (f.op !== "eq") throw invalidFilter(`Ripple filters with "eq" and "and" only, not "${f.op}".`);
    const cmp = f as { attrPath: string; compValue: unknown };
    const name = within ? `${within}.${attrName(cmp.attrPath)}` : attrName(cmp.attrPath);
    if (typeof cmp.compValue !== "string") throw invalidFilter(`Compare ${cmp.attrPath} with a string.`);
    // Ripple keeps one e-mail per person, its work address: emails[type eq "work"] is every one of them.
    if (name === "emails.type") {
      if (cmp.compValue.toLowerCase() !== "work") none = true;
      return;
    }
    const key = attrs[name];
    if (!key) throw invalidFilter(`Ripple cannot filter on ${cmp.attrPath}.`);
    set(key, cmp.compValue);
  };
  visit(ast);
  return { where, none };
}

/** userName, e-mails and display names compare without case (RFC 7643 caseExact false); ids and externalId exactly. */
function sameValue(key: string, a: string, b: string): boolean {
  return key === "externalId" || key === "id" ? a === b : a.toLowerCase() === b.toLowerCase();
}

// ---- PATCH -----------------------------------------------------------------------------------

/** One PATCH operation as received: `op` in any case (Entra sends "Replace", "Add"). */
export type PatchOperation = { op: string; path?: string | undefined; value?: unknown };

/** What a PATCH of a user changes; `undefined`: unchanged, `null`: cleared. */
export type UserChanges = {
  userName?: string;
  displayName?: string;
  givenName?: string | null;
  familyName?: string | null;
  formattedName?: string;
  email?: string;
  externalId?: string | null;
  active?: boolean;
  /** The manager's SCIM id (or externalId); null: no manager. */
  manager?: string | null;
  /** The team's name; null: no team. */
  department?: string | null;
};

/** A SCIM boolean as Entra ID sends it too: true, false, "True", "False". */
export function scimBoolean(value: unknown, path = "active"): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw new ScimError(400, `${path} must be true or false.`, "invalidValue");
}

function scimString(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  throw new ScimError(400, `${path} must be a string.`, "invalidValue");
}

/** The manager's id from `"…"` (Entra's PATCH) or `{ value: "…" }` (RFC 7643); "" or no value: none. */
function managerValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "object" && !Array.isArray(value)) {
    const v = (value as { value?: unknown }).value;
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "string") return v;
  }
  throw new ScimError(400, "manager must be an id, or an object with a value.", "invalidValue");
}

function opName(op: string): "add" | "replace" | "remove" {
  const name = op.toLowerCase();
  if (name === "add" || name === "replace" || name === "remove") return name;
  throw new ScimError(400, `"${op}" is not a PATCH operation (add, replace or remove).`, "invalidSyntax");
}

/** Applies one attribute of a user (path already lower-cased and without the core URN) to the change set. */
function applyUserAttribute(changes: UserChanges, path: string, value: unknown, remove: boolean): void {
  switch (path) {
    case "username":
      if (remove) throw new ScimError(400, "userName cannot be removed.", "mutability");
      changes.userName = scimString(value, "userName");
      return;
    case "displayname":
      if (!remove) changes.displayName = scimString(value, "displayName");
      return;
    case "name.givenname":
      changes.givenName = remove ? null : scimString(value, "name.givenName");
      return;
    case "name.familyname":
      changes.familyName = remove ? null : scimString(value, "name.familyName");
      return;
    case "name.formatted":
      if (!remove) changes.formattedName = scimString(value, "name.formatted");
      return;
    case "name":
      if (!remove && value && typeof value === "object") {
        for (const [k, v] of Object.entries(value))
          if (["givenname", "familyname", "formatted"].includes(k.toLowerCase())) applyUserAttribute(changes, `name.${k.toLowerCase()}`, v, false);
      }
      return;
    case "externalid":
      changes.externalId = remove ? null : scimString(value, "externalId");
      return;
    case "active":
      if (remove) throw new ScimError(400, "active cannot be removed.", "mutability");
      changes.active = scimBoolean(value);
      return;
    case 'emails[type eq "work"].value':
    case "emails.value":
      if (!remove) changes.email = scimString(value, "emails.value");
      return;
    case "emails":
      if (!remove && Array.isArray(value)) {
        const work =
          value.find((e) => e && typeof e === "object" && (e as { type?: unknown }).type === "work") ??
          value.find((e) => (e as { primary?: unknown })?.primary === true) ??
          value[0];
        if (work && typeof work === "object") changes.email = scimString((work as { value?: unknown }).value, "emails.value");
      }
      return;
    case `${SCHEMA.enterprise.toLowerCase()}:manager`:
    case `${SCHEMA.enterprise.toLowerCase()}:manager.value`:
      changes.manager = remove ? null : managerValue(value);
      return;
    case `${SCHEMA.enterprise.toLowerCase()}:department`: {
      const name = remove || value === null || value === "" ? null : scimString(value, "department");
      changes.department = name;
      return;
    }
    case SCHEMA.enterprise.toLowerCase():
      if (!remove && value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) applyUserAttribute(changes, `${SCHEMA.enterprise.toLowerCase()}:${k.toLowerCase()}`, v, false);
      }
      return;
    default:
      // Attributes Ripple does not keep (title, phoneNumbers, addresses, roles…) are accepted and
      // ignored, as Entra ID sends them whatever the mapping: refusing them would stop provisioning.
      return;
  }
}

/** The path of an attribute, lower-cased, without the core schema's URN (the enterprise URN stays: it names the extension). */
function normalisePath(path: string): string {
  const lower = path
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/"\s*work\s*"/, '"work"');
  for (const urn of [SCHEMA.user]) if (lower.startsWith(`${urn.toLowerCase()}:`)) return lower.slice(urn.length + 1);
  return lower;
}

/**
 * Reads PATCH operations on a user (RFC 7644 §3.5.2) into one change set: ops in any case, a path
 * or a path-less object of attributes (`{ "op": "replace", "value": { "active": false } }`),
 * booleans as strings ("False"), the manager as a string or `{ value }`.
 */
export function userPatchChanges(operations: readonly PatchOperation[]): UserChanges {
  const changes: UserChanges = {};
  for (const operation of operations) {
    const op = opName(operation.op);
    if (operation.path) {
      applyUserAttribute(changes, normalisePath(operation.path), operation.value, op === "remove");
    } else {
      if (op === "remove") throw new ScimError(400, "A remove needs a path.", "noTarget");
      if (!operation.value || typeof operation.value !== "object" || Array.isArray(operation.value)) {
        throw new ScimError(400, "An operation without a path needs an object of attributes as its value.", "invalidSyntax");
      }
      for (const [key, value] of Object.entries(operation.value)) applyUserAttribute(changes, normalisePath(key), value, false);
    }
  }
  return changes;
}

/** What a PATCH of a group changes. */
export type GroupChanges = { displayName?: string; externalId?: string | null; add: string[]; remove: string[]; replaceMembers?: string[] };

function memberIds(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m) => {
    const id = m && typeof m === "object" ? (m as { value?: unknown }).value : m;
    if (typeof id !== "string") throw new ScimError(400, "Each member needs a value: the person's id.", "invalidValue");
    return id;
  });
}

/**
 * Reads PATCH operations on a group: displayName and externalId; members added, removed (by a
 * value list, as Entra ID sends, or by a `members[value eq "…"]` path, as Okta sends) or replaced.
 */
export function groupPatchChanges(operations: readonly PatchOperation[]): GroupChanges {
  const changes: GroupChanges = { add: [], remove: [] };
  const attribute = (path: string, value: unknown, op: "add" | "replace" | "remove") => {
    if (path === "displayname") {
      if (op === "remove") throw new ScimError(400, "displayName cannot be removed.", "mutability");
      changes.displayName = scimString(value, "displayName");
    } else if (path === "externalid") {
      changes.externalId = op === "remove" ? null : scimString(value, "externalId");
    } else if (path === "members") {
      if (op === "add") changes.add.push(...memberIds(value));
      else if (op === "remove") {
        if (value === undefined) changes.replaceMembers = [];
        else changes.remove.push(...memberIds(value));
      } else changes.replaceMembers = memberIds(value);
    } else if (path !== "id") {
      const member = /^members\[value eq "([^"]+)"\]$/.exec(path);
      if (member && op === "remove") changes.remove.push(member[1]!);
      else throw new ScimError(400, `Ripple cannot change ${path} of a group.`, "invalidPath");
    }
  };
  for (const operation of operations) {
    const op = opName(operation.op);
    if (operation.path) {
      const raw = operation.path.trim();
      // Member ids are case-sensitive: keep the filter's value as sent.
      const member = /^members\s*\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(raw);
      attribute(member ? `members[value eq "${member[1]}"]` : raw.toLowerCase().replace(`${SCHEMA.group.toLowerCase()}:`, ""), operation.value, op);
    } else {
      if (op === "remove" || !operation.value || typeof operation.value !== "object" || Array.isArray(operation.value)) {
        throw new ScimError(400, "An operation without a path needs an object of attributes as its value.", "invalidSyntax");
      }
      for (const [key, value] of Object.entries(operation.value)) attribute(key.toLowerCase(), value, op);
    }
  }
  return changes;
}

// ---- Names -----------------------------------------------------------------------------------

/** The one name Ripple keeps for a person, from what SCIM gives: displayName, else given + family name, else name.formatted, else the e-mail's local part. */
export function personName(input: {
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  formatted?: string | null;
  userName: string;
}): string {
  const joined = [input.givenName, input.familyName].filter((p) => p && p.trim()).join(" ");
  return (input.displayName?.trim() || joined.trim() || input.formatted?.trim() || input.userName.split("@")[0] || input.userName).slice(0, 100);
}

// ---- Resources -------------------------------------------------------------------------------

export type ScimPerson = {
  id: string;
  email: string;
  name: string;
  active: boolean;
  externalId: string | null;
  teamName: string | null;
  managerId: string | null;
  managerName: string | null;
  created: Date;
  lastModified: Date;
};

export function userResource(p: ScimPerson, base: string) {
  const enterprise: Record<string, unknown> = {};
  if (p.teamName) enterprise.department = p.teamName;
  if (p.managerId) enterprise.manager = { value: p.managerId, $ref: `${base}/Users/${p.managerId}`, ...(p.managerName ? { displayName: p.managerName } : {}) };
  return {
    schemas: [SCHEMA.user, SCHEMA.enterprise],
    id: p.id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: p.email,
    name: { formatted: p.name },
    displayName: p.name,
    emails: [{ value: p.email, type: "work", primary: true }],
    active: p.active,
    [SCHEMA.enterprise]: enterprise,
    meta: { resourceType: "User", created: p.created.toISOString(), lastModified: p.lastModified.toISOString(), location: `${base}/Users/${p.id}` },
  };
}

export type ScimTeam = { id: string; name: string; externalId: string | null; created: Date; members: { id: string; name: string }[] };

export function groupResource(t: ScimTeam, base: string, withMembers = true) {
  return {
    schemas: [SCHEMA.group],
    id: t.id,
    ...(t.externalId ? { externalId: t.externalId } : {}),
    displayName: t.name,
    ...(withMembers ? { members: t.members.map((m) => ({ value: m.id, display: m.name, $ref: `${base}/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: t.created.toISOString(), lastModified: t.created.toISOString(), location: `${base}/Groups/${t.id}` },
  };
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [SCHEMA.list], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
