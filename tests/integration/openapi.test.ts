// The OpenAPI document (/api/v1/openapi.json): valid OpenAPI 3.1 by an independent validator
// (@readme/openapi-parser), and true: every documented operation is called here, and its answer
// checked against the schema the document gives for it (ajv, JSON Schema 2020-12) and parsed by
// the zod schema it was generated from.
import { dereference, validate, compileErrors } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { makeMember, makeOrganization } from "../factories";
import { callApi } from "../support/api";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => import("../support/next-request"));

const { createApiToken, hashApiToken } = await import("@/lib/db/api-tokens");
const { getDatabase } = await import("@/lib/db/registry");
const { OPERATIONS } = await import("@/lib/server/api/operations");
const { GET: openApiRoute } = await import("@/app/api/v1/openapi.json/route");

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };

let served: Doc;
let token: string;
let storyId: string;
let spareTokenId: string;

beforeAll(async () => {
  const res = await openApiRoute(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  served = (await res.json()) as Doc;

  const { admin, organizationId } = await makeOrganization("OpenAPI Ltd");
  await makeMember(organizationId);
  token = (await createApiToken(admin, { name: "contract", scopes: ["read", "write", "admin"], expiresInDays: 30, kind: "PERSONAL" })).token;
  const spare = (await createApiToken(admin, { name: "spare", scopes: ["read"], expiresInDays: 30, kind: "ORGANIZATION" })).token;
  spareTokenId = (await getDatabase().prisma.apiToken.findFirstOrThrow({ where: { tokenHash: hashApiToken(spare) } })).id;
});

/** What each operation is called with, by operationId: path parameters, query and body. */
function requestFor(operationId: string): { params?: Record<string, string>; query?: string; body?: unknown } {
  switch (operationId) {
    case "createStory":
      return { body: { what: "Learned contract testing from a colleague", channel: "", startCycle: "IMMEDIATE" } };
    case "updateStory":
      return { params: { storyId }, body: { title: "Contract testing, learned", visibility: "ORG", status: "PUBLISHED", tags: ["api"] } };
    case "addEntry":
      return { params: { storyId }, body: { cycle: "APPLIED", narrative: "Used it on our API", figureValue: 120, figureUnit: "minutes saved" } };
    case "addComment":
      return { params: { storyId }, body: { body: "Nice one" } };
    case "addReflection":
      return { body: { learned: "Contract tests", performance: "", organizationImpact: "", storyIds: [storyId], sharedWithManager: false } };
    case "getStory":
    case "listEntries":
    case "listComments":
      return { params: { storyId } };
    case "revokeToken":
      return { params: { tokenId: spareTokenId } };
    case "reportFigures":
      return { query: "?period=all" };
    default:
      return {};
  }
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 (@readme/openapi-parser)", async () => {
    const result = await validate(structuredClone(served) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect((served as unknown as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("documents every operation the API declares, once", () => {
    const documented = Object.values(served.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(documented.sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it("every documented operation answers as documented", async () => {
    const doc = (await dereference(structuredClone(served) as never)) as unknown as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // Writes first (createStory makes the story the others use), the revocation last.
    const order = ["createStory", "updateStory", "addEntry", "addComment", "addReflection"];
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
      .sort((a, b) => rank(a.op.operationId) - rank(b.op.operationId));
    function rank(id: string) {
      if (id === "revokeToken") return 100;
      const i = order.indexOf(id);
      return i === -1 ? 50 : i;
    }
    const called: string[] = [];
    for (const { path, method, op } of operations) {
      const declared = OPERATIONS[op.operationId as keyof typeof OPERATIONS];
      const req = requestFor(op.operationId);
      const address = path.replace(/\{(\w+)\}/g, (_m, name: string) => req.params?.[name] ?? "missing") + (req.query ?? "");
      const res = await callApi(method, address, { token, ...(req.body !== undefined ? { body: req.body } : {}) });
      const documented = op.responses[String(res.status)];
      expect(documented, `${op.operationId} answered ${res.status}, which is not documented: ${res.text}`).toBeDefined();
      expect(res.status, `${op.operationId}: ${res.text}`).toBe(declared.status);
      const schema = documented!.content!["application/json"]!.schema;
      const check = ajv.compile(schema);
      expect(check(res.body), `${op.operationId}: ${ajv.errorsText(check.errors)}`).toBe(true);
      expect(declared.response.safeParse(res.body).success, op.operationId).toBe(true);
      if (op.operationId === "createStory") storyId = (res.body as { id: string }).id;
      called.push(op.operationId);
    }
    expect(called.sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it("documents the problems an operation answers with, and they match the Problem schema", async () => {
    const doc = (await dereference(structuredClone(served) as never)) as unknown as Doc;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const res = await callApi("GET", "/api/v1/stories/0190a0a0-0000-7000-8000-000000000000", { token });
    expect(res.status).toBe(404);
    const check = ajv.compile(doc.paths["/api/v1/stories/{storyId}"]!.get!.responses["404"]!.content!["application/problem+json"]!.schema);
    expect(check(res.body), ajv.errorsText(check.errors)).toBe(true);
  });
});
