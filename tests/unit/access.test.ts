import { describe, expect, it } from "vitest";
import { AUDIENCE, can, canRead, sharesWithManager, type Relationship, type StoryAction, type StoryFacts } from "@/lib/domain/access";
import { ROLES, VISIBILITIES, type Role, type Visibility } from "@/lib/domain/roles";

const none: Relationship = { sameOrg: true, isAuthor: false, managesAuthor: false, teamCovers: false };
const REL: Record<string, Relationship> = {
  author: { ...none, isAuthor: true },
  manager: { ...none, managesAuthor: true },
  managersManager: { ...none, managesAuthor: true },
  teammate: { ...none, teamCovers: true },
  teamAbove: { ...none, teamCovers: true },
  otherTeam: none,
  otherOrg: { ...none, sameOrg: false },
};
const story = (visibility: Visibility, over: Partial<StoryFacts> = {}): StoryFacts => ({
  visibility,
  status: "PUBLISHED",
  deleted: false,
  authorHidden: false,
  ...over,
});

// Expected readers of a published story, by visibility: written out by hand.
const READERS: Record<Visibility, string[]> = {
  PRIVATE: ["author"],
  MANAGER: ["author", "manager", "managersManager"],
  TEAM: ["author", "manager", "managersManager", "teammate", "teamAbove"],
  ORG: ["author", "manager", "managersManager", "teammate", "teamAbove", "otherTeam"],
};

describe("reading", () => {
  for (const visibility of VISIBILITIES) {
    for (const [name, rel] of Object.entries(REL)) {
      const expected = READERS[visibility].includes(name);
      it(`${visibility} story, ${name}: ${expected ? "can" : "cannot"} read`, () => {
        expect(canRead(rel, story(visibility))).toBe(expected);
      });
    }
  }

  it.each(Object.entries(REL).filter(([n]) => n !== "author"))("a draft is the author's alone (%s cannot read)", (_n, rel) => {
    expect(canRead(rel, story("ORG", { status: "DRAFT" }))).toBe(false);
  });

  it("a trashed story is read by nobody through the normal scope, not even its author", () => {
    expect(canRead(REL.author!, story("ORG", { deleted: true }))).toBe(false);
  });

  it("a deactivated author's stories disappear for others when the organisation hides them", () => {
    expect(canRead(REL.otherTeam!, story("ORG", { authorHidden: true }))).toBe(false);
    expect(canRead(REL.manager!, story("MANAGER", { authorHidden: true }))).toBe(false);
    expect(canRead(REL.author!, story("ORG", { authorHidden: true }))).toBe(true);
  });

  it("audiences are cumulative: each wider visibility reaches everyone the narrower one did", () => {
    expect(AUDIENCE.PRIVATE).toEqual([]);
    for (const [narrow, wide] of [
      ["MANAGER", "TEAM"],
      ["TEAM", "ORG"],
    ] as const) {
      for (const who of AUDIENCE[narrow]) expect(AUDIENCE[wide]).toContain(who);
    }
  });
});

describe("actions beyond reading", () => {
  const actions: StoryAction[] = ["read", "edit", "comment", "ask_next", "confirm_figure", "record_reading", "highlight", "acknowledge"];
  const table: [string, Role, Record<StoryAction, boolean>][] = [
    [
      "author",
      "EMPLOYEE",
      { read: true, edit: true, comment: true, ask_next: false, confirm_figure: false, record_reading: false, highlight: false, acknowledge: false },
    ],
    [
      "manager",
      "MANAGER",
      { read: true, edit: false, comment: true, ask_next: true, confirm_figure: true, record_reading: true, highlight: true, acknowledge: true },
    ],
    [
      "managersManager",
      "MANAGER",
      { read: true, edit: false, comment: true, ask_next: true, confirm_figure: true, record_reading: true, highlight: true, acknowledge: true },
    ],
    [
      "teammate",
      "EMPLOYEE",
      { read: true, edit: false, comment: true, ask_next: false, confirm_figure: false, record_reading: false, highlight: false, acknowledge: true },
    ],
    [
      "otherTeam",
      "LND",
      { read: true, edit: false, comment: true, ask_next: false, confirm_figure: false, record_reading: true, highlight: true, acknowledge: true },
    ],
    [
      "otherTeam",
      "ADMIN",
      { read: true, edit: false, comment: true, ask_next: false, confirm_figure: false, record_reading: false, highlight: false, acknowledge: true },
    ],
    [
      "otherOrg",
      "ADMIN",
      { read: false, edit: false, comment: false, ask_next: false, confirm_figure: false, record_reading: false, highlight: false, acknowledge: false },
    ],
  ];
  for (const [name, role, expected] of table) {
    for (const action of actions) {
      it(`ORG story: ${role} as ${name} ${expected[action] ? "may" : "may not"} ${action}`, () => {
        expect(can({ role }, REL[name]!, story("ORG"), action)).toBe(expected[action]);
      });
    }
  }

  it("sharing reaches the manager when a story is published to an audience that includes them, and only then", () => {
    const D = "DRAFT" as const;
    const P = "PUBLISHED" as const;
    expect(sharesWithManager({ status: D, visibility: "MANAGER" }, { status: P, visibility: "MANAGER" })).toBe(true);
    expect(sharesWithManager({ status: D, visibility: "ORG" }, { status: P, visibility: "TEAM" })).toBe(true);
    expect(sharesWithManager({ status: P, visibility: "PRIVATE" }, { status: P, visibility: "MANAGER" })).toBe(true);
    // Not shared with them: private, or still a draft.
    expect(sharesWithManager({ status: D, visibility: "PRIVATE" }, { status: P, visibility: "PRIVATE" })).toBe(false);
    expect(sharesWithManager({ status: D, visibility: "PRIVATE" }, { status: D, visibility: "ORG" })).toBe(false);
    // Already shared with them: a wider audience is not news to the manager.
    expect(sharesWithManager({ status: P, visibility: "MANAGER" }, { status: P, visibility: "ORG" })).toBe(false);
    expect(sharesWithManager({ status: P, visibility: "TEAM" }, { status: P, visibility: "TEAM" })).toBe(false);
    // Unsharing is not sharing.
    expect(sharesWithManager({ status: P, visibility: "TEAM" }, { status: D, visibility: "TEAM" })).toBe(false);
  });

  it("no role sees a private story of someone else, whatever the action", () => {
    for (const role of ROLES)
      for (const action of actions)
        for (const [n, rel] of Object.entries(REL)) if (n !== "author") expect(can({ role }, rel, story("PRIVATE"), action)).toBe(false);
  });
});
