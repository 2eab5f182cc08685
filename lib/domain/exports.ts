// Export shaping: CSV lines (RFC 4180), the columns of the cycle-entry CSV, file names that carry
// the filters, and the one-line filter description printed in every export's header.
// Pure: no I/O. Streaming and access rules live in the data layer and the route handlers.
import { CYCLE_INFO, type Cycle } from "./framework";
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
  "cycle",
  "narrative",
  "indicators",
  "figureValue",
  "figureUnit",
  "confirmed",
  "recordedAt",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

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
  recordedAt: Date;
};

/**
 * The fields of one CSV record (in CSV_COLUMNS order): the story's columns repeated on each of
 * its cycle entries. Enum values are written as stored (APPLIED, ORG, PUBLISHED), so the file is
 * easy to filter and to read back; free text is protected against formula injection.
 */
export function cycleEntryCsvRow(story: CsvStory, entry: CsvEntry): string[] {
  const text = (s: string | null) => (s === null ? "" : neutralizeFormula(s));
  const row: Record<CsvColumn, string> = {
    storyId: story.id,
    title: text(story.title),
    author: text(story.author),
    team: text(story.team),
    occurredAt: story.occurredAt.toISOString(),
    channel: text(story.channel),
    visibility: story.visibility,
    status: story.status,
    cycle: entry.cycle,
    narrative: text(entry.narrative),
    indicators: text(entry.indicators.join("; ")),
    figureValue: entry.figureValue === null ? "" : String(entry.figureValue),
    figureUnit: text(entry.figureUnit),
    confirmed: entry.figureValue === null ? "" : entry.confirmed ? "true" : "false",
    recordedAt: entry.recordedAt.toISOString(),
  };
  return CSV_COLUMNS.map((c) => row[c]);
}

// ---------------------------------------------------------------------------------------------
// File names and headers

export const EXPORT_KINDS = ["csv", "xlsx", "pdf", "json", "xapi"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const EXTENSION: Record<ExportKind, string> = {
  csv: ".csv",
  xlsx: ".xlsx",
  pdf: ".pdf",
  json: ".json",
  xapi: "-xapi.json",
};

export type ExportFilters = {
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** Team (slug, name or id). */
  team?: string;
  /** Channel key. */
  channel?: string;
  /** Tag name. */
  tag?: string;
  cycle?: Cycle;
};

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

/** Valid dates only, in order. */
function period(filters: ExportFilters): { from?: string; to?: string } {
  let from = filters.from && isIsoDate(filters.from) ? filters.from : undefined;
  let to = filters.to && isIsoDate(filters.to) ? filters.to : undefined;
  if (from && to && from > to) [from, to] = [to, from];
  return { from, to };
}

/**
 * "ripple-acme-2026-01-01_2026-03-31-cycle-applied.csv": the product, the organisation, the
 * period, then each filter that is set (team, channel, tag, cycle). Only [a-z0-9._-] appear, so
 * the name is safe in a Content-Disposition header and on every file system.
 */
export function exportFileName(kind: ExportKind, orgSlug: string, filters: ExportFilters): string {
  const parts = ["ripple", fileNamePart(orgSlug) || "organisation"];
  const { from, to } = period(filters);
  if (from && to) parts.push(`${from}_${to}`);
  else if (from) parts.push(`from-${from}`);
  else if (to) parts.push(`to-${to}`);
  for (const key of ["team", "channel", "tag"] as const) {
    const value = filters[key] === undefined ? "" : fileNamePart(filters[key]);
    if (value) parts.push(`${key}-${value}`);
  }
  if (filters.cycle) parts.push(`cycle-${filters.cycle.toLowerCase()}`);
  return parts.join("-") + EXTENSION[kind];
}

/**
 * One line for the top of an export: the period and each filter that is set, e.g.
 * "From 1 Jan 2026 to 31 Mar 2026 · team Platform · cycle Applied value". Labels turn keys and
 * ids into the names people know.
 */
export function filtersHeader(
  filters: ExportFilters,
  labels: { team?: string; channel?: string } = {},
): string {
  const { from, to } = period(filters);
  const parts: string[] = [];
  if (from && to) parts.push(from === to ? `On ${formatFilterDate(from)}` : `From ${formatFilterDate(from)} to ${formatFilterDate(to)}`);
  else if (from) parts.push(`From ${formatFilterDate(from)}`);
  else if (to) parts.push(`Until ${formatFilterDate(to)}`);
  else parts.push("All time");
  const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
  if (filters.team) parts.push(`team ${oneLine(labels.team ?? filters.team)}`);
  if (filters.channel) parts.push(`channel ${oneLine(labels.channel ?? filters.channel)}`);
  if (filters.tag) parts.push(`tag “${oneLine(filters.tag)}”`);
  if (filters.cycle) parts.push(`cycle ${CYCLE_INFO[filters.cycle].name}`);
  return parts.join(" · ");
}

/** Human labels for the enum columns, for readers that want them (XLSX, PDF). */
export const EXPORT_LABELS = { visibility: VISIBILITY_LABEL, status: STATUS_LABEL } as const;
