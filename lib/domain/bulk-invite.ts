// Inviting many people at once: what an admin pastes (e-mail addresses, or a CSV with name,
// e-mail, role, team and manager) read into rows, and each row checked against the
// organisation (its teams, its people, its pending invitations) before anything is created.
// Pure: the caller parses each row's fields with zod (lib/validation/bulk-invite.ts) and loads
// the directory (lib/db/invites.ts).
import { parse } from "csv-parse/sync";
import { BULK_INVITE_MAX_BYTES, BULK_INVITE_MAX_ROWS, byteLength, tooLargeMessage } from "./bulk-invite-limits";
import { ROLE_LABEL, ROLES, type Role } from "./roles";

export { BULK_INVITE_MAX_BYTES, BULK_INVITE_MAX_ROWS, byteLength, tooLargeMessage };

/** One row as read, before its fields are checked. `row` counts like a spreadsheet: the header is row 1. */
export type RawInviteRow = { row: number; name: string; email: string; role: string; team: string; manager: string };

export type InviteTextRead = { ok: true; format: "csv" | "list"; rows: RawInviteRow[] } | { ok: false; message: string };

const COLUMN_ALIASES: Record<keyof Omit<RawInviteRow, "row">, readonly string[]> = {
  name: ["name", "full name", "display name"],
  email: ["email", "e-mail", "email address", "e-mail address", "mail"],
  role: ["role"],
  team: ["team", "team name"],
  manager: ["manager", "manager email", "manager e-mail", "reports to"],
};
type Column = keyof typeof COLUMN_ALIASES;

const columnOf = (header: string): Column | null => {
  const h = header.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][]) if (aliases.includes(h)) return column;
  return null;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * Reads pasted or uploaded text: a CSV whose first row names its columns (one must be "email";
 * "name", "role", "team" and "manager" are optional, in any order, any letter case), or else a
 * list of e-mail addresses separated by new lines, commas or semicolons ("Ava Lee
 * <ava@example.com>" gives the name too). Refuses, with a message, text over the bounds.
 */
export function readInviteText(input: string): InviteTextRead {
  if (byteLength(input) > BULK_INVITE_MAX_BYTES) return { ok: false, message: tooLargeMessage };
  const text = input.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, message: "Paste at least one e-mail address, or choose a CSV file." };
  const firstLine = text.trimStart().split(/\r\n|\n|\r/, 1)[0] ?? "";
  const header = readCsvRecords(firstLine).records[0] ?? [];
  const columns = header.map(columnOf);
  const rows = columns.includes("email") ? readCsv(text, columns) : columns.some((c) => c !== null) && header.length > 1 ? missingEmail() : readList(text);
  if (!rows.ok) return rows;
  if (rows.rows.length === 0) return { ok: false, message: "There is nobody to invite: add at least one row below the column names." };
  if (rows.rows.length > BULK_INVITE_MAX_ROWS) {
    return {
      ok: false,
      message: `That is ${plural(rows.rows.length, "person", "people")}; at most ${BULK_INVITE_MAX_ROWS.toLocaleString("en-GB")} can be invited at once. Split the list into smaller ones.`,
    };
  }
  return rows;
}

const missingEmail = (): InviteTextRead => ({
  ok: false,
  message: 'The first row of the CSV names its columns, and one of them must be "email". The others can be "name", "role", "team" and "manager".',
});

/** RFC 4180 records (csv-parse): quoted fields may hold commas, quotes ("") and line breaks; a stray quote inside a field is kept. */
function readCsvRecords(text: string): { records: string[][]; unclosedAt?: number } {
  try {
    const records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    return { records: records.filter((cells) => cells.some((c) => c.trim())) };
  } catch (error) {
    const e = error as { code?: string; records?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") return { records: [], unclosedAt: (e.records ?? 0) + 1 };
    throw error;
  }
}

function readCsv(text: string, columns: (Column | null)[]): InviteTextRead {
  const { records, unclosedAt } = readCsvRecords(text.trimStart());
  if (unclosedAt !== undefined) return { ok: false, message: `Row ${unclosedAt} has a quotation mark that is never closed. Check the CSV file and try again.` };
  const rows: RawInviteRow[] = [];
  records.slice(1).forEach((cells, i) => {
    const row: RawInviteRow = { row: i + 2, name: "", email: "", role: "", team: "", manager: "" };
    columns.forEach((column, c) => {
      if (column && !row[column]) row[column] = (cells[c] ?? "").trim();
    });
    rows.push(row);
  });
  return { ok: true, format: "csv", rows };
}

function readList(text: string): InviteTextRead {
  const rows: RawInviteRow[] = [];
  for (const item of text.split(/[\n\r,;]+/)) {
    const trimmed = item.trim();
    if (!trimmed) continue;
    const named = /^(.*)<([^<>]*)>$/.exec(trimmed);
    const entries = named
      ? [{ name: named[1]!.trim().replace(/^"(.*)"$/, "$1"), email: named[2]!.trim() }]
      : trimmed.split(/\s+/).map((email) => ({ name: "", email }));
    for (const e of entries) rows.push({ row: rows.length + 1, name: e.name, email: e.email, role: "", team: "", manager: "" });
  }
  return { ok: true, format: "list", rows };
}

// ---- Checking rows against the organisation -------------------------------------------------

const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [r.toLowerCase(), r])),
  ...Object.fromEntries(ROLES.map((r) => [ROLE_LABEL[r].toLowerCase(), r])),
  "l&d": "LND",
  "learning and development": "LND",
  "learning & development": "LND",
  administrator: "ADMIN",
};

