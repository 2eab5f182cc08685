import { describe, expect, it } from "vitest";
import {
  BULK_INVITE_MAX_BYTES,
  BULK_INVITE_MAX_ROWS,
  checkInviteRows,
  readInviteText,
  roleFromText,
  type InviteDirectory,
  type RawInviteRow,
} from "@/lib/domain/bulk-invite";
import { onboardingSteps, showOnboarding } from "@/lib/domain/onboarding";
import { parseInviteRows } from "@/lib/validation/bulk-invite";

const rowsOf = (text: string): RawInviteRow[] => {
  const r = readInviteText(text);
  if (!r.ok) throw new Error(r.message);
  return r.rows;
};
const messageOf = (text: string): string => {
  const r = readInviteText(text);
  if (r.ok) throw new Error("expected a refusal");
  return r.message;
};

describe("reading what an admin pastes or uploads", () => {
  it("reads a CSV by its header, in any order and letter case, with quoted fields (RFC 4180)", () => {
    const csv = 'Email,Name,ROLE,team,Manager\r\nava@example.com,"Lee, Ava",Manager,Design,marco@example.com\r\n"bo@example.com","Bo ""the quiet"" Li",,,\r\n';
    expect(readInviteText(csv)).toEqual({
      ok: true,
      format: "csv",
      rows: [
        { row: 2, email: "ava@example.com", name: "Lee, Ava", role: "Manager", team: "Design", manager: "marco@example.com" },
        { row: 3, email: "bo@example.com", name: 'Bo "the quiet" Li', role: "", team: "", manager: "" },
      ],
    });
  });

  it("keeps a line break inside quotes as part of the field, skips blank lines, and drops a byte-order mark", () => {
    const rows = rowsOf('\uFEFFname,email\n"Ava\nLee",ava@example.com\n\n,bo@example.com\n');
    expect(rows.map((r) => [r.row, r.name, r.email])).toEqual([
      [2, "Ava\nLee", "ava@example.com"],
      [3, "", "bo@example.com"],
    ]);
  });

  it("reads a list of addresses separated by lines, commas, semicolons or spaces, with optional names", () => {
    const rows = rowsOf("ava@example.com, bo@example.com;cy@example.com\n  Dee Dee <dee@example.com>\nee@example.com ff@example.com\n");
    expect(rows.map((r) => [r.row, r.name, r.email])).toEqual([
      [1, "", "ava@example.com"],
      [2, "", "bo@example.com"],
      [3, "", "cy@example.com"],
      [4, "Dee Dee", "dee@example.com"],
      [5, "", "ee@example.com"],
      [6, "", "ff@example.com"],
    ]);
    expect(readInviteText("ava@example.com").ok && readInviteText("ava@example.com")).toMatchObject({ format: "list" });
  });

  it("refuses nothing to read, a CSV without an email column, and an unclosed quotation mark, saying why", () => {
    expect(messageOf("  \n ")).toBe("Paste at least one e-mail address, or choose a CSV file.");
    expect(messageOf("name,role\nAva,Manager\n")).toMatch(/one of them must be "email"/);
    expect(messageOf("name,email\n")).toMatch(/nobody to invite/);
    expect(messageOf('name,email\n"Ava,ava@example.com\n')).toBe("Row 2 has a quotation mark that is never closed. Check the CSV file and try again.");
  });

  it("accepts 1,000 rows and refuses 1,001, and refuses more than 1 MB", () => {
    const csv = (n: number) => ["email", ...Array.from({ length: n }, (_, i) => `p${i}@example.com`)].join("\n");
    expect(rowsOf(csv(BULK_INVITE_MAX_ROWS))).toHaveLength(1000);
    expect(messageOf(csv(BULK_INVITE_MAX_ROWS + 1))).toBe("That is 1,001 people; at most 1,000 can be invited at once. Split the list into smaller ones.");
    const big = `email\n${"a".repeat(BULK_INVITE_MAX_BYTES)}@example.com`;
    expect(messageOf(big)).toMatch(/more than 1 MB/);
    // Bytes, not characters: 400,000 three-byte characters are 1.2 MB.
    expect(messageOf(`email,name\nava@example.com,${"\u20ac".repeat(400_000)}`)).toMatch(/more than 1 MB/);
  });
});

describe("roles as people write them", () => {
  it("knows the role names, their labels and common spellings; empty is Employee", () => {
    expect(
      ["", "employee", "Manager", "ADMIN", "l&d", "L&D analyst", "LND", "Learning and development", " administrator "].map((r) => roleFromText(r)),
    ).toEqual(["EMPLOYEE", "EMPLOYEE", "MANAGER", "ADMIN", "LND", "LND", "LND", "LND", "ADMIN"]);
    expect(roleFromText("boss")).toBeNull();
  });
});

