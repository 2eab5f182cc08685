import { describe, expect, it } from "vitest";
import {
  acceptInviteSchema,
  auditFilterSchema,
  channelAddSchema,
  indicatorAddSchema,
  inviteCreateSchema,
  memberUpdateSchema,
  orgSettingsSchema,
  teamCreateSchema,
} from "@/lib/validation/admin";

const ID = "0190a5b4-0000-7000-8000-000000000001";

function firstError(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) {
  return result.error?.issues.find((i) => i.path[0] === field)?.message;
}

describe("memberUpdateSchema", () => {
  it("turns empty selects into null (no team, no manager)", () => {
    expect(memberUpdateSchema.parse({ membershipId: ID, role: "MANAGER", teamId: "", managerId: "" })).toEqual({
      membershipId: ID,
      role: "MANAGER",
      teamId: null,
      managerId: null,
    });
  });
  it("leaves absent fields undefined (unchanged)", () => {
    expect(memberUpdateSchema.parse({ membershipId: ID })).toEqual({ membershipId: ID });
  });
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an unknown role", { membershipId: ID, role: "KING" }, "role", /Choose a role/],
    ["a made-up team id", { membershipId: ID, teamId: "abc" }, "teamId", /team from the list/],
    ["a made-up manager id", { membershipId: ID, managerId: "abc" }, "managerId", /manager from the list/],
    ["a bad membership id", { membershipId: "1" }, "membershipId", /not valid/],
  ])("refuses %s", (_l, input, field, message) => {
    expect(firstError(memberUpdateSchema.safeParse(input), field)).toMatch(message);
  });
});

describe("inviteCreateSchema", () => {
  it("treats an empty email as none and defaults the role", () => {
    expect(inviteCreateSchema.parse({ email: "", teamId: "", managerId: "" })).toEqual({ email: undefined, role: "EMPLOYEE", teamId: null, managerId: null });
  });
  it("lower-cases an email", () => {
    expect(inviteCreateSchema.parse({ email: " New@Example.org ", role: "LND" }).email).toBe("new@example.org");
  });
  it("refuses a malformed email with a clear sentence", () => {
    expect(firstError(inviteCreateSchema.safeParse({ email: "nope" }), "email")).toMatch(/email address like/);
  });
});

describe("acceptInviteSchema", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a missing name", { token: "x".repeat(43), name: " ", email: "a@b.org", password: "long enough pw" }, "name", /Enter your name/],
    ["a short password", { token: "x".repeat(43), name: "A", email: "a@b.org", password: "short" }, "password", /at least 10/],
    ["a bad token", { token: "x", name: "A", email: "a@b.org", password: "long enough pw" }, "token", /not valid/],
  ])("refuses %s", (_l, input, field, message) => {
    expect(firstError(acceptInviteSchema.safeParse(input), field)).toMatch(message);
  });
});

describe("settings, channels, indicators and teams", () => {
  it("coerces the reflection day from a form", () => {
    expect(orgSettingsSchema.parse({ defaultVisibility: "TEAM", reflectionDay: "1", deactivatedStories: "KEEP" }).reflectionDay).toBe(1);
  });
  it.each<[string, boolean]>([
    ["7", false],
    ["-1", false],
    ["0", true],
    ["6", true],
  ])("reflection day %s valid: %s", (day, ok) => {
    expect(orgSettingsSchema.safeParse({ defaultVisibility: "TEAM", reflectionDay: day, deactivatedStories: "KEEP" }).success).toBe(ok);
  });
  it("names the field for an empty channel and team", () => {
    expect(firstError(channelAddSchema.safeParse({ label: "  " }), "label")).toBe("Enter the channel's name.");
    expect(firstError(teamCreateSchema.safeParse({ name: "" }), "name")).toBe("Enter the team's name.");
  });
  it("an indicator's capital kind is optional", () => {
    expect(indicatorAddSchema.parse({ label: "Fewer tickets", cycle: "REALIZED", capitalKind: "" })).toEqual({
      label: "Fewer tickets",
      cycle: "REALIZED",
      capitalKind: null,
      description: "",
    });
    expect(firstError(indicatorAddSchema.safeParse({ label: "X", cycle: "SOMETIME" }), "cycle")).toMatch(/Choose the cycle/);
  });
});

describe("auditFilterSchema (lenient URL parsing)", () => {
  it("keeps good values and drops bad ones", () => {
    expect(auditFilterSchema.parse({ category: "members", from: "2026-11-01", to: "junk", cursor: "nope" })).toEqual({
      category: "members",
      from: "2026-11-01",
      to: undefined,
      cursor: undefined,
    });
    expect(auditFilterSchema.parse({ category: "everything" }).category).toBeUndefined();
  });
});
