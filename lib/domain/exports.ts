// Export shaping: CSV lines (RFC 4180), the columns of the cycle-entry CSV, file names that carry
// the filters, and the one-line filter description printed in every export's header.
// Pure: no I/O. Streaming and access rules live in the data layer and the route handlers.
import { CYCLE_INFO, type Cycle } from "./framework";
import { reportDays, type ReportFilters } from "./report-filters";
import { VISIBILITY_LABEL, type Visibility } from "./roles";
import { STATUS_LABEL, formatFilterDate, isIsoDate, type StoryStatus } from "./story-filters";

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

export type CsvField = string | number | boolean | Date | null | undefined;

/** RFC 4180 line ending. */
export const CRLF = "\r\n";

/**
 * One field as RFC 4180 writes it: empty for null/undefined, ISO 8601 for dates, "true"/"false"
 * for booleans; quoted when it contains a comma, a double quote, CR or LF, with quotes doubled.
 */
export function csvEscape(field: CsvField): string {
  let text: string;
  if (field === null || field === undefined) text = "";
  else if (field instanceof Date) text = field.toISOString();
  else text = String(field);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(fields: readonly CsvField[]): string {
  return fields.map(csvEscape).join(",") + CRLF;
}

/**
 * Spreadsheet programs run a cell that starts with =, +, -, @ (or a tab or CR before one) as a
 * formula. Free text people typed is prefixed with an apostrophe so it is shown, not run
 * (OWASP "CSV injection"). Numbers and dates we write ourselves are never touched.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const CSV_COLUMNS = [
  "storyId",
  "title",
  "author",
  "team",
  "occurredAt",
  "channel",
  "visibility",
  "status",
  "tags",
  "contributors",
  "cycle",
  "narrative",
  "indicators",
  "figureValue",
  "figureUnit",
  "confirmed",
  "confirmedBy",
  "confirmedAt",
  "recordedAt",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Someone who helped with a story, as the exports describe them. */
export type ContributorSummary = {
  /** A colleague's display name, or the outsider's name; null when none was given. */
  name: string | null;
  insideOrg: boolean;
  /** Where an outsider helped (LinkedIn, a conference…). */
  platform: string | null;
  tie: "STRONG" | "WEAK";
};

export type CsvStory = {
  id: string;
  title: string;
  /** The author's display name. */
  author: string;
  /** The author's team name, if any. */
  team: string | null;
  occurredAt: Date;
  /** The channel's label, if any. */
  channel: string | null;
  visibility: Visibility;
  status: StoryStatus;
  /** Tag names. */
  tags?: readonly string[];
  contributors?: readonly ContributorSummary[];
};

export type CsvEntry = {
  cycle: Cycle;
  narrative: string;
  /** Indicator labels (or keys), in the entry's order. */
  indicators: readonly string[];
  /** A number, or the decimal as the database returns it ("12.50"). */
  figureValue: number | string | null;
  figureUnit: string | null;
  confirmed: boolean;
  /** Who confirmed the figure (display name), when it was confirmed. */
  confirmedBy?: string | null;
  confirmedAt?: Date | null;
  recordedAt: Date;
};

/**
 * "Ava Jones (colleague, strong tie); Sam Ext on LinkedIn (outside, weak tie)": who helped, in
 * one field. An outsider without a name is "someone".
 */
export function contributorsSummary(contributors: readonly ContributorSummary[]): string {
  return contributors
    .map((c) => {
      const name = c.name?.replace(/\s+/g, " ").trim() || (c.insideOrg ? "a colleague" : "someone");
      const platform = c.platform?.replace(/\s+/g, " ").trim();
      const where = !c.insideOrg && platform ? ` on ${platform}` : "";
      return `${name}${where} (${c.insideOrg ? "colleague" : "outside"}, ${c.tie === "STRONG" ? "strong" : "weak"} tie)`;
    })
    .join("; ");
}

/**
 * The fields of one CSV record (in CSV_COLUMNS order): the story's columns repeated on each of
 * its cycle entries. Enum values are written as stored (APPLIED, ORG, PUBLISHED), so the file is
 * easy to filter and to read back; free text is protected against formula injection. A story
 * without any cycle entry gets one record whose entry columns are empty (`entry` null), so that
 * it is not lost.
 */
export function cycleEntryCsvRow(story: CsvStory, entry: CsvEntry | null): string[] {
  const text = (s: string | null | undefined) => (s === null || s === undefined ? "" : neutralizeFormula(s));
  const hasFigure = entry !== null && entry.figureValue !== null && entry.figureValue !== "";
  const row: Record<CsvColumn, string> = {
    storyId: story.id,
    title: text(story.title),
    author: text(story.author),
    team: text(story.team),
    occurredAt: story.occurredAt.toISOString(),
    channel: text(story.channel),
    visibility: story.visibility,
    status: story.status,
    tags: text((story.tags ?? []).join("; ")),
    contributors: text(contributorsSummary(story.contributors ?? [])),
    cycle: entry?.cycle ?? "",
    narrative: text(entry?.narrative),
    indicators: text(entry?.indicators.join("; ")),
    figureValue: hasFigure ? String(entry.figureValue) : "",
    figureUnit: text(entry?.figureUnit),
    confirmed: hasFigure ? (entry.confirmed ? "true" : "false") : "",
    confirmedBy: hasFigure && entry.confirmed ? text(entry.confirmedBy) : "",
    confirmedAt: hasFigure && entry.confirmed && entry.confirmedAt ? entry.confirmedAt.toISOString() : "",
    recordedAt: entry ? entry.recordedAt.toISOString() : "",
  };
  return CSV_COLUMNS.map((c) => row[c]);
}

/**
 * The first record of an export CSV: what it is and which filters made it, in the first field,
 * padded with empty fields to the width of the table so the file stays rectangular (RFC 4180:
 * every record has the same number of fields). The column names follow on the next record.
 */
export function csvPreamble(organization: string, filtersLine: string, exportedAt: Date): string[] {
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  const title = `Ripple export · ${oneLine(organization)} · ${oneLine(filtersLine)} · exported ${exportedAt.toISOString()}`;
  return [neutralizeFormula(title), ...CSV_COLUMNS.slice(1).map(() => "")];
}

/** UTF-8 byte order mark: spreadsheet programs need it to read a CSV's accented letters right. */
export const UTF8_BOM = "\uFEFF";

// ---------------------------------------------------------------------------------------------
// File names and headers

/** Every file Ripple exports: what it is called and how it is served. The one list of export kinds. */
export const EXPORT_FORMATS = {
  csv: { extension: ".csv", contentType: "text/csv; charset=utf-8" },
  xlsx: { extension: ".xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pdf: { extension: ".pdf", contentType: "application/pdf" },
  json: { extension: ".json", contentType: "application/json; charset=utf-8" },
  xapi: { extension: "-xapi.json", contentType: "application/json; charset=utf-8" },
} as const satisfies Record<string, { extension: string; contentType: string }>;

export type ExportKind = keyof typeof EXPORT_FORMATS;
export const EXPORT_KINDS = Object.keys(EXPORT_FORMATS) as ExportKind[];

/** Lower-case ASCII letters, digits and single hyphens; at most `max` characters. */
export function fileNamePart(value: string, max = 40): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
}

/** The period as calendar days: valid dates only, in order. */
function period(filters: ReportFilters): { from?: string; to?: string } {
  const days = reportDays(filters);
  let from = days.from && isIsoDate(days.from) ? days.from : undefined;
  let to = days.to && isIsoDate(days.to) ? days.to : undefined;
  if (from && to && from > to) [from, to] = [to, from];
  return { from, to };
}

/** What an export calls the filters it names by id or key (the team's and the channel's names). */
export type ExportLabels = { team?: string; channel?: string };

/**
 * "ripple-acme-2026-01-01_2026-03-31-cycle-applied.csv": the product, the organisation, the
 * period, then each filter that is set (team, by its name when known, channel, tag, cycle). Only
 * [a-z0-9._-] appear, so the name is safe in a Content-Disposition header and on every file system.
 */
export function exportFileName(kind: ExportKind, orgSlug: string, filters: ReportFilters, labels: Pick<ExportLabels, "team"> = {}): string {
  const parts = ["ripple", fileNamePart(orgSlug) || "organisation"];
  const { from, to } = period(filters);
  if (from && to) parts.push(`${from}_${to}`);
  else if (from) parts.push(`from-${from}`);
  else if (to) parts.push(`to-${to}`);
  const named = { team: filters.teamId ? (labels.team ?? filters.teamId) : null, channel: filters.channel, tag: filters.tag };
  for (const key of ["team", "channel", "tag"] as const) {
    const value = named[key] ? fileNamePart(named[key]) : "";
    if (value) parts.push(`${key}-${value}`);
  }
  if (filters.cycle) parts.push(`cycle-${filters.cycle.toLowerCase()}`);
  return parts.join("-") + EXPORT_FORMATS[kind].extension;
}

/**
 * One line for the top of an export: the period and each filter that is set, e.g.
 * "From 1 Jan 2026 to 31 Mar 2026 · team Platform · cycle Applied value". Labels turn keys and
 * ids into the names people know.
 */
export function filtersHeader(filters: ReportFilters, labels: ExportLabels = {}): string {
  const { from, to } = period(filters);
  const parts: string[] = [];
  if (from && to) parts.push(from === to ? `On ${formatFilterDate(from)}` : `From ${formatFilterDate(from)} to ${formatFilterDate(to)}`);
  else if (from) parts.push(`From ${formatFilterDate(from)}`);
  else if (to) parts.push(`Until ${formatFilterDate(to)}`);
  else parts.push("All time");
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  if (filters.teamId) parts.push(`team ${oneLine(labels.team ?? filters.teamId)}`);
  if (filters.channel) parts.push(`channel ${oneLine(labels.channel ?? filters.channel)}`);
  if (filters.tag) parts.push(`tag “${oneLine(filters.tag)}”`);
  if (filters.cycle) parts.push(`cycle ${CYCLE_INFO[filters.cycle].name}`);
  return parts.join(" · ");
}

/** Human labels for the enum columns, for readers that want them (XLSX, PDF). */
export const EXPORT_LABELS = { visibility: VISIBILITY_LABEL, status: STATUS_LABEL } as const;

// ---------------------------------------------------------------------------------------------
// Spreadsheet and xAPI details

/** The most characters a spreadsheet cell holds (Excel's limit). */
export const XLSX_CELL_MAX = 32_767;

/**
 * Text as a spreadsheet cell can hold it: without the control characters XML 1.0 forbids (a
 * pasted NUL or form feed would make the whole file unreadable), and cut with "…" at Excel's
 * cell limit. A cell is written as text, never as a formula, so nothing else needs escaping.
 */
export function xlsxText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
  return clean.length > XLSX_CELL_MAX ? `${clean.slice(0, XLSX_CELL_MAX - 1)}…` : clean;
}

const HEX_UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A database id as an RFC 9562 UUID, for an xAPI statement id. Ripple's ids are UUIDv7 already
 * and come back unchanged (lower-cased). 128-bit ids that do not carry a version and the RFC
 * variant (ids made from hashes, as the synthetic organisations are) get version 8, "custom",
 * and the variant bits set: still one fixed UUID per id. Anything else is null.
 */
export function rfcUuid(id: string): string | null {
  if (RFC_UUID.test(id)) return id.toLowerCase();
  if (!HEX_UUID.test(id)) return null;
  const hex = id.replace(/-/g, "").toLowerCase();
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const v = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}
