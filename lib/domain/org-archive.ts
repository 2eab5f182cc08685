// The organisation archive: the JSON full-fidelity export of one organisation (admins only), and
// the format `npm run db:import` loads into an empty Ripple. Pure: the zod schema, the section
// order, and an incremental reader that splits the JSON text into its records as it arrives.
// Exporting and importing (database, blob store) live in lib/db/org-archive.ts.
//
// Format `ripple.organization`, version 1: one JSON object, written in this key order:
//   format, version, exportedAt, organization, then one array per section (SECTIONS below),
//   parents before children, each array in id order, one record per line.
// Every record keeps its id, timestamps, version, visibility, status, confirmation, highlight and
// soft-deletion fields exactly, so a re-import is the same organisation. `organizationId` is left
// out of the records: every record in an archive belongs to its one organisation.
// Dates are written in ISO 8601 UTC with milliseconds (an offset is understood on import); Reflection.weekStart is a calendar date (YYYY-MM-DD);
// CycleEntry.figureValue is a decimal string with two places ("116.00"), never a float.
//
// Model by model (prisma/schema.prisma):
//   Organization   included: name, slug, settings (default visibility, reflection day, policy).
//   Team           included, with its parent.
//   User           included: id, e-mail, name, timestamps of the people with a membership here.
//                  EXCLUDED: passwordHash (a secret). Imported people have no password: they
//                  sign in through single sign-on (same e-mail) or are given a password by an
//                  operator (`npm run db:import -- file.json --set-password email`).
//   Membership     included: role, status, team, reporting line, reflection day, deactivation.
//   Channel, Indicator, Tag, StoryTag   included (retired ones too: retiredAt kept).
//   Story          included, trashed ones too (deletedAt). EXCLUDED: `search`, the tsvector the
//                  database trigger computes again from title and narrative on insert.
//   CycleEntry     included (figures, confirmations). EXCLUDED: `search` (trigger, as above).
//   Evidence       included with the file itself: `content` is the file's bytes in base64 (files
//                  are at most 10 MB, sizeBytes says how many), null for links and for a file
//                  whose bytes are missing from the store. Bytes are inline because metadata
//                  alone would leave every imported file evidence pointing at nothing: "without
//                  loss" includes the screenshot someone uploaded. base64 costs a third more
//                  bytes; the export is written and read record by record, so memory holds one
//                  file at a time.
//   Contributor, Comment (deleted ones too), StoryReading, FollowUp   included.
//   Reflection     included, with `storyIds`: the stories it links (the implicit
//                  _ReflectionToStory table has no model of its own).
//   Notification   included: each person's inbox with its read state.
//   AuditEvent     included: the organisation's own trail (organizationId = this organisation).
//                  It never holds story text or secrets (schema contract). Events without an
//                  organisation (unknown e-mail sign-in failures) belong to no organisation.
//   StoryRollup    EXCLUDED: derived data (the reports' pre-aggregates), rebuilt by its database
//                  triggers as the stories, entries and contributors are imported.
//   Invite         EXCLUDED: the token hash is a bearer credential; a pending invitation carried
//                  to another server would still open it. Invitations are issued again there.
//   Sessions and auth secrets (NEXTAUTH_SECRET, OIDC client secret) are not in the database
//   (JWT sessions, environment variables), so there is nothing of them to leave out.
// The record schemas are strict: an archive that carries any other field (a passwordHash, a
// tokenHash) is refused, not silently imported.
import { z } from "zod";
import { MAX_EVIDENCE_BYTES } from "./file-type";
import { CAPITAL_KINDS, CYCLES } from "./framework";
import { ROLES, VISIBILITIES } from "./roles";
import { STORY_STATUSES } from "./story-filters";

export const ARCHIVE_FORMAT = "ripple.organization";
export const ARCHIVE_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Field types

/** Database ids are UUIDs (uuid v7 from the app, any 8-4-4-4-12 hex from generators). */
const id = z.guid({ message: "must be an id (UUID)" });
const ts = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time" });
const text = (max = 1_000_000) => z.string().max(max);
const optionalText = (max = 1_000_000) => z.string().max(max).nullable();
const int = z.int();
const day = z.int().min(0).max(6);