describe("checking each row against the organisation", () => {
  const dir: InviteDirectory = {
    teams: [
      { id: "t-design", name: "Design" },
      { id: "t-ops-1", name: "Ops" },
      { id: "t-ops-2", name: "ops" },
    ],
    people: [
      { id: "m-marco", name: "Marco Rossi", email: "marco@example.com", status: "ACTIVE" },
      { id: "m-sam1", name: "Sam", email: "sam1@example.com", status: "ACTIVE" },
      { id: "m-sam2", name: "Sam", email: "sam2@example.com", status: "ACTIVE" },
      { id: "m-gone", name: "Gone Person", email: "gone@example.com", status: "DEACTIVATED" },
    ],
    pendingInvites: new Set(["pending@example.com"]),
  };
  const check = (csv: string) => checkInviteRows(parseInviteRows(rowsOf(csv)), dir);

  it("resolves team by name (any case) and manager by e-mail or unique name", () => {
    const [a, b] = check("email,name,role,team,manager\nAva@Example.com,Ava,manager,design,MARCO@example.com\nbo@example.com,,,,marco rossi\n");
    expect(a).toEqual({
      row: 2,
      name: "Ava",
      email: "ava@example.com",
      role: "MANAGER",
      teamId: "t-design",
      teamName: "Design",
      managerId: "m-marco",
      managerName: "Marco Rossi",
      errors: [],
    });
    expect(b).toMatchObject({ row: 3, name: null, role: "EMPLOYEE", teamId: null, managerId: "m-marco", errors: [] });
  });

  it("gives each row every one of its errors, in plain words", () => {
    const rows = check(
      [
        "email,name,role,team,manager",
        "not-an-address,,boss,Nowhere,nobody@example.com",
        ",No Address,,,",
        "marco@example.com,,,,",
        "gone@example.com,,,,",
        "pending@example.com,,,,",
        "new@example.com,,,Ops,Sam",
        "NEW@example.com,,,,gone@example.com",
        `long@example.com,${"x".repeat(101)},,,`,
      ].join("\n"),
    );
    expect(rows.map((r) => [r.row, r.errors])).toEqual([
      [
        2,
        [
          '"not-an-address" is not an e-mail address like name@example.com.',
          '"boss" is not a role. Use Employee, Manager, L&D analyst, Admin.',
          'There is no team called "Nowhere". Create it on the Teams page first, or correct the name.',
          'There is nobody called "nobody@example.com" in your organisation. Give the e-mail of an active member as the manager.',
        ],
      ],
      [3, ["The e-mail address is missing."]],
      [4, ["This person is already a member of your organisation."]],
      [5, ["This person is a deactivated member of your organisation. Reactivate them on the People page instead."]],
      [6, ["This address already has a pending invitation. Revoke it first to send a new one."]],
      [
        7,
        [
          'Several teams are called "Ops". Rename one on the Teams page, or leave the team out and set it later.',
          'Several people are called "Sam". Give the manager\'s e-mail instead.',
        ],
      ],
      [8, ["The manager gone@example.com is deactivated. Choose an active person.", "This address is already on row 7."]],
      [9, ["Use at most 100 characters for the name."]],
    ]);
    expect(rows[0]!.email).toBe("not-an-address"); // shown as typed beside its error
  });

  it("refuses a name holding a NUL character, and normalises names like every text field", () => {
    const [nul, nfc] = check("email,name\na@example.com,A\u0000B\nb@example.com,Rene\u0301\n");
    expect(nul!.errors[0]).toMatch(/NUL/);
    expect(nfc!.name).toBe("Ren\u00e9");
  });
});

describe("the onboarding checklist", () => {
  const none = { otherPeople: 0, invites: 0, teams: 0, reportingLines: 0, catalogueChanges: 0, stories: 0 };
  it("ticks each step from the organisation's data, and goes away when all are done or it is hidden", () => {
    expect(onboardingSteps(none).map((s) => s.done)).toEqual([false, false, false, false, false]);
    expect(onboardingSteps({ ...none, invites: 1, teams: 2, stories: 1 }).map((s) => [s.key, s.done])).toEqual([
      ["invite", true],
      ["teams", true],
      ["lines", false],
      ["catalogue", false],
      ["capture", true],
    ]);
    expect(onboardingSteps({ ...none, otherPeople: 1 })[0]!.done).toBe(true);
    const all = onboardingSteps({ otherPeople: 1, invites: 0, teams: 1, reportingLines: 1, catalogueChanges: 1, stories: 1 });
    expect(showOnboarding(all, false)).toBe(false);
    expect(showOnboarding(onboardingSteps(none), false)).toBe(true);
    expect(showOnboarding(onboardingSteps(none), true)).toBe(false);
  });
});
