import "server-only";
// /scim/v2 over HTTP (RFC 7644): the bearer token, the request body, and every answer in SCIM's
// own format (`application/scim+json`; errors as `urn:ietf:params:scim:api:messages:2.0:Error`).
// The route files (app/scim/v2/**) are built by createRoute as public routes that read no
// session: the organisation's token is their wall, checked here before anything is read.
import { z } from "zod";
import {
  applyGroupChanges,
  applyUserChanges,
  authenticateScimToken,
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  getScimGroup,
  getScimUser,
  listScimGroups,
  listScimUsers,
  userInputChanges,
  type ScimClient,
} from "@/lib/db/scim";
import {
  groupPatchChanges,
  groupResource,
  listResponse,
  parseScimFilter,
  SCHEMA,
  SCIM_CONTENT_TYPE,
  SCIM_MAX_RESULTS,
  ScimError,
  scimErrorBody,
  userPatchChanges,
  userResource,
} from "@/lib/domain/scim";
import { publicUrl } from "@/lib/platform/env";
import { asExpected } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { scimGroupSchema, scimListQuerySchema, scimPatchSchema, scimUserSchema } from "@/lib/validation/scim";
import { describeError } from "./action";
import { createRoute, PUBLIC } from "./route";
import { readBodyUpTo } from "./request-guard";

/** The base URL to paste into Entra ID or Okta. */
export function scimBaseUrl(): string {
  return `${publicUrl()}/scim/v2`;
}

/** The largest body read: a group PUT with thousands of members fits. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers } });
}

function scimErrorResponse(status: number, detail: string, scimType?: ConstructorParameters<typeof ScimError>[2]): Response {
  return scimJson(scimErrorBody(status, detail, scimType), status, status === 401 ? { "WWW-Authenticate": 'Bearer realm="Ripple SCIM"' } : {});
}

type ScimContext<P> = { client: ScimClient; params: P; base: string };

/**
 * Runs a SCIM request: the bearer token first (401 in SCIM's format without a live one), then
 * the work; every failure answered in SCIM's format, never a 500 for what the client sent.
 */
export function scimRequest<P>(request: Request, params: P, work: (ctx: ScimContext<P>) => Promise<Response>, name: string): Promise<Response> {
  return (async () => {
    try {
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const client = match ? await authenticateScimToken(match[1]!) : null;
      if (!client) return scimErrorResponse(401, "A valid provisioning token is required (Authorization: Bearer …).");
      return await work({ client, params, base: scimBaseUrl() });
    } catch (error) {
      if (error instanceof ScimError) return scimErrorResponse(error.status, error.message, error.scimType);
      const expected = asExpected(error);
      if (expected) {
        const status = { invalid: 400, unauthorized: 401, forbidden: 404, not_found: 404, conflict: 409, rate_limited: 429 }[expected.code];
        return scimErrorResponse(status, expected.message, status === 409 ? "uniqueness" : status === 400 ? "invalidValue" : undefined);
      }
      logger.error({ route: name, err: describeError(error) }, "scim request failed");
      return scimErrorResponse(500, "Something went wrong on our side.");
    }
  })();
}

/**
 * A /scim/v2 route handler, built by createRoute: public to the web and reading no session (the
 * organisation's bearer token is the wall, checked by scimRequest before the work runs).
 */
export function scimRoute<P = Record<string, never>>(name: string, work: (ctx: ScimContext<P>, request: Request) => Promise<Response>) {
  return createRoute<typeof PUBLIC, P>({
    name,
    authorize: PUBLIC,
    session: "none",
    handler: (request, { params }) => scimRequest(request, params, (ctx) => work(ctx, request), name),
  });
}

/** The JSON body, bounded; anything that is not a JSON object is `invalidSyntax`. */
async function readBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new ScimError(413, "The request is too large.", "tooMany");
  const bytes = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (bytes === "too large") throw new ScimError(413, "The request is too large.", "tooMany");
  const text = Buffer.from(bytes).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ScimError(400, "The body is not valid JSON.", "invalidSyntax");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new ScimError(400, `${where}${issue.message}`, "invalidValue");
  }
  return r.data;
}

function listQuery(request: Request) {
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams.entries()].map(([k, v]) => [k.toLowerCase(), v]));
  return parseWith(scimListQuerySchema, { filter: raw.filter, startIndex: raw.startindex, count: raw.count, excludedAttributes: raw.excludedattributes });
}

// ---- Users ------------------------------------------------------------------------------------

export const scimUsers = {
  list: async ({ client, base }: ScimContext<unknown>, request: Request) => {
    const q = listQuery(request);
    const criteria = q.filter ? parseScimFilter("User", q.filter) : { where: {}, none: false };
    const { total, people } = await listScimUsers(client, criteria, q.startIndex, q.count);
    return scimJson(
      listResponse(
        people.map((p) => userResource(p, base)),
        total,
        q.startIndex,
      ),
    );
  },
  get: async ({ client, base, params }: ScimContext<{ id: string }>) => scimJson(userResource(await getScimUser(client, params.id), base)),
  create: async ({ client, base }: ScimContext<unknown>, request: Request) => {
    const input = parseWith(scimUserSchema, await readBody(request));
    const p = await createScimUser(client, userInputChanges(input));
    return scimJson(userResource(p, base), 201, { Location: `${base}/Users/${p.id}` });
  },
  replace: async ({ client, base, params }: ScimContext<{ id: string }>, request: Request) => {
    const input = parseWith(scimUserSchema, await readBody(request));
    return scimJson(userResource(await applyUserChanges(client, params.id, userInputChanges(input)), base));
  },
  patch: async ({ client, base, params }: ScimContext<{ id: string }>, request: Request) => {
    const { operations } = parseWith(scimPatchSchema, await readBody(request));
    return scimJson(userResource(await applyUserChanges(client, params.id, userPatchChanges(operations)), base));
  },
  remove: async ({ client, params }: ScimContext<{ id: string }>) => {
    await deleteScimUser(client, params.id);
    return new Response(null, { status: 204 });
  },
};

