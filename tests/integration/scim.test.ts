// SCIM 2.0 provisioning, through the route handlers of /scim/v2 with a real database: the
// sequence Microsoft Entra ID runs (its payloads as Entra sends them: "Replace" and "Add" ops,
// "False" as a string, the manager as a bare id, `excludedAttributes=members`), then Okta's, the
// token's wall (none, wrong, revoked, another organisation's) and SCIM's error format. The test
// prints the sequence's steps and statuses (the closing note of issue 14).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as groupItem from "@/app/scim/v2/Groups/[id]/route";
import * as groups from "@/app/scim/v2/Groups/route";
import * as resourceTypes from "@/app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/scim/v2/Schemas/route";
import * as serviceProviderConfig from "@/app/scim/v2/ServiceProviderConfig/route";
import * as userItem from "@/app/scim/v2/Users/[id]/route";
import * as users from "@/app/scim/v2/Users/route";
import { findMembershipForEmail } from "@/lib/db/auth";
import { listAuditEvents } from "@/lib/db/admin";
import { getDatabase } from "@/lib/db/registry";
import { issueScimToken, revokeScimToken, getScimTokenStatus } from "@/lib/db/scim";
import { createSession, loadSessionActor } from "@/lib/db/sessions";
import type { Actor } from "@/lib/domain/actor";
import { now } from "@/lib/platform/clock";
import { makeMember, makeOrganization, makeTeam, uniqueEmail } from "../factories";
import { hostileString, hostileValue } from "../support/hostile";

const db = () => getDatabase().prisma;
const BASE = "http://localhost:3000/scim/v2";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The route module and params a path names, as Next.js's router would pick them. */
function routeFor(path: string): { mod: Record<string, unknown>; params: Record<string, string> } {
  const [, resource, id] = path.split("?")[0]!.split("/");
  if (resource === "Users") return id ? { mod: userItem, params: { id: decodeURIComponent(id) } } : { mod: users, params: {} };
  if (resource === "Groups") return id ? { mod: groupItem, params: { id: decodeURIComponent(id) } } : { mod: groups, params: {} };
  if (resource === "ServiceProviderConfig") return { mod: serviceProviderConfig, params: {} };
  if (resource === "ResourceTypes") return { mod: resourceTypes, params: {} };
  if (resource === "Schemas") return { mod: schemasRoute, params: {} };
  throw new Error(`no route for ${path}`);
}

type Answer = { status: number; type: string | null; body: Record<string, unknown> & { Resources?: Record<string, unknown>[] } };

