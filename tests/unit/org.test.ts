import { describe, expect, it } from "vitest";
import {
  describeAuditMeta,
  inviteExpiresAt,
  inviteState,
  isLastActiveAdmin,
  keyFromLabel,
  teamTree,
  uniqueKey,
  wouldCreateReportingCycle,
  wouldCreateTeamCycle,
} from "@/lib/domain/org";

// a ← b ← c (c reports to b, b reports to a); d stands alone.
const managerOf = new Map<string, string | null>([
  ["a", null],
  ["b", "a"],
  ["c", "b"],
  ["d", null],
]);

describe("wouldCreateReportingCycle", () => {
  it.each<[string, string, string | null, boolean]>([
    ["removing a manager never loops", "a", null, false],
    ["a person managing themselves", "a", "a", true],
    ["a top manager reporting to their direct report", "a", "b", true],
    ["a top manager reporting to an indirect report", "a", "c", true],
    ["a middle manager reporting to their report", "b", "c", true],
    ["moving someone under an unrelated person", "c", "d", false],
    ["an unrelated person under the bottom of a chain", "d", "c", false],
    ["re-stating the current manager", "c", "b", false],
    ["a manager unknown to the map", "a", "zzz", false],
  ])("%s", (_label, who, newManager, expected) => {
    expect(wouldCreateReportingCycle(who, newManager, managerOf)).toBe(expected);
  });

  it("does not spin forever on an existing loop", () => {
    const broken = new Map<string, string | null>([
      ["x", "y"],
      ["y", "x"],
    ]);
    expect(wouldCreateReportingCycle("z", "x", broken)).toBe(true);
  });
});

describe("wouldCreateTeamCycle", () => {
  const parentOf = new Map<string, string | null>([
    ["root", null],
    ["child", "root"],
    ["grandchild", "child"],
    ["other", null],
  ]);
  it.each<[string, string, string | null, boolean]>([
    ["to the top level", "child", null, false],
    ["inside itself", "root", "root", true],
    ["inside its child", "root", "child", true],
    ["inside its grandchild", "root", "grandchild", true],
    ["inside a sibling tree", "root", "other", false],
    ["a leaf inside another tree", "grandchild", "other", false],
  ])("%s", (_label, team, parent, expected) => {
    expect(wouldCreateTeamCycle(team, parent, parentOf)).toBe(expected);
  });
});

describe("isLastActiveAdmin", () => {
  it.each<[string, { id: string; role: "ADMIN" | "EMPLOYEE"; status: "ACTIVE" | "DEACTIVATED" }[], string, boolean]>([
    [
      "the only admin",
      [
        { id: "1", role: "ADMIN", status: "ACTIVE" },
        { id: "2", role: "EMPLOYEE", status: "ACTIVE" },
      ],
      "1",
      true,
    ],
    [
      "one of two active admins",
      [
        { id: "1", role: "ADMIN", status: "ACTIVE" },
        { id: "2", role: "ADMIN", status: "ACTIVE" },
      ],
      "1",
      false,
    ],
    [
      "the other admin is deactivated",
      [
        { id: "1", role: "ADMIN", status: "ACTIVE" },
        { id: "2", role: "ADMIN", status: "DEACTIVATED" },
      ],
      "1",
      true,
    ],
    [
      "not an admin at all",
      [
        { id: "1", role: "ADMIN", status: "ACTIVE" },
        { id: "2", role: "EMPLOYEE", status: "ACTIVE" },
      ],
      "2",
      false,
    ],
    [
      "a deactivated admin is not the last active one",
      [
        { id: "1", role: "ADMIN", status: "ACTIVE" },
        { id: "2", role: "ADMIN", status: "DEACTIVATED" },
      ],
      "2",
      false,
    ],
  ])("%s", (_label, members, id, expected) => {
    expect(isLastActiveAdmin(id, members)).toBe(expected);
  });
});

describe("invites", () => {
  const created = new Date("2026-11-01T10:00:00.000Z");
  it("expire 14 days after they are made", () => {
    expect(inviteExpiresAt(created).toISOString()).toBe("2026-11-15T10:00:00.000Z");
  });
  const base = { expiresAt: inviteExpiresAt(created), acceptedAt: null, revokedAt: null };
  it.each<[string, { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }, string, string]>([
    ["fresh", base, "2026-11-02T00:00:00.000Z", "pending"],
    ["one millisecond before expiry", base, "2026-11-15T09:59:59.999Z", "pending"],
    ["at expiry", base, "2026-11-15T10:00:00.000Z", "expired"],
    ["accepted (even after expiry)", { ...base, acceptedAt: created }, "2026-12-01T00:00:00.000Z", "accepted"],
    ["revoked", { ...base, revokedAt: created }, "2026-11-02T00:00:00.000Z", "revoked"],
  ])("%s", (_label, invite, at, expected) => {
    expect(inviteState(invite, new Date(at))).toBe(expected);
  });
});

describe("keys for channels and indicators", () => {
  it.each<[string, string]>([
    ["Book club", "book-club"],
    ["  Café & Kaffee!  ", "cafe-kaffee"],
    ["!!!", "item"],
    ["A".repeat(60), "a".repeat(40)],
  ])("%s → %s", (label, key) => {
    expect(keyFromLabel(label)).toBe(key);
  });
  it("adds a number when the key is taken", () => {
    expect(uniqueKey("social", new Set(["x"]))).toBe("social");
    expect(uniqueKey("social", new Set(["social", "social-2"]))).toBe("social-3");
  });
});

describe("teamTree", () => {
  it("puts parents before children, siblings by name, with depth", () => {
    const tree = teamTree([
      { id: "3", name: "Support EMEA", parentId: "1" },
      { id: "1", name: "Customer Success", parentId: null },
      { id: "2", name: "Analytics", parentId: null },
      { id: "4", name: "Orphan", parentId: "gone" },
    ]);
    expect(tree.map((t) => [t.name, t.depth])).toEqual([
      ["Analytics", 0],
      ["Customer Success", 0],
      ["Support EMEA", 1],
      ["Orphan", 0],
    ]);
  });
});

describe("describeAuditMeta", () => {
  const names = new Map([["0190a5b4-0000-7000-8000-000000000001", "Support"]]);
  it.each<[string, unknown, string[]]>([
    ["a role change", { field: "role", from: "EMPLOYEE", to: "MANAGER" }, ["Role: Employee → Manager"]],
    ["a team change by id", { field: "team", from: null, to: "0190a5b4-0000-7000-8000-000000000001" }, ["Team: none → Support"]],
    ["a removed team", { field: "team", from: "0190a5b4-0000-7000-8000-000000000009", to: null }, ["Team: (removed) → none"]],
    ["a visibility change", { from: "PRIVATE", to: "MANAGER" }, ["Only me → Manager"]],
    ["settings", { changes: [{ field: "reflectionDay", from: 5, to: 1 }] }, ["Reflection day: Friday → Monday"]],
    ["a channel added", { item: "channel", change: "added", label: "Book club" }, ["Channel “Book club” added"]],
    ["an invitation", { role: "MANAGER", teamId: null, managerId: null }, ["Role: Manager"]],
    ["nothing", null, []],
  ])("%s", (_label, meta, expected) => {
    expect(describeAuditMeta(meta, names)).toEqual(expected);
  });
});