const cycle = z.enum(CYCLES);
const role = z.enum(ROLES);
const visibility = z.enum(VISIBILITIES);

// ---------------------------------------------------------------------------------------------
// Records

export const organizationRecord = z.strictObject({
  id,
  name: text(200).min(1),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, "must be a slug of lower-case letters, digits and hyphens"),
  isDemo: z.boolean(),
  defaultVisibility: visibility,
  reflectionDay: day,
  deactivatedStories: z.enum(["KEEP", "HIDE"]),
  createdAt: ts,
  updatedAt: ts,
});

export const teamRecord = z.strictObject({ id, name: text(200).min(1), parentId: id.nullable(), createdAt: ts });

export const userRecord = z.strictObject({
  id,
  email: z.string().max(254).regex(/^[^\sA-Z]+@[^\sA-Z]+$/, "must be a lower-case e-mail address"),
  name: text(200),
  createdAt: ts,
  updatedAt: ts,
});

export const membershipRecord = z.strictObject({
  id,
  userId: id,
  role,
  status: z.enum(["ACTIVE", "DEACTIVATED"]),
  teamId: id.nullable(),
  managerId: id.nullable(),
  reflectionDay: day.nullable(),
  deactivatedAt: ts.nullable(),
  createdAt: ts,
  updatedAt: ts,
});

export const channelRecord = z.strictObject({ id, key: text(100).min(1), label: text(200), sortOrder: int, retiredAt: ts.nullable(), createdAt: ts });

export const indicatorRecord = z.strictObject({
  id,
  key: text(100).min(1),
  cycle,
  capitalKind: z.enum(CAPITAL_KINDS).nullable(),
  label: text(200),
  description: text(),
  sortOrder: int,
  retiredAt: ts.nullable(),
  createdAt: ts,
});

export const tagRecord = z.strictObject({ id, name: text(200).min(1), createdAt: ts });

export const storyRecord = z.strictObject({
  id,
  authorId: id,
  title: text(),
  narrative: text(),
  occurredAt: ts,
  channelId: id.nullable(),
  visibility,
  status: z.enum(STORY_STATUSES),
  version: int.min(1),
  minutesInvested: int.nullable(),
  minutesSaved: int.nullable(),
  highlightedAt: ts.nullable(),
  highlightedById: id.nullable(),
  deletedAt: ts.nullable(),
  createdAt: ts,
  updatedAt: ts,
});

export const cycleEntryRecord = z.strictObject({
  id,
  storyId: id,
  cycle,
  narrative: text(),
  indicatorKeys: z.array(text(100)),
  /** Decimal(14, 2) as text: exact, never a binary float. */
  figureValue: z.string().regex(/^-?\d{1,12}(\.\d{1,2})?$/, "must be a decimal number with at most two decimals").nullable(),
  figureUnit: optionalText(200),
  confirmedById: id.nullable(),
  confirmedAt: ts.nullable(),
  recordedAt: ts,
  updatedAt: ts,
});

export const evidenceRecord = z.strictObject({
  id,
  cycleEntryId: id,
  kind: z.enum(["LINK", "FILE"]),
  url: optionalText(4000),
  label: optionalText(1000),
  fileKey: optionalText(300),
  fileName: optionalText(1000),
  mimeType: optionalText(200),
  sizeBytes: int.min(0).nullable(),
  createdAt: ts,
  /** The file's bytes, base64; null for a link, or a file whose bytes were missing at export. */
  content: z
    .base64({ message: "must be base64" })
    .max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4, "must be a file of at most 10 MB")
    .nullable(),
});

export const contributorRecord = z.strictObject({
  id,
  storyId: id,
  membershipId: id.nullable(),
  externalName: optionalText(500),
  platform: optionalText(200),
  insideOrg: z.boolean(),
  tieStrength: z.enum(["STRONG", "WEAK"]),
  createdAt: ts,
});

export const storyTagRecord = z.strictObject({ storyId: id, tagId: id });

export const commentRecord = z.strictObject({
  id,
  storyId: id,
  authorId: id,
  body: text(),
  createdAt: ts,
  editedAt: ts.nullable(),
  deletedAt: ts.nullable(),
});