/** A role as people write it ("Manager", "l&d", "ADMIN"); empty is `fallback`; null when unknown. */
export function roleFromText(value: string, fallback: Role = "EMPLOYEE"): Role | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (!v) return fallback;
  return ROLE_WORDS[v] ?? null;
}

/** A row whose fields were checked one by one: a field that did not pass is null, with its message in `errors`. */
export type ParsedInviteRow = {
  row: number;
  name: string | null;
  email: string | null;
  rawEmail: string;
  role: Role | null;
  team: string;
  manager: string;
  errors: string[];
};

export type InviteDirectory = {
  teams: readonly { id: string; name: string }[];
  /** The organisation's people, active and deactivated. E-mails in lower case. */
  people: readonly { id: string; name: string; email: string; status: "ACTIVE" | "DEACTIVATED" }[];
  /** E-mails (lower case) with an invitation still pending. */
  pendingInvites: ReadonlySet<string>;
};

export type CheckedInviteRow = {
  row: number;
  name: string | null;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  managerId: string | null;
  managerName: string | null;
  errors: string[];
};

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Each row checked against the organisation: its team and manager found (a team by name, a
 * manager by e-mail, or by name when only one active person has it), and refused when the
 * address is on an earlier row, already a member, or already invited.
 */
export function checkInviteRows(rows: readonly ParsedInviteRow[], dir: InviteDirectory): CheckedInviteRow[] {
  const teamsByName = new Map<string, { id: string; name: string }[]>();
  for (const t of dir.teams) teamsByName.set(fold(t.name), [...(teamsByName.get(fold(t.name)) ?? []), t]);
  const active = dir.people.filter((p) => p.status === "ACTIVE");
  const personByEmail = new Map(dir.people.map((p) => [p.email.toLowerCase(), p]));
  const firstRowOf = new Map<string, number>();

  return rows.map((r) => {
    const errors = [...r.errors];
    const email = r.email ?? r.rawEmail; // as typed when it is not an address, to show beside its error
    let teamId: string | null = null;
    let teamName: string | null = null;
    if (r.team) {
      const found = teamsByName.get(fold(r.team)) ?? [];
      if (found.length === 1) ({ id: teamId, name: teamName } = found[0]!);
      else if (found.length > 1) errors.push(`Several teams are called "${r.team}". Rename one on the Teams page, or leave the team out and set it later.`);
      else errors.push(`There is no team called "${r.team}". Create it on the Teams page first, or correct the name.`);
    }
    let managerId: string | null = null;
    let managerName: string | null = null;
    if (r.manager) {
      const key = fold(r.manager);
      const byEmail = key.includes("@") ? personByEmail.get(key) : undefined;
      const byName = key.includes("@") ? [] : active.filter((p) => fold(p.name) === key);
      const manager = byEmail ?? (byName.length === 1 ? byName[0] : undefined);
      if (manager && manager.status === "ACTIVE") ({ id: managerId, name: managerName } = manager);
      else if (manager) errors.push(`The manager ${r.manager} is deactivated. Choose an active person.`);
      else if (byName.length > 1) errors.push(`Several people are called "${r.manager}". Give the manager's e-mail instead.`);
      else errors.push(`There is nobody called "${r.manager}" in your organisation. Give the e-mail of an active member as the manager.`);
    }
    if (r.email !== null) {
      const first = firstRowOf.get(email);
      const member = personByEmail.get(email);
      if (first !== undefined) errors.push(`This address is already on row ${first}.`);
      else if (member?.status === "ACTIVE") errors.push("This person is already a member of your organisation.");
      else if (member) errors.push("This person is a deactivated member of your organisation. Reactivate them on the People page instead.");
      else if (dir.pendingInvites.has(email)) errors.push("This address already has a pending invitation. Revoke it first to send a new one.");
      if (first === undefined) firstRowOf.set(email, r.row);
    }
    return { row: r.row, name: r.name, email, role: r.role ?? "EMPLOYEE", teamId, teamName, managerId, managerName, errors };
  });
}