async function scim(token: string | null, method: Method, path: string, body?: unknown): Promise<Answer> {
  const { mod, params } = routeFor(path);
  const handler = mod[method] as Handler;
  const headers: Record<string, string> = { "Content-Type": "application/scim+json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await handler(
    new Request(`${BASE}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) }),
    { params: Promise.resolve(params) },
  );
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? (JSON.parse(text) as Answer["body"]) : {} };
}

const steps: { step: string; request: string; status: number; result: string }[] = [];
async function step(name: string, token: string, method: Method, path: string, body?: unknown): Promise<Answer> {
  const answer = await scim(token, method, path, body);
  const r = answer.body;
  const result =
    answer.status >= 400
      ? `${String(r.scimType ?? "")} ${String(r.detail ?? "")}`.trim()
      : r.Resources
        ? `totalResults ${String(r.totalResults)}`
        : r.userName
          ? `${String(r.userName)} active=${String(r.active)}`
          : r.displayName
            ? `${String(r.displayName)} (${(r.members as unknown[] | undefined)?.length ?? 0} members)`
            : "";
  steps.push({ step: name, request: `${method} ${path.split("?")[0]}${path.includes("filter=") ? " ?filter" : ""}`, status: answer.status, result });
  return answer;
}

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const q = (filter: string) => `?filter=${encodeURIComponent(filter)}`;

let admin: Actor;
let organizationId: string;
let token: string;
let otherToken: string;
let otherOrgPerson: Actor;

beforeAll(async () => {
  ({ admin, organizationId } = await makeOrganization("Provisioned Inc"));
  token = (await issueScimToken(admin)).token;
  const other = await makeOrganization("Elsewhere GmbH");
  otherToken = (await issueScimToken(other.admin)).token;
  otherOrgPerson = await makeMember(other.organizationId, { name: "Outsider Olga" });
});

afterAll(() => {
  if (steps.length)
    console.log(`SCIM provisioning sequence:\n${steps.map((s) => `  ${s.status}  ${s.request.padEnd(34)} ${s.step.padEnd(44)} ${s.result}`).join("\n")}`);
});

describe("an Entra ID provisioning sequence", () => {
  const email = uniqueEmail("entra");
  const managerEmail = uniqueEmail("entra-manager");
  let userId = "";
  let managerId = "";
  let groupId = "";

  it("reads the service provider's configuration, resource types and schemas", async () => {
    const config = await step("discovery: ServiceProviderConfig", token, "GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.type).toBe("application/scim+json");
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect((await scim(token, "GET", "/ResourceTypes")).body.Resources!.map((r) => r.id)).toEqual(["User", "Group"]);
    expect((await scim(token, "GET", "/Schemas")).body.totalResults).toBe(3);
  });

  it("looks the person up first (not there: an empty list), then creates them as Entra sends it", async () => {
    const none = await step("filter userName eq (not there yet)", token, "GET", `/Users${q(`userName eq "${email}"`)}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, Resources: [] });

    const manager = await step("create the manager", token, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      externalId: "entra-manager-object-id",
      userName: managerEmail,
      active: true,
      displayName: "Mona Manager",
      emails: [{ primary: true, type: "work", value: managerEmail }],
      meta: { resourceType: "User" },
      name: { formatted: "Mona Manager", familyName: "Manager", givenName: "Mona" },
      roles: [],
    });
    expect(manager.status).toBe(201);
    managerId = String(manager.body.id);

    const created = await step("create the person (Entra's POST)", token, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: email.toUpperCase(),
      active: true,
      emails: [{ primary: true, type: "work", value: email }],
      meta: { resourceType: "User" },
      name: { formatted: "Pat Provisioned", familyName: "Provisioned", givenName: "Pat" },
      roles: [],
      [ENTERPRISE]: { department: "Field Engineering" },
    });
    expect(created.status).toBe(201);
    expect(created.type).toBe("application/scim+json");
    userId = String(created.body.id);
    expect(created.body).toMatchObject({
      userName: email,
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      active: true,
      displayName: "Pat Provisioned",
      emails: [{ value: email, type: "work", primary: true }],
      [ENTERPRISE]: { department: "Field Engineering" },
      meta: { resourceType: "User", location: `${BASE}/Users/${userId}` },
    });
    const m = await db().membership.findFirstOrThrow({
      where: { organizationId, id: userId },
      select: { status: true, role: true, team: { select: { name: true } }, user: { select: { name: true, passwordHash: true } } },
    });
    expect(m).toMatchObject({ status: "ACTIVE", role: "EMPLOYEE", team: { name: "Field Engineering" }, user: { name: "Pat Provisioned", passwordHash: null } });

    const again = await step("create again: conflict", token, "POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "409", scimType: "uniqueness" });
  });

  it("finds them by the filters Entra and Okta send", async () => {
    const byName = await step("filter userName eq", token, "GET", `/Users${q(`userName eq "${email}"`)}`);
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources![0]).toMatchObject({ id: userId });
    expect((await scim(token, "GET", `/Users${q(`externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"`)}`)).body.totalResults).toBe(1);
    expect((await scim(token, "GET", `/Users${q(`emails[type eq "work"].value eq "${email.toUpperCase()}"`)}`)).body.totalResults).toBe(1);
    expect((await scim(token, "GET", `/Users${q(`USERNAME EQ "${email}" and externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"`)}`)).body.totalResults).toBe(
      1,
    );
    expect((await scim(token, "GET", `/Users${q(`userName eq "${email}" and externalId eq "someone-else"`)}`)).body.totalResults).toBe(0);
    const bad = await step("unsupported filter (co): 400", token, "GET", `/Users${q(`userName co "entra"`)}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
    expect((await scim(token, "GET", `/Users${q(`userName eq`)}`)).body).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });

  it('sets the manager with Entra\'s PATCH (a bare id, op "Add")', async () => {
    const patched = await step("PATCH manager", token, "PATCH", `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: `${ENTERPRISE}:manager`, value: managerId }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body[ENTERPRISE]).toMatchObject({ manager: { value: managerId, displayName: "Mona Manager" } });
    expect(await db().membership.findFirst({ where: { organizationId, id: userId }, select: { managerId: true } })).toEqual({ managerId });
    // Entra's other attribute updates, capitalised ops and a filtered path.
    const renamed = await scim(token, "PATCH", `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "displayName", value: "Pat P. Provisioned" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: email },
        { op: "Add", path: "title", value: "Engineer" },
      ],
    });
    expect(renamed.body).toMatchObject({ displayName: "Pat P. Provisioned", userName: email });
    // One part of the name alone cannot rebuild Ripple's one name: it stays.
    const family = await scim(token, "PATCH", `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "name.familyName", value: "Other" }],
    });
    expect(family.body.displayName).toBe("Pat P. Provisioned");
    // A PUT that does not name the manager, the team or active leaves them as they are.
    const put = await scim(token, "PUT", `/Users/${userId}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: email,
      displayName: "Pat P. Provisioned",
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      active: true,
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      [ENTERPRISE]: { manager: { value: managerId }, department: "Field Engineering" },
    });
  });

  it('deactivates them with "active": "False" (a string): they cannot sign in and their sessions end', async () => {
    const membership = await db().membership.findFirstOrThrow({ where: { organizationId, id: userId }, select: { userId: true } });
    const sessionId = await db().$transaction((tx) => createSession(tx, { userId: membership.userId, membershipId: userId, organizationId }, now()));
    expect(await loadSessionActor({ sessionId, userId: membership.userId, membershipId: userId, organizationId })).not.toBeNull();
    expect(await findMembershipForEmail(email)).not.toBeNull();

    const off = await step('PATCH active "False"', token, "PATCH", `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await findMembershipForEmail(email)).toBeNull();
    expect(await loadSessionActor({ sessionId, userId: membership.userId, membershipId: userId, organizationId })).toBeNull();
    const session = await db().session.findFirstOrThrow({ where: { organizationId, id: sessionId } });
    expect(session.revokedAt).not.toBeNull();
    // Admin › People's own deactivation ran: the same audit event, by the token.
    const audit = await listAuditEvents(admin, { category: "members" });
    expect(audit.events.find((e) => e.action === "member.deactivated" && e.targetName === "Pat P. Provisioned")).toMatchObject({
      actorName: null,
      subject: expect.stringContaining("SCIM provisioning"),
    });
  });

  it("re-activates them (a path-less value object, as Okta and Entra send it)", async () => {
    const on = await step("PATCH active true (path-less)", token, "PATCH", `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    expect(await findMembershipForEmail(email)).toMatchObject({ membershipId: userId });
  });

  it("creates a group, adds and removes a member, finds it by displayName", async () => {
    const created = await step("create group", token, "POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Incident Response",
      members: [],
    });
    expect(created.status).toBe(201);
    groupId = String(created.body.id);
    const found = await step("filter displayName eq", token, "GET", `/Groups${q(`displayName eq "incident response"`)}&excludedAttributes=members`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources![0]).not.toHaveProperty("members");

    const added = await step("PATCH group: add member", token, "PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ value: userId }] }],
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([expect.objectContaining({ value: userId })]);
    expect(await db().membership.findFirst({ where: { organizationId, id: userId }, select: { teamId: true } })).toEqual({ teamId: groupId });

    const removed = await step("PATCH group: remove member", token, "PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Remove", path: "members", value: [{ value: userId }] }],
    });
    expect(removed.body.members).toEqual([]);
    expect(await db().membership.findFirst({ where: { organizationId, id: userId }, select: { teamId: true } })).toEqual({ teamId: null });

    const renamed = await step("PATCH group: rename (path-less)", token, "PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", value: { id: groupId, displayName: "Incident Response EMEA" } }],
    });
    expect(renamed.body.displayName).toBe("Incident Response EMEA");
    const gone = await step("delete group", token, "DELETE", `/Groups/${groupId}`);
    expect(gone.status).toBe(204);
    expect((await scim(token, "GET", `/Groups/${groupId}`)).status).toBe(404);
  });

  it("deletes the person: deactivated, and SCIM no longer finds them", async () => {
    const deleted = await step("delete user", token, "DELETE", `/Users/${userId}`);
    expect(deleted.status).toBe(204);
    const after = await step("GET deleted user: 404", token, "GET", `/Users/${userId}`);
    expect(after.status).toBe(404);
    expect(after.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
    expect((await scim(token, "GET", `/Users${q(`userName eq "${email}"`)}`)).body.totalResults).toBe(0);
    expect(await db().membership.findFirst({ where: { organizationId, id: userId }, select: { status: true } })).toEqual({ status: "DEACTIVATED" });
    // Provisioned again later: the same membership comes back.
    const back = await scim(token, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: email,
      externalId: "returned",
      active: true,
    });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ id: userId, active: true, externalId: "returned" });
  });

  it("audited every write, as the token", async () => {
    const audit = await listAuditEvents(admin);
    const actions = audit.events.filter((e) => e.subject?.includes("SCIM provisioning")).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "scim.user_created",
        "scim.user_updated",
        "member.team_changed",
        "member.deactivated",
        "member.reactivated",
        "team.changed",
        "scim.user_deleted",
      ]),
    );
  });
});

describe("an Okta provisioning sequence", () => {
  it("creates, finds, updates with a path-less replace, deactivates, and manages group members by a filtered path", async () => {
    const email = uniqueEmail("okta");
    const none = await step("Okta: filter userName eq (none)", token, "GET", `/Users${q(`userName eq "${email}"`)}&startIndex=1&count=100`);
    expect(none.body).toMatchObject({ totalResults: 0, startIndex: 1 });
    const created = await step("Okta: create", token, "POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: email,
      name: { givenName: "Olu", familyName: "Okta" },
      emails: [{ primary: true, value: email, type: "work" }],
      displayName: "Olu Okta",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "never-stored-1!",
      active: true,
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const put = await step("Okta: PUT (full replace)", token, "PUT", `/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id,
      userName: email,
      name: { givenName: "Olu", familyName: "Okta-Smith" },
      emails: [{ primary: true, value: email, type: "work" }],
      active: true,
    });
    expect(put.body).toMatchObject({ displayName: "Olu Okta-Smith" });
    const off = await step("Okta: PATCH path-less active false", token, "PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(off.body.active).toBe(false);
    expect(await findMembershipForEmail(email)).toBeNull();

    const team = await step("Okta: create group with a member", token, "POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Okta Pushed Group",
      members: [{ value: id, display: email }],
    });
    expect(team.body.members).toEqual([expect.objectContaining({ value: id })]);
    const removed = await step("Okta: remove members[value eq]", token, "PATCH", `/Groups/${String(team.body.id)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "remove", path: `members[value eq "${id}"]` }],
    });
    expect(removed.body.members).toEqual([]);
  });
});

describe("names that are LIKE patterns", () => {
  it('a group or department named by a lone backslash, "%" or "_" is a plain name: found, created, never a 500', async () => {
    for (const name of ["\\", "50%", "a_b"]) {
      const made = await scim(token, "POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: name });
      expect(made.status, name).toBe(201);
      // The filter parser reads no escaped backslash (400 invalidFilter); the others are found in any case.
      const found = await scim(token, "GET", `/Groups${q(`displayName eq ${JSON.stringify(name.toUpperCase())}`)}`);
      expect([200, 400], name).toContain(found.status);
      if (found.status === 200) expect((found.body as { totalResults: number }).totalResults, name).toBe(1);
      const person = await scim(token, "POST", "/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        userName: `like-${name.charCodeAt(0)}@scim.ripple.test`,
        name: { givenName: "Like", familyName: "Pattern" },
        active: true,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: name.toUpperCase() },
      });
      expect(person.status, name).toBe(201);
    }
    expect(await db().team.count({ where: { organizationId, name: { in: ["\\", "50%", "a_b"] } } })).toBe(3);
  });
});

describe("the token is the wall", () => {
  it("answers no token, a wrong token and a revoked token with 401 in SCIM's format", async () => {
    for (const t of [null, "rscim_not-a-real-token", "Basic abc"]) {
      const r = await scim(t, "GET", "/Users");
      expect(r.status).toBe(401);
      expect(r.type).toBe("application/scim+json");
      expect(r.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401", detail: expect.any(String) });
    }
    const { admin: a } = await makeOrganization("Rotating Ltd");
    const first = (await issueScimToken(a)).token;
    expect((await scim(first, "GET", "/Users")).status).toBe(200);
    expect(await getScimTokenStatus(a)).toMatchObject({ prefix: first.slice(0, 12), lastUsedAt: expect.any(Date) });
    const second = (await issueScimToken(a)).token;
    expect((await scim(first, "GET", "/Users")).status).toBe(401);
    expect((await scim(second, "GET", "/Users")).status).toBe(200);
    await revokeScimToken(a);
    expect((await scim(second, "GET", "/Users")).status).toBe(401);
    expect(await getScimTokenStatus(a)).toBeNull();
    // Only the hash is stored.
    const rows = await db().scimToken.findMany({ where: { organizationId: a.organizationId } });
    expect(JSON.stringify(rows)).not.toContain(second);
  });

  it("another organisation's token sees and touches none of ours", async () => {
    const ours = await makeMember(organizationId, { name: "Inside Ivan" });
    const team = await makeTeam(organizationId, "Our Own Team");
    const list = await scim(otherToken, "GET", "/Users?count=200");
    const ids = list.body.Resources!.map((r) => r.id);
    expect(ids).toContain(otherOrgPerson.membershipId);
    expect(ids).not.toContain(ours.membershipId);
    expect((await scim(otherToken, "GET", `/Users${q(`userName eq "${ours.email}"`)}`)).body.totalResults).toBe(0);
    expect((await scim(otherToken, "GET", `/Users/${ours.membershipId}`)).status).toBe(404);
    // Their token cannot pull our person into their organisation by e-mail (nor learn their name).
    const pulled = await scim(otherToken, "POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: ours.email, active: true });
    expect(pulled.status).toBe(409);
    expect(JSON.stringify(pulled.body)).not.toContain("Inside Ivan");
    expect(await db().membership.count({ where: { user: { email: ours.email } } })).toBe(1);
    const patch = await scim(otherToken, "PATCH", `/Users/${ours.membershipId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(patch.status).toBe(404);
    expect((await scim(otherToken, "DELETE", `/Users/${ours.membershipId}`)).status).toBe(404);
    expect((await scim(otherToken, "GET", `/Groups/${team.id}`)).status).toBe(404);
    expect((await scim(otherToken, "DELETE", `/Groups/${team.id}`)).status).toBe(404);
    // Naming our person as a manager or a member from there is refused, and writes nothing.
    const theirs = await scim(otherToken, "POST", "/Groups", { schemas: [], displayName: "Grab", members: [{ value: ours.membershipId }] });
    expect(theirs.status).toBe(400);
    const managed = await scim(otherToken, "PATCH", `/Users/${otherOrgPerson.membershipId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: `${ENTERPRISE}:manager`, value: ours.membershipId }],
    });
    expect(managed.status).toBe(400);
    expect(await db().membership.findFirst({ where: { organizationId, id: ours.membershipId }, select: { status: true, teamId: true } })).toEqual({
      status: "ACTIVE",
      teamId: null,
    });
  });
});

describe("bad requests get SCIM errors, never a 500", () => {
  it("refuses a body that is not JSON, a userName that is not an e-mail, an unknown op, a too long externalId", async () => {
    const cases: [Method, string, unknown, string][] = [
      ["POST", "/Users", "{not json", "invalidSyntax"],
      ["POST", "/Users", { userName: "not-an-email" }, "invalidValue"],
      ["POST", "/Users", { userName: uniqueEmail(), externalId: "x".repeat(257) }, "invalidValue"],
      ["PATCH", `/Users/${otherOrgPerson.membershipId}`, { schemas: [PATCH_OP], Operations: [{ op: "move", path: "active", value: true }] }, "invalidSyntax"],
      [
        "PATCH",
        `/Users/${otherOrgPerson.membershipId}`,
        { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: "nope" }] },
        "invalidValue",
      ],
      ["PATCH", `/Users/${otherOrgPerson.membershipId}`, { schemas: [PATCH_OP], Operations: [] }, "invalidValue"],
      ["POST", "/Groups", { displayName: "x".repeat(81) }, "invalidValue"],
    ];
    for (const [method, path, body, scimType] of cases) {
      const r = await scim(otherToken, method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(r.body).toMatchObject({ status: "400", scimType });
    }
    expect((await scim(otherToken, "GET", "/Users/not-a-uuid")).status).toBe(404);
  });
});

// The hostile-input sweep (tests/integration/hostile-input-sweep.test.ts) reaches /scim/v2 without
// a token, so it meets the wall only; this one comes in with a valid token.
describe("hostile input behind the token", () => {
  it("answers generated bodies, filters and ids with a SCIM answer, never a 5xx", async () => {
    const target = await makeMember(organizationId, { name: "Target Tom" });
    const attribute = fc.constantFrom(
      "userName",
      "active",
      "externalId",
      "displayName",
      "name",
      "emails",
      `${ENTERPRISE}:manager`,
      `${ENTERPRISE}:department`,
      "members",
      "__proto__",
    );
    const op = fc.record({
      op: fc.oneof(fc.constantFrom("add", "Replace", "remove"), hostileString),
      path: fc.option(fc.oneof(attribute, hostileString), { nil: undefined }),
      value: hostileValue,
    });
    const body = fc.oneof(
      hostileValue,
      fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(op, { maxLength: 4 }) }),
      fc.dictionary(attribute, hostileValue),
      hostileString,
    );
    const cases = fc.sample(
      fc.record({
        method: fc.constantFrom<Method>("POST", "PUT", "PATCH", "GET", "DELETE"),
        resource: fc.constantFrom("Users", "Groups"),
        id: fc.oneof(fc.constant(otherOrgPerson.membershipId), fc.constant(target.membershipId), hostileString),
        filter: fc.oneof(fc.constant(undefined), hostileString, fc.constantFrom('userName eq "x"', 'displayName eq "x"', 'emails[type eq "work"].value eq 1')),
        body,
      }),
      { numRuns: 150, seed: 1414 },
    );
    const failures: string[] = [];
    for (const c of cases) {
      const withId = c.method !== "POST" && !(c.method === "GET" && c.filter !== undefined);
      const path = `/${c.resource}${withId ? `/${encodeURIComponent(c.id.replace(/[\ud800-\udfff]/g, "x"))}` : ""}${c.filter !== undefined ? `?filter=${encodeURIComponent(c.filter.replace(/[\ud800-\udfff]/g, "x"))}` : ""}`;
      const route = routeFor(path);
      if (!(c.method in route.mod) || (withId && !route.params.id)) continue;
      const send =
        c.method === "GET" || c.method === "DELETE"
          ? undefined
          : typeof c.body === "string"
            ? c.body
            : JSON.stringify(c.body ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      const answer = await scim(token, c.method, path, send);
      if (answer.status >= 500) failures.push(`${c.method} ${path} ${String(send).slice(0, 80)} → ${answer.status}`);
      if (answer.status >= 400) expect(answer.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 180_000);
});