export const readingRecord = z.strictObject({
  id,
  storyId: id,
  reviewerId: id,
  cycles: z.array(cycle),
  indicatorKeys: z.array(text(100)),
  note: text(),
  createdAt: ts,
  updatedAt: ts,
});

export const reflectionRecord = z.strictObject({
  id,
  membershipId: id,
  weekStart: z.iso.date({ message: "must be a date (YYYY-MM-DD)" }),
  learned: text(),
  performance: text(),
  // The archive names fields after the database columns: this one keeps its first spelling.
  organisation: text(),
  skipped: z.boolean(),
  sharedWithManager: z.boolean(),
  createdAt: ts,
  updatedAt: ts,
  /** The stories this reflection links, in id order. */
  storyIds: z.array(id),
});

export const followUpRecord = z.strictObject({
  id,
  storyId: id,
  assigneeId: id,
  requestedById: id,
  cycle: cycle.nullable(),
  note: text(),
  dueAt: ts,
  doneAt: ts.nullable(),
  createdAt: ts,
});

export const notificationRecord = z.strictObject({
  id,
  recipientId: id,
  actorId: id.nullable(),
  kind: text(100),
  storyId: id.nullable(),
  /** The follow-up it announces (one notification per follow-up); absent in older archives. */
  followUpId: id.nullable().optional(),
  readAt: ts.nullable(),
  createdAt: ts,
});

export const auditEventRecord = z.strictObject({
  id,
  actorId: id.nullable(),
  action: text(100),
  subject: optionalText(500),
  targetType: optionalText(100),
  targetId: optionalText(100),
  meta: z.json().nullable(),
  createdAt: ts,
});

/** The sections, in the order they are written and must be read: parents before children. */
export const SECTION_SCHEMAS = {
  teams: teamRecord,
  users: userRecord,
  memberships: membershipRecord,
  channels: channelRecord,
  indicators: indicatorRecord,
  tags: tagRecord,
  stories: storyRecord,
  cycleEntries: cycleEntryRecord,
  evidence: evidenceRecord,
  contributors: contributorRecord,
  storyTags: storyTagRecord,
  comments: commentRecord,
  readings: readingRecord,
  reflections: reflectionRecord,
  followUps: followUpRecord,
  notifications: notificationRecord,
  auditEvents: auditEventRecord,
} as const;

export type ArchiveSection = keyof typeof SECTION_SCHEMAS;
export const SECTIONS = Object.keys(SECTION_SCHEMAS) as ArchiveSection[];
export type SectionRecord<S extends ArchiveSection> = z.infer<(typeof SECTION_SCHEMAS)[S]>;

export const HEADER_KEYS = ["format", "version", "exportedAt", "organization"] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];

export const archiveHeaderSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, { message: `must be "${ARCHIVE_FORMAT}"` }),
  version: z.literal(ARCHIVE_VERSION, { message: `must be ${ARCHIVE_VERSION}: this Ripple reads version ${ARCHIVE_VERSION} archives` }),
  exportedAt: ts,
  organization: organizationRecord,
});
export type ArchiveHeader = z.infer<typeof archiveHeaderSchema>;

/** Format and version alone, checked first, so that another version is named as such. */
export const archiveKindSchema = z.object({ format: archiveHeaderSchema.shape.format, version: archiveHeaderSchema.shape.version });

/** The whole archive as one object (for archives already parsed into memory). */
export const orgArchiveSchema = archiveHeaderSchema.extend(
  Object.fromEntries(SECTIONS.map((s) => [s, z.array(SECTION_SCHEMAS[s])])) as { [S in ArchiveSection]: z.ZodArray<(typeof SECTION_SCHEMAS)[S]> },
);
export type OrgArchive = z.infer<typeof orgArchiveSchema>;

