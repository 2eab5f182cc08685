// SCIM's filters and PATCH operations as Entra ID and Okta send them, read by lib/domain/scim.ts.
// Expected criteria and change sets are written out by hand.
import { describe, expect, it } from "vitest";
import { groupPatchChanges, parseScimFilter, personName, ScimError, scimBoolean, scimErrorBody, userPatchChanges } from "@/lib/domain/scim";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return `${(error as ScimError).status} ${(error as ScimError).scimType}`;
  }
  return undefined;
}

describe("SCIM filters", () => {
  it.each([
    ['userName eq "ava@example.com"', { userName: "ava@example.com" }],
    ['USERNAME EQ "ava@example.com"', { userName: "ava@example.com" }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ava@example.com"', { userName: "ava@example.com" }],
    ['externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"', { externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" }],
    ['emails[type eq "work"].value eq "ava@example.com"', { email: "ava@example.com" }],
    ['emails[type eq "work" and value eq "ava@example.com"]', { email: "ava@example.com" }],
    ['emails.value eq "ava@example.com"', { email: "ava@example.com" }],
    ['userName eq "a@x.io" and externalId eq "E1"', { userName: "a@x.io", externalId: "E1" }],
    ['id eq "0190a1b2-0000-7000-8000-000000000001"', { id: "0190a1b2-0000-7000-8000-000000000001" }],
  ])("reads a user filter %s", (filter, where) => {
    expect(parseScimFilter("User", filter)).toEqual({ where, none: false });
  });

  it("matches nothing when one attribute is asked two different values, or a non-work e-mail", () => {
    expect(parseScimFilter("User", 'userName eq "a@x.io" and userName eq "b@x.io"').none).toBe(true);
    expect(parseScimFilter("User", 'userName eq "A@x.io" and userName eq "a@x.io"').none).toBe(false);
    expect(parseScimFilter("User", 'externalId eq "E1" and externalId eq "e1"').none).toBe(true);
    expect(parseScimFilter("User", 'emails[type eq "home"].value eq "a@x.io"').none).toBe(true);
  });

  it("reads group filters on displayName, externalId and id", () => {
    expect(parseScimFilter("Group", 'displayName eq "Sales EMEA"')).toEqual({ where: { displayName: "Sales EMEA" }, none: false });
    expect(parseScimFilter("Group", 'DisplayName eq "x" and externalId eq "G1"')).toEqual({ where: { displayName: "x", externalId: "G1" }, none: false });
  });

  it.each([
    'userName co "ava"',
    'userName sw "a"',
    'userName eq "a" or userName eq "b"',
    'not (userName eq "a")',
    "userName pr",
    'title eq "Engineer"',
    'members[value eq "x"]',
    "userName eq",
    "userName eq 42",
    "",
    '((userName eq "a"',
  ])("refuses %j with 400 invalidFilter", (filter) => {
    expect(scimTypeOf(() => parseScimFilter("User", filter))).toBe("400 invalidFilter");
  });

  it("refuses user attributes on groups", () => {
    expect(scimTypeOf(() => parseScimFilter("Group", 'userName eq "a@x.io"'))).toBe("400 invalidFilter");
  });
});

describe("PATCH of a user", () => {
  it('reads Entra ID\'s operations: capitalised ops, "False" as a string, the manager as a bare id, a filtered e-mail path', () => {
    expect(
      userPatchChanges([
        { op: "Replace", path: "active", value: "False" },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: "0190a1b2-0000-7000-8000-000000000009" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "new@example.com" },
        { op: "Replace", path: "name.familyName", value: "Lovelace" },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Research" },
        { op: "Add", path: "title", value: "ignored" },
      ]),
    ).toEqual({ active: false, manager: "0190a1b2-0000-7000-8000-000000000009", email: "new@example.com", familyName: "Lovelace", department: "Research" });
  });

  it("reads path-less value objects (Okta, and Entra's), the manager as { value }, and removals", () => {
    expect(userPatchChanges([{ op: "replace", value: { active: true, displayName: "Ada L." } }])).toEqual({ active: true, displayName: "Ada L." });
    expect(userPatchChanges([{ op: "replace", value: { [ENTERPRISE]: { manager: { value: "M1" }, department: "Ops" } } }])).toEqual({
      manager: "M1",
      department: "Ops",
    });
    expect(userPatchChanges([{ op: "Remove", path: `${ENTERPRISE}:manager` }])).toEqual({ manager: null });
    expect(userPatchChanges([{ op: "Replace", path: `${ENTERPRISE}:manager`, value: { value: "" } }])).toEqual({ manager: null });
    expect(userPatchChanges([{ op: "remove", path: "externalId" }])).toEqual({ externalId: null });
  });

  it("refuses what it cannot do with SCIM's error types", () => {
    expect(scimTypeOf(() => userPatchChanges([{ op: "move", path: "active", value: true }]))).toBe("400 invalidSyntax");
    expect(scimTypeOf(() => userPatchChanges([{ op: "replace", path: "active", value: "no" }]))).toBe("400 invalidValue");
    expect(scimTypeOf(() => userPatchChanges([{ op: "remove", path: "userName" }]))).toBe("400 mutability");
    expect(scimTypeOf(() => userPatchChanges([{ op: "remove" }]))).toBe("400 noTarget");
    expect(scimTypeOf(() => userPatchChanges([{ op: "replace", value: [1] }]))).toBe("400 invalidSyntax");
    expect(scimTypeOf(() => userPatchChanges([{ op: "replace", path: "userName", value: 7 }]))).toBe("400 invalidValue");
  });

  it("reads SCIM booleans as Entra sends them", () => {
    expect([true, false, "True", "False", "true", "FALSE"].map((v) => scimBoolean(v))).toEqual([true, false, true, false, true, false]);
    expect(scimTypeOf(() => scimBoolean(1))).toBe("400 invalidValue");
  });
});

describe("PATCH of a group", () => {
  it("adds and removes members as Entra sends them, removes by a filtered path as Okta sends it, renames path-less", () => {
    expect(
      groupPatchChanges([
        { op: "Add", path: "members", value: [{ value: "U1" }, { value: "U2" }] },
        { op: "Remove", path: "members", value: [{ value: "U3" }] },
        { op: "remove", path: 'members[value eq "U4"]' },
        { op: "Replace", value: { id: "G1", displayName: "Renamed" } },
      ]),
    ).toEqual({ add: ["U1", "U2"], remove: ["U3", "U4"], displayName: "Renamed" });
    expect(groupPatchChanges([{ op: "replace", path: "members", value: [{ value: "U9" }] }])).toEqual({ add: [], remove: [], replaceMembers: ["U9"] });
    expect(groupPatchChanges([{ op: "remove", path: "members" }])).toEqual({ add: [], remove: [], replaceMembers: [] });
    expect(scimTypeOf(() => groupPatchChanges([{ op: "add", path: "owners", value: [] }]))).toBe("400 invalidPath");
    expect(scimTypeOf(() => groupPatchChanges([{ op: "add", path: "members", value: [{ display: "no value" }] }]))).toBe("400 invalidValue");
  });
});

describe("names and errors", () => {
  it("keeps one name: displayName, else given and family name, else formatted, else the e-mail's local part", () => {
    expect(personName({ displayName: "Ada L.", givenName: "Ada", familyName: "Lovelace", userName: "ada@x.io" })).toBe("Ada L.");
    expect(personName({ givenName: "Ada", familyName: "Lovelace", userName: "ada@x.io" })).toBe("Ada Lovelace");
    expect(personName({ formatted: "Countess Ada", userName: "ada@x.io" })).toBe("Countess Ada");
    expect(personName({ userName: "ada@x.io" })).toBe("ada");
    expect(personName({ displayName: "x".repeat(300), userName: "ada@x.io" })).toHaveLength(100);
  });

  it("writes errors as RFC 7644 §3.12 does: status as a string", () => {
    expect(scimErrorBody(409, "Taken.", "uniqueness")).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "409",
      scimType: "uniqueness",
      detail: "Taken.",
    });
    expect(scimErrorBody(404, "Not found.")).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404", detail: "Not found." });
  });
});
