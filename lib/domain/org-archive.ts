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
//   Reflection     included, with `storyIds`: the stories it links (ReflectionStory, which
//                  the archive folds into its reflection).
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
  email: z
    .string()
    .max(254)
    .regex(/^[^\sA-Z]+@[^\sA-Z]+$/, "must be a lower-case e-mail address"),
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
  figureValue: z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,2})?$/, "must be a decimal number with at most two decimals")
    .nullable(),
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

/** The header and section keys an archive must contain, for a reader to check at the end. */
export function missingParts(seen: Iterable<string>): string[] {
  const got = new Set(seen);
  return [...HEADER_KEYS, ...SECTIONS].filter((k) => !got.has(k));
}