/** One readable line per problem: "stories[3].visibility: Invalid option…". */
export function describeIssues(error: z.ZodError, prefix = ""): string {
  return error.issues
    .slice(0, 10)
    .map((i) => {
      const path = `${prefix}${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`.replace(/^\./, "");
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join("; ");
}

// ---------------------------------------------------------------------------------------------
// Writing

/** `"key":` with the JSON that opens a section, one record per line. */
export function archiveHeaderText(header: ArchiveHeader): string {
  const { organization, ...rest } = header;
  return `{${JSON.stringify(rest).slice(1, -1)},\n"organization":${JSON.stringify(organization)}`;
}

export const sectionOpenText = (section: ArchiveSection) => `,\n"${section}":[`;
export const recordText = (record: unknown, first: boolean) => `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
export const sectionCloseText = (empty: boolean) => (empty ? "]" : "\n]");
export const ARCHIVE_END = "\n}\n";

// ---------------------------------------------------------------------------------------------
// Reading, incrementally

export type ArchiveEvent =
  | { type: "header"; key: HeaderKey; value: unknown }
  | { type: "sectionStart"; section: ArchiveSection }
  | { type: "record"; section: ArchiveSection; value: unknown }
  | { type: "sectionEnd"; section: ArchiveSection };

export class ArchiveSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveSyntaxError";
  }
}

type Mode = "start" | "key" | "colon" | "value" | "afterValue" | "item" | "afterItem" | "done";
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const STRING_STOP = /["\\]/g;
const CONTAINER_STOP = /["{}[\]]/g;
const isHeaderKey = (k: string): k is HeaderKey => (HEADER_KEYS as readonly string[]).includes(k);
const isSection = (k: string): k is ArchiveSection => Object.hasOwn(SECTION_SCHEMAS, k);

/**
 * Reads archive JSON text in chunks of any size and returns, for each chunk, the header values and
 * section records it completed, each parsed with JSON.parse. Memory holds one record at a time
 * (a file's base64 at most), never the archive. Any valid JSON layout is read (pretty-printed or
 * not); the top level must be the archive's object, and each section an array. Keys must come in
 * the written order (HEADER_KEYS, then SECTIONS), so that parents are loaded before children.
 */
export class ArchiveReader {
  private mode: Mode = "start";
  private key = "";
  private section: ArchiveSection | null = null;
  private records = 0;
  private seen = new Set<string>();
  private order = 0;
  // The value being captured: its text so far (in parts), nesting depth, string state.
  private parts: string[] = [];
  private capturing = false;
  private captureKind: "container" | "string" | "scalar" = "container";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private offset = 0;

  push(chunk: string): ArchiveEvent[] {
    const events: ArchiveEvent[] = [];
    let start = 0; // where the current capture began in this chunk
    let i = 0;
    if (this.offset === 0 && chunk.charCodeAt(0) === 0xfeff) i = 1;
    while (i < chunk.length) {
      if (this.capturing && this.captureKind !== "scalar" && !this.escaped) {
        // Skip to the next character that matters: a quote or backslash inside a string, a
        // quote or bracket outside. Long texts (a file's base64) are crossed in one step.
        const stop = this.inString ? STRING_STOP : CONTAINER_STOP;
        stop.lastIndex = i;
        const m = stop.exec(chunk);
        if (!m) break;
        i = m.index;
      }
      const c = chunk[i]!;
      if (this.capturing) {
        const done = this.scan(c);
        if (done === "after") {
          // The capture ended at the previous character (a scalar); look at this one again.
          this.parts.push(chunk.slice(start, i));
          this.finishCapture(events);
          continue;
        }
        if (done === "here") {
          this.parts.push(chunk.slice(start, i + 1));
          this.finishCapture(events);
        }
        i++;
        continue;
      }
      if (WHITESPACE.has(c)) {
        i++;
        continue;
      }
      switch (this.mode) {
        case "start":
          if (c !== "{") throw this.error(i, "an archive is one JSON object: expected {");
          this.mode = "key";
          break;
        case "key":
          if (c === "}" && this.seen.size === 0) this.mode = "done";
          else if (c === '"') {
            this.beginCapture(c);
            start = i;
          } else throw this.error(i, "expected a key");
          break;
        case "colon":
          if (c !== ":") throw this.error(i, "expected :");
          this.mode = "value";
          break;
        case "value":
          if (isSection(this.key)) {
            if (c !== "[") throw this.error(i, `"${this.key}" must be an array`);
            this.section = this.key;
            this.records = 0;
            events.push({ type: "sectionStart", section: this.key });
            this.mode = "item";
          } else {
            this.beginCapture(c);
            start = i;
          }
          break;
        case "afterValue":
          if (c === ",") this.mode = "key";
          else if (c === "}") this.mode = "done";
          else throw this.error(i, "expected , or }");
          break;
        case "item":
        case "afterItem":
          if (c === "]" && !(this.mode === "item" && this.records > 0)) {
            events.push({ type: "sectionEnd", section: this.section! });
            this.section = null;
            this.mode = "afterValue";
          } else if (this.mode === "afterItem") {
            if (c !== ",") throw this.error(i, "expected , or ] between records");
            this.mode = "item";
          } else {
            this.beginCapture(c);
            start = i;
          }
          break;
        case "done":
          throw this.error(i, "text after the end of the archive");
      }
      i++;
    }
    if (this.capturing) this.parts.push(chunk.slice(start));
    this.offset += chunk.length;
    return events;
  }

  /** The header keys and sections read so far. */
  get keys(): ReadonlySet<string> {
    return this.seen;
  }

  /** Call once the text has ended: refuses an archive that stopped half-way. */
  end(): ArchiveEvent[] {
    const events: ArchiveEvent[] = [];
    if (this.capturing && this.captureKind === "scalar") this.finishCapture(events);
    if (this.mode !== "done") throw new ArchiveSyntaxError("The archive ends too early: it is incomplete (was the file cut short?).");
    return events;
  }

  private error(i: number, message: string): ArchiveSyntaxError {
    return new ArchiveSyntaxError(`Not a Ripple archive at character ${this.offset + i + 1}: ${message}.`);
  }

  private beginCapture(c: string) {
    this.capturing = true;
    this.parts = [];
    this.inString = c === '"';
    this.escaped = false;
    this.captureKind = c === "{" || c === "[" ? "container" : c === '"' ? "string" : "scalar";
    this.depth = this.captureKind === "container" ? 1 : 0;
  }

  /** Advances the capture over `c` (its first character was taken by beginCapture). */
  private scan(c: string): "more" | "here" | "after" {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === "\\") this.escaped = true;
      else if (c === '"') {
        this.inString = false;
        if (this.captureKind === "string") return "here";
      }
      return "more";
    }
    if (this.captureKind === "scalar") return /[\s,\]}]/.test(c) ? "after" : "more";
    if (c === '"') this.inString = true;
    else if (c === "{" || c === "[") this.depth++;
    else if (c === "}" || c === "]") {
      this.depth--;
      if (this.depth === 0) return "here";
    }
    return "more";
  }

  private finishCapture(events: ArchiveEvent[]) {
    this.capturing = false;
    const raw = this.parts.join("");
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ArchiveSyntaxError(`Not a Ripple archive: a value near character ${this.offset} is not valid JSON.`);
    }
    if (this.mode === "key") {
      const key = value as string;
      if (this.seen.has(key)) throw new ArchiveSyntaxError(`The archive has "${key}" twice.`);
      if (!isHeaderKey(key) && !isSection(key)) throw new ArchiveSyntaxError(`The archive has an unknown part "${key}".`);
      const position = ([...HEADER_KEYS, ...SECTIONS] as string[]).indexOf(key);
      if (position < this.order) {
        throw new ArchiveSyntaxError(`"${key}" comes too late in the archive: the parts must come in the order ${[...HEADER_KEYS, ...SECTIONS].join(", ")}.`);
      }
      this.order = position;
      this.seen.add(key);
      this.key = key;
      this.mode = "colon";
    } else if (this.mode === "value") {
      events.push({ type: "header", key: this.key as HeaderKey, value });
      this.mode = "afterValue";
    } else {
      events.push({ type: "record", section: this.section!, value });
      this.records++;
      this.mode = "afterItem";
    }
  }
}

/** The header and section keys an archive must contain, for a reader to check at the end. */
export function missingParts(seen: Iterable<string>): string[] {
  const got = new Set(seen);
  return [...HEADER_KEYS, ...SECTIONS].filter((k) => !got.has(k));
}