// ---- Groups -----------------------------------------------------------------------------------

export const scimGroups = {
  list: async ({ client, base }: ScimContext<unknown>, request: Request) => {
    const q = listQuery(request);
    const criteria = q.filter ? parseScimFilter("Group", q.filter) : { where: {}, none: false };
    const withMembers = !(q.excludedAttributes ?? "")
      .toLowerCase()
      .split(",")
      .map((s) => s.trim())
      .includes("members");
    const { total, teams } = await listScimGroups(client, criteria, q.startIndex, q.count);
    return scimJson(
      listResponse(
        teams.map((t) => groupResource(t, base, withMembers)),
        total,
        q.startIndex,
      ),
    );
  },
  get: async ({ client, base, params }: ScimContext<{ id: string }>, request: Request) => {
    const excluded = (new URL(request.url).searchParams.get("excludedAttributes") ?? "").toLowerCase().includes("members");
    return scimJson(groupResource(await getScimGroup(client, params.id), base, !excluded));
  },
  create: async ({ client, base }: ScimContext<unknown>, request: Request) => {
    const input = parseWith(scimGroupSchema, await readBody(request));
    const t = await createScimGroup(client, {
      displayName: input.displayname,
      externalId: input.externalid ?? null,
      members: (input.members ?? []).map((m) => m.value),
    });
    return scimJson(groupResource(t, base), 201, { Location: `${base}/Groups/${t.id}` });
  },
  replace: async ({ client, base, params }: ScimContext<{ id: string }>, request: Request) => {
    const input = parseWith(scimGroupSchema, await readBody(request));
    const t = await applyGroupChanges(client, params.id, {
      displayName: input.displayname,
      externalId: input.externalid ?? null,
      add: [],
      remove: [],
      replaceMembers: (input.members ?? []).map((m) => m.value),
    });
    return scimJson(groupResource(t, base));
  },
  patch: async ({ client, base, params }: ScimContext<{ id: string }>, request: Request) => {
    const { operations } = parseWith(scimPatchSchema, await readBody(request));
    const t = await applyGroupChanges(client, params.id, groupPatchChanges(operations));
    return scimJson(groupResource(t, base));
  },
  remove: async ({ client, params }: ScimContext<{ id: string }>) => {
    await deleteScimGroup(client, params.id);
    return new Response(null, { status: 204 });
  },
};

// ---- Discovery (RFC 7644 §4) --------------------------------------------------------------------

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    documentationUri: `${base.replace(/\/scim\/v2$/, "")}/admin/provisioning`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The organisation's provisioning token, made under Admin › Provisioning (SCIM).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  const list = [
    {
      schemas: [SCHEMA.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: SCHEMA.user,
      schemaExtensions: [{ schema: SCHEMA.enterprise, required: false }],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [SCHEMA.resourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      schema: SCHEMA.group,
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
    },
  ];
  return listResponse(list, list.length, 1);
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

/** The attributes Ripple keeps, as RFC 7643 §7 describes schemas. */
export function schemas(base: string) {
  const list = [
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.user,
      name: "User",
      description: "A person of the organisation",
      attributes: [
        attr("userName", "string", { required: true, uniqueness: "server", description: "The person's e-mail address: they sign in with it." }),
        attr("externalId", "string", { caseExact: true }),
        attr("displayName", "string"),
        attr("name", "complex", { subAttributes: [attr("formatted", "string"), attr("givenName", "string"), attr("familyName", "string")] }),
        attr("emails", "complex", { multiValued: true, subAttributes: [attr("value", "string"), attr("type", "string"), attr("primary", "boolean")] }),
        attr("active", "boolean", { description: "false deactivates the person: they cannot sign in and their sessions end." }),
      ],
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCHEMA.user}` },
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.enterprise,
      name: "EnterpriseUser",
      description: "The enterprise extension: the person's manager and team",
      attributes: [
        attr("department", "string", { description: "The person's team (made if the organisation has none by that name)." }),
        attr("manager", "complex", {
          subAttributes: [
            attr("value", "string", { description: "The manager's id (or externalId)." }),
            attr("displayName", "string", { mutability: "readOnly" }),
          ],
        }),
      ],
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCHEMA.enterprise}` },
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.group,
      name: "Group",
      description: "A team of the organisation",
      attributes: [
        attr("displayName", "string", { required: true, uniqueness: "server" }),
        attr("externalId", "string", { caseExact: true }),
        attr("members", "complex", {
          multiValued: true,
          subAttributes: [attr("value", "string", { mutability: "immutable" }), attr("display", "string", { mutability: "readOnly" })],
        }),
      ],
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCHEMA.group}` },
    },
  ];
  return listResponse(list, list.length, 1);
}

export const scimDiscovery = {
  serviceProviderConfig: async ({ base }: ScimContext<unknown>) => scimJson(serviceProviderConfig(base)),
  resourceTypes: async ({ base }: ScimContext<unknown>) => scimJson(resourceTypes(base)),
  schemas: async ({ base }: ScimContext<unknown>) => scimJson(schemas(base)),
};
