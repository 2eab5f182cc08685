import "server-only";
// The organisation archive (format in lib/domain/org-archive.ts): the JSON full-fidelity export
// of one organisation, for its admins, and its import into an empty Ripple.
//
// Export: one REPEATABLE READ transaction (a consistent snapshot on PostgreSQL; PGlite runs one
// query at a time anyway) reads the organisation model by model, in keyset-paged queries of
// EXPORT_PAGE rows, and writes the JSON text to a private temporary file; the caller then streams that
// file. Spooling keeps the transaction as short as the database is fast: a slow or stalled
// download never holds a snapshot open (nor, on PGlite, the one connection every request shares).
// Memory stays flat: one page of rows, or one evidence file, at a time.
//
// Import: into an EMPTY Ripple only: no organisation and no user in the target database.
// That is one cheap check, and it makes every id, slug and e-mail collision impossible, so a
// half-merged organisation cannot happen; merging into a running instance would need conflict
// rules this format does not carry. Validated first (the whole archive when given as an object;
// the header before anything is written and each record before it is written when given as a
// stream), then loaded in ONE transaction: any problem anywhere leaves the target untouched
// (evidence files written so far are removed again). The search vectors and the report rollups
// are computed by their database triggers as the rows go in; they are not in the archive.
// People arrive without a password (the archive never carries one): they sign in with single
// sign-on (same e-mail), or an operator sets a password with the import CLI.
import { readClient } from "./replica";
import { deferRollups, refreshOrganizationRollups } from "./rollups";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { prisma } from "./client";
import { assertCan } from "./access";
import { ExpectedError } from "@/lib/platform/errors";
import { Prisma, type PrismaClient } from "./generated/client";
import { getDatabase } from "./registry";
import type { Actor } from "@/lib/domain/actor";
import { checkEvidenceFile } from "@/lib/domain/file-type";
import {
  ARCHIVE_END,
  SECTIONS,
  SECTION_SCHEMAS,
  archiveHeaderSchema,
  archiveHeaderText,
  archiveKindSchema,
  describeIssues,
  missingParts,
  orgArchiveSchema,
  sectionCloseText,
  sectionOpenText,
  type ArchiveHeader,
  type ArchiveSection,
  type SectionRecord,
} from "@/lib/domain/org-archive";
import { ArchiveReader, ArchiveSyntaxError, type ArchiveEvent } from "@/lib/domain/org-archive-reader";
import { isValidBlobKey, getBlobStore, type BlobStore } from "@/lib/platform/storage";
import { now } from "@/lib/platform/clock";

type Tx = Prisma.TransactionClient;

/** Rows per multi-row insert. */
const PAGE = 1000;
/** Records per keyset page of the export (one query returns one text of this many records). */
const EXPORT_PAGE = 5000;
/** Evidence rows per page: each may carry a file of up to 10 MB. */
const EVIDENCE_PAGE = 50;
const EXPORT_TIMEOUT_MS = 30 * 60_000;
const IMPORT_TIMEOUT_MS = 6 * 60 * 60_000;

type Page = { text: string | null; n: number; last: string | null };

// ---------------------------------------------------------------------------------------------
// Export

// Each record's JSON is built by the database (row_to_json: compact, keys in the archive's
// order), and a page of records comes back as ONE text (string_agg), with its count and last key.
// Through PGlite or a driver, one row of text costs far less than thousands of rows of columns:
// 100k stories are exported several times faster than by loading rows into objects. Timestamps
// are written as JavaScript writes them (ISO 8601, milliseconds, Z; the columns hold UTC), the
// figure as its numeric(14, 2) text ("116.50"). The zod schema checks the result in the tests.
const isoText = (column: string) => `to_char(t."${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${column}"`;
const col = (...columns: string[]) => columns.map((c) => `t."${c}"`);

/** The select list of each section's record, in the archive's key order (no user input). */
const RECORD_COLUMNS: Record<Exclude<ArchiveSection, "evidence" | "storyTags">, string[]> = {
  teams: [...col("id", "name", "parentId"), isoText("createdAt")],
  users: [...col("id", "email", "name"), isoText("createdAt"), isoText("updatedAt")], // never passwordHash
  memberships: [
    ...col("id", "userId", "role", "status", "teamId", "managerId", "reflectionDay"),
    isoText("deactivatedAt"),
    isoText("createdAt"),
    isoText("updatedAt"),
  ],
  channels: [...col("id", "key", "label", "sortOrder"), isoText("retiredAt"), isoText("createdAt")],
  indicators: [...col("id", "key", "cycle", "capitalKind", "label", "description", "sortOrder"), isoText("retiredAt"), isoText("createdAt")],
  tags: [...col("id", "name"), isoText("createdAt")],
  stories: [
    ...col("id", "authorId", "title", "narrative"),
    isoText("occurredAt"),
    ...col("channelId", "visibility", "status", "version", "minutesInvested", "minutesSaved"),
    isoText("highlightedAt"),
    ...col("highlightedById"),
    isoText("deletedAt"),
    isoText("createdAt"),
    isoText("updatedAt"),
  ],
  cycleEntries: [
    ...col("id", "storyId", "cycle", "narrative", "indicatorKeys"),
    `t."figureValue"::text AS "figureValue"`,
    ...col("figureUnit", "confirmedById"),
    isoText("confirmedAt"),
    isoText("recordedAt"),
    isoText("updatedAt"),
  ],
  contributors: [...col("id", "storyId", "membershipId", "externalName", "platform", "insideOrg", "tieStrength"), isoText("createdAt")],
  comments: [...col("id", "storyId", "authorId", "body"), isoText("createdAt"), isoText("editedAt"), isoText("deletedAt")],
  readings: [...col("id", "storyId", "reviewerId", "cycles", "indicatorKeys", "note"), isoText("createdAt"), isoText("updatedAt")],
  reflections: [
    ...col("id", "membershipId"),
    `to_char(t."weekStart", 'YYYY-MM-DD') AS "weekStart"`,
    ...col("learned", "performance", "organisation", "skipped", "sharedWithManager"),
    isoText("createdAt"),
    isoText("updatedAt"),
    `ARRAY(SELECT rs."storyId" FROM "ReflectionStory" rs WHERE rs."organizationId" = t."organizationId" AND rs."reflectionId" = t.id ORDER BY rs."storyId") AS "storyIds"`,
  ],
  followUps: [...col("id", "storyId", "assigneeId", "requestedById", "cycle", "note"), isoText("dueAt"), isoText("doneAt"), isoText("createdAt")],
  notifications: [...col("id", "recipientId", "actorId", "kind", "storyId", "followUpId"), isoText("readAt"), isoText("createdAt")],
  auditEvents: [...col("id", "actorId", "action", "subject", "targetType", "targetId", "meta"), isoText("createdAt")],
};

const TABLE: Record<ArchiveSection, string> = {
  teams: "Team",
  users: "User",
  memberships: "Membership",
  channels: "Channel",
  indicators: "Indicator",
  tags: "Tag",
  stories: "Story",
  cycleEntries: "CycleEntry",
  evidence: "Evidence",
  contributors: "Contributor",
  storyTags: "StoryTag",
  comments: "Comment",
  readings: "StoryReading",
  reflections: "Reflection",
  followUps: "FollowUp",
  notifications: "Notification",
  auditEvents: "AuditEvent",
};

/** The rows of a section that belong to the organisation (people: those with a membership in it). */
function scope(section: ArchiveSection, org: string): Prisma.Sql {
  return section === "users"
    ? Prisma.sql`EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = t.id AND m."organizationId" = ${org}::uuid)`
    : Prisma.sql`t."organizationId" = ${org}::uuid`;
}

/** A section's records as JSON text, one page (keyset by id) per query: `,\n`-separated records. */
async function* recordPages(tx: Tx, section: Exclude<ArchiveSection, "evidence" | "storyTags">, org: string, size: number): AsyncGenerator<string> {
  const columns = Prisma.raw(RECORD_COLUMNS[section].join(", "));
  const table = Prisma.raw(`"${TABLE[section]}"`);
  let after: string | null = null;
  for (;;) {
    const [page]: Page[] = await tx.$queryRaw<Page[]>`
      SELECT string_agg(p.j, E',\n' ORDER BY p.id) AS text, count(*)::int AS n, (array_agg(p.id ORDER BY p.id DESC))[1]::text AS last
      FROM (
        SELECT t.id, row_to_json(r)::text AS j
        FROM ${table} t CROSS JOIN LATERAL (SELECT ${columns}) r
        WHERE ${scope(section, org)} ${after === null ? Prisma.empty : Prisma.sql`AND t.id > ${after}::uuid`}
        ORDER BY t.id
        LIMIT ${size}
      ) p`;
    if (page?.text) yield page.text;
    if (!page || page.n < size || !page.last) return;
    after = page.last;
  }
}

async function* storyTagPages(tx: Tx, org: string, size: number): AsyncGenerator<string> {
  let after: { storyId: string; tagId: string } | null = null;
  for (;;) {
    const [page]: Page[] = await tx.$queryRaw<Page[]>`
      SELECT string_agg(p.j, E',\n' ORDER BY p."storyId", p."tagId") AS text, count(*)::int AS n,
        (array_agg(p."storyId"::text || ' ' || p."tagId"::text ORDER BY p."storyId" DESC, p."tagId" DESC))[1] AS last
      FROM (
        SELECT t."storyId", t."tagId", row_to_json(r)::text AS j
        FROM "StoryTag" t CROSS JOIN LATERAL (SELECT t."storyId", t."tagId") r
        WHERE t."organizationId" = ${org}::uuid
          ${after === null ? Prisma.empty : Prisma.sql`AND (t."storyId", t."tagId") > (${after.storyId}::uuid, ${after.tagId}::uuid)`}
        ORDER BY t."storyId", t."tagId"
        LIMIT ${size}
      ) p`;
    if (page?.text) yield page.text;
    if (!page || page.n < size || !page.last) return;
    const [storyId, tagId]: string[] = page.last.split(" ");
    after = { storyId: storyId!, tagId: tagId! };
  }
}

async function readBase64(store: BlobStore, key: string | null): Promise<string | null> {
  if (!key || !isValidBlobKey(key)) return null;
  const blob = await store.get(key);
  if (!blob) return null;
  return Buffer.from(await new Response(blob.stream).arrayBuffer()).toString("base64");
}

/** Evidence, a few rows per query, each record completed with its file (one in memory at a time). */
async function* evidencePages(tx: Tx, org: string, store: BlobStore, size: number): AsyncGenerator<string> {
  const columns = Prisma.raw(
    [...col("id", "cycleEntryId", "kind", "url", "label", "fileKey", "fileName", "mimeType", "sizeBytes"), isoText("createdAt")].join(", "),
  );
  let after: string | null = null;
  for (;;) {
    type Row = { id: string; kind: string; fileKey: string | null; j: string };
    const rows: Row[] = await tx.$queryRaw<Row[]>`
      SELECT t.id::text AS id, t.kind::text AS kind, t."fileKey", row_to_json(r)::text AS j
      FROM "Evidence" t CROSS JOIN LATERAL (SELECT ${columns}) r
      WHERE t."organizationId" = ${org}::uuid ${after === null ? Prisma.empty : Prisma.sql`AND t.id > ${after}::uuid`}
      ORDER BY t.id
      LIMIT ${size}`;
    for (const row of rows) {
      const content = row.kind === "FILE" ? await readBase64(store, row.fileKey) : null;
      yield `${row.j.slice(0, -1)},"content":${JSON.stringify(content)}}`;
    }
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

function sectionText(tx: Tx, section: ArchiveSection, org: string, store: BlobStore, pageSize?: number): AsyncGenerator<string> {
  if (section === "evidence") return evidencePages(tx, org, store, pageSize ?? EVIDENCE_PAGE);
  if (section === "storyTags") return storyTagPages(tx, org, pageSize ?? EXPORT_PAGE);
  return recordPages(tx, section, org, pageSize ?? EXPORT_PAGE);
}

/**
 * The archive of one organisation as JSON text, in pieces of about a page each. Reads through
 * `tx` (run it in one transaction for a consistent archive). No access check: callers check.
 */
export async function* organizationArchiveText(
  tx: Tx,
  organizationId: string,
  opts: { exportedAt?: Date; blobStore?: BlobStore; /** Rows per query (tests page through small organisations). */ pageSize?: number } = {},
): AsyncGenerator<string> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId } });
  const header: ArchiveHeader = {
    format: "ripple.organization",
    version: 1,
    exportedAt: (opts.exportedAt ?? now()).toISOString(),
    organization: {
      id: org.id,
      name: org.name,
      slug: org.slug,
      isDemo: org.isDemo,
      defaultVisibility: org.defaultVisibility,
      reflectionDay: org.reflectionDay,
      deactivatedStories: org.deactivatedStories,
      createdAt: org.createdAt.toISOString(),
      updatedAt: org.updatedAt.toISOString(),
    },
  };
  yield archiveHeaderText(header);
  const store = opts.blobStore ?? getBlobStore();
  for (const section of SECTIONS) {
    yield sectionOpenText(section);
    let empty = true;
    for await (const text of sectionText(tx, section, organizationId, store, opts.pageSize)) {
      // Each piece is one or more records, `,\n`-separated; one record per line.
      yield `${empty ? "\n" : ",\n"}${text}`;
      empty = false;
    }
    yield sectionCloseText(empty);
  }
  yield ARCHIVE_END;
}

export type OrganizationExport = {
  organization: { id: string; name: string; slug: string };
  /** Bytes of JSON text. */
  size: number;
  stream: ReadableStream<Uint8Array>;
};

/**
 * Admins only (`organization.export`): the full-fidelity archive of the actor's organisation, as a
 * stream of UTF-8 JSON text. The archive is first written to a private temporary file inside one
 * snapshot transaction, then streamed from it; the file is gone from the folder before the stream
 * starts (the open handle keeps it readable) and its space is freed when the stream ends.
 */
export async function exportOrganization(actor: Actor): Promise<OrganizationExport> {
  assertCan(actor, "organization.export");
  const organization = await prisma().organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { id: true, name: true, slug: true },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), "ripple-export-"));
  const file = path.join(dir, "archive.json");
  try {
    const out = await open(file, "wx", 0o600);
    try {
      const postgres = getDatabase().kind === "postgres";
      // One snapshot, on the replica when there is one (the archive only reads).
      await (
        await readClient(actor)
      ).$transaction(
        async (tx) => {
          for await (const text of organizationArchiveText(tx, organization.id)) await out.write(text);
        },
        { timeout: EXPORT_TIMEOUT_MS, maxWait: 60_000, ...(postgres ? { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead } : {}) },
      );
    } finally {
      await out.close();
    }
    const input = await open(file, "r");
    const { size } = await input.stat();
    await rm(dir, { recursive: true, force: true });
    const stream = Readable.toWeb(input.createReadStream({ autoClose: true })) as unknown as ReadableStream<Uint8Array>;
    return { organization, size, stream };
  } catch (error) {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/** What the archive is given as: its JSON text (a stream of chunks), or the parsed object. */
export type ArchiveSource = AsyncIterable<string | Uint8Array> | ReadableStream<Uint8Array> | unknown;

export type ImportSummary = {
  organization: { id: string; name: string; slug: string };
  counts: Record<ArchiveSection, number>;
  /** Evidence files written to the blob store. */
  files: number;
  /** File evidence whose bytes were not in the archive (missing at export). */
  filesMissing: number;
  ms: number;
};

const invalid = (message: string) => new ExpectedError("invalid", message);

function isTextStream(source: unknown): source is AsyncIterable<string | Uint8Array> | ReadableStream<Uint8Array> {
  return (
    typeof source === "object" && source !== null && (Symbol.asyncIterator in source || typeof (source as { getReader?: unknown }).getReader === "function")
  );
}

async function* textChunks(source: AsyncIterable<string | Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const iterable: AsyncIterable<string | Uint8Array> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<string | Uint8Array>)
      : {
          async *[Symbol.asyncIterator]() {
            const reader = (source as ReadableStream<Uint8Array>).getReader();
            try {
              for (;;) {
                const { done, value } = await reader.read();
                if (done) return;
                yield value;
              }
            } finally {
              reader.releaseLock();
            }
          },
        };
  try {
    for await (const chunk of iterable) {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError && /encod|decod/i.test(error.message)) throw invalid("The archive is not UTF-8 text.");
    throw error;
  }
}

/** Events of an archive read from text; each record still to be validated. */
async function* eventsFromText(chunks: AsyncGenerator<string>): AsyncGenerator<ArchiveEvent> {
  const reader = new ArchiveReader();
  try {
    for await (const text of chunks) yield* reader.push(text);
    yield* reader.end();
  } catch (error) {
    if (error instanceof ArchiveSyntaxError) throw invalid(error.message);
    throw error;
  }
  const missing = missingParts(reader.keys);
  if (missing.length) throw invalid(`The archive is incomplete: it has no ${missing.join(", ")}.`);
}

/** Events of an archive already parsed and validated as a whole. */
function* eventsFromObject(archive: ReturnType<typeof orgArchiveSchema.parse>): Generator<ArchiveEvent> {
  yield { type: "header", key: "format", value: archive.format };
  yield { type: "header", key: "version", value: archive.version };
  yield { type: "header", key: "exportedAt", value: archive.exportedAt };
  yield { type: "header", key: "organization", value: archive.organization };
  for (const section of SECTIONS) {
    yield { type: "sectionStart", section };
    for (const value of archive[section]) yield { type: "record", section, value };
    yield { type: "sectionEnd", section };
  }
}

const d = (s: string) => new Date(s);

/** The state of one import: the transaction, links to make once both sides exist, files written. */
type Loader = {
  tx: Tx;
  org: string;
  store: BlobStore;
  written: string[];
  teamParents: [string, string][];
  managers: [string, string][];
  files: number;
  filesMissing: number;
};

// Each batch goes in as ONE statement: the records travel as one JSON parameter and the database
// turns them into rows (json_to_recordset), typed column by column. Timestamps are read as the
// instants they name (timestamptz, any offset) and stored in UTC, like Prisma stores them.
// Columns left out take their default (User.passwordHash: null); `search` is set by its trigger.
type Column = readonly [name: string, type: string];
const ts = (name: string): Column => [name, "ts"];

const INSERT_COLUMNS: Record<ArchiveSection, readonly Column[]> = {
  teams: [["id", "uuid"], ["name", "text"], ts("createdAt")], // parentId: linked afterwards
  users: [["id", "uuid"], ["email", "text"], ["name", "text"], ts("createdAt"), ts("updatedAt")],
  memberships: [
    ["id", "uuid"],
    ["userId", "uuid"],
    ["role", '"Role"'],
    ["status", '"MembershipStatus"'],
    ["teamId", "uuid"],
    ["reflectionDay", "int"],
    ts("deactivatedAt"),
    ts("createdAt"),
    ts("updatedAt"),
  ], // managerId: linked afterwards
  channels: [["id", "uuid"], ["key", "text"], ["label", "text"], ["sortOrder", "int"], ts("retiredAt"), ts("createdAt")],
  indicators: [
    ["id", "uuid"],
    ["key", "text"],
    ["cycle", '"Cycle"'],
    ["capitalKind", '"CapitalKind"'],
    ["label", "text"],
    ["description", "text"],
    ["sortOrder", "int"],
    ts("retiredAt"),
    ts("createdAt"),
  ],
  tags: [["id", "uuid"], ["name", "text"], ts("createdAt")],
  stories: [
    ["id", "uuid"],
    ["authorId", "uuid"],
    ["title", "text"],
    ["narrative", "text"],
    ts("occurredAt"),
    ["channelId", "uuid"],
    ["visibility", '"Visibility"'],
    ["status", '"StoryStatus"'],
    ["version", "int"],
    ["minutesInvested", "int"],
    ["minutesSaved", "int"],
    ts("highlightedAt"),
    ["highlightedById", "uuid"],
    ts("deletedAt"),
    ts("createdAt"),
    ts("updatedAt"),
  ],
  cycleEntries: [
    ["id", "uuid"],
    ["storyId", "uuid"],
    ["cycle", '"Cycle"'],
    ["narrative", "text"],
    ["indicatorKeys", "text[]"],
    ["figureValue", "numeric(14,2)"],
    ["figureUnit", "text"],
    ["confirmedById", "uuid"],
    ts("confirmedAt"),
    ts("recordedAt"),
    ts("updatedAt"),
  ],
  evidence: [
    ["id", "uuid"],
    ["cycleEntryId", "uuid"],
    ["kind", '"EvidenceKind"'],
    ["url", "text"],
    ["label", "text"],
    ["fileKey", "text"],
    ["fileName", "text"],
    ["mimeType", "text"],
    ["sizeBytes", "int"],
    ts("createdAt"),
  ],
  contributors: [
    ["id", "uuid"],
    ["storyId", "uuid"],
    ["membershipId", "uuid"],
    ["externalName", "text"],
    ["platform", "text"],
    ["insideOrg", "boolean"],
    ["tieStrength", '"TieStrength"'],
    ts("createdAt"),
  ],
  storyTags: [
    ["storyId", "uuid"],
    ["tagId", "uuid"],
  ],
  comments: [["id", "uuid"], ["storyId", "uuid"], ["authorId", "uuid"], ["body", "text"], ts("createdAt"), ts("editedAt"), ts("deletedAt")],
  readings: [
    ["id", "uuid"],
    ["storyId", "uuid"],
    ["reviewerId", "uuid"],
    ["cycles", '"Cycle"[]'],
    ["indicatorKeys", "text[]"],
    ["note", "text"],
    ts("createdAt"),
    ts("updatedAt"),
  ],
  reflections: [
    ["id", "uuid"],
    ["membershipId", "uuid"],
    ["weekStart", "date"],
    ["learned", "text"],
    ["performance", "text"],
    ["organisation", "text"],
    ["skipped", "boolean"],
    ["sharedWithManager", "boolean"],
    ts("createdAt"),
    ts("updatedAt"),
  ], // storyIds: the link table, below
  followUps: [
    ["id", "uuid"],
    ["storyId", "uuid"],
    ["assigneeId", "uuid"],
    ["requestedById", "uuid"],
    ["cycle", '"Cycle"'],
    ["note", "text"],
    ts("dueAt"),
    ts("doneAt"),
    ts("createdAt"),
  ],
  notifications: [
    ["id", "uuid"],
    ["recipientId", "uuid"],
    ["actorId", "uuid"],
    ["kind", "text"],
    ["storyId", "uuid"],
    ["followUpId", "uuid"],
    ts("readAt"),
    ts("createdAt"),
  ],
  auditEvents: [
    ["id", "uuid"],
    ["actorId", "uuid"],
    ["action", "text"],
    ["subject", "text"],
    ["targetType", "text"],
    ["targetId", "text"],
    ["meta", "jsonb"],
    ts("createdAt"),
  ],
};

/** The INSERT … SELECT … FROM json_to_recordset of a section (static text: no input in it). */
const INSERT_SQL = Object.fromEntries(
  SECTIONS.map((section) => {
    const columns = INSERT_COLUMNS[section];
    const names = columns.map(([n]) => `"${n}"`).join(", ");
    const values = columns.map(([n, t]) => (t === "ts" ? `x."${n}" AT TIME ZONE 'UTC'` : `x."${n}"`)).join(", ");
    const types = columns.map(([n, t]) => `"${n}" ${t === "ts" ? "timestamptz" : t}`).join(", ");
    // People belong to no organisation row of their own: their membership says where they are.
    const head = section === "users" ? `INSERT INTO "User" (${names}) SELECT ` : `INSERT INTO "${TABLE[section]}" ("organizationId", ${names}) SELECT `;
    const tail = section === "users" ? `${values} FROM json_to_recordset(` : `, ${values} FROM json_to_recordset(`;
    return [section, { head, tail, types: `) AS x(${types})` }];
  }),
) as Record<ArchiveSection, { head: string; tail: string; types: string }>;

/** Inserts a batch of one section's records (validated). */
async function insertBatch(l: Loader, section: ArchiveSection, batch: unknown[]): Promise<void> {
  const { tx, org } = l;
  if (section === "teams") for (const t of batch as SectionRecord<"teams">[]) if (t.parentId) l.teamParents.push([t.id, t.parentId]);
  if (section === "memberships") for (const m of batch as SectionRecord<"memberships">[]) if (m.managerId) l.managers.push([m.id, m.managerId]);
  let rows = batch;
  if (section === "evidence") {
    const records = batch as SectionRecord<"evidence">[];
    for (const v of records) {
      if (v.content === null) {
        if (v.kind === "FILE") l.filesMissing++;
        continue;
      }
      if (v.kind !== "FILE") throw invalid(`The archive is not valid: evidence ${v.id} is a link but carries file content.`);
      // Files go under the organisation's own prefix, nowhere else.
      if (!v.fileKey || !isValidBlobKey(v.fileKey) || !v.fileKey.startsWith(`${org}/`))
        throw invalid(`The archive is not valid: evidence ${v.id} has an invalid file key.`);
      const bytes = Buffer.from(v.content, "base64");
      if (v.sizeBytes !== null && bytes.length !== v.sizeBytes) {
        throw invalid(`The archive is not valid: evidence ${v.id} has ${bytes.length} bytes of file, not the ${v.sizeBytes} its record says.`);
      }
      // The bytes decide the type, as at upload: a file is served with the type recorded here.
      const bytesView = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      if (checkEvidenceFile(bytesView)?.mime !== v.mimeType) {
        throw invalid(`The archive is not valid: evidence ${v.id} is not the ${v.mimeType ?? "file"} its record says (or not a type Ripple takes).`);
      }
      l.written.push(v.fileKey);
      await l.store.put(v.fileKey, bytesView, { contentType: v.mimeType });
      l.files++;
    }
    rows = records.map(({ content: _content, ...rest }) => rest); // the bytes are in the store, not the database
  }
  const sql = INSERT_SQL[section];
  const orgValue = section === "users" ? Prisma.empty : Prisma.sql`${org}::uuid`;
  const inserted = await tx.$executeRaw`${Prisma.raw(sql.head)}${orgValue}${Prisma.raw(sql.tail)}${JSON.stringify(rows)}::json${Prisma.raw(sql.types)}`;
  if (inserted !== rows.length) throw invalid(`The archive is not valid: ${section} could not all be loaded.`);
  if (section === "reflections") {
    const links = (batch as SectionRecord<"reflections">[]).flatMap((r) => r.storyIds.map((s) => [r.id, s] as const));
    if (links.length) {
      // Stories of this organisation only (a foreign id finds no row and is refused).
      const linked = await tx.$executeRaw`
        INSERT INTO "ReflectionStory" ("organizationId", "reflectionId", "storyId")
        SELECT ${org}::uuid, l.a, s.id FROM unnest(${links.map((x) => x[0])}::uuid[], ${links.map((x) => x[1])}::uuid[]) AS l(a, b)
        JOIN "Story" s ON s.id = l.b AND s."organizationId" = ${org}::uuid`;
      if (linked !== links.length) throw invalid("The archive is not valid: a reflection links a story the archive does not contain.");
    }
  }
}

/** Links pairs (child, parent) in one statement per chunk, once both sides exist. */
async function linkParents(tx: Tx, table: "Team" | "Membership", column: "parentId" | "managerId", pairs: [string, string][], org: string): Promise<void> {
  for (let i = 0; i < pairs.length; i += 5000) {
    const chunk = pairs.slice(i, i + 5000);
    const updated = await tx.$executeRaw`
      UPDATE ${Prisma.raw(`"${table}"`)} AS t SET ${Prisma.raw(`"${column}"`)} = p.parent
      FROM unnest(${chunk.map((x) => x[0])}::uuid[], ${chunk.map((x) => x[1])}::uuid[]) AS p(id, parent)
      JOIN ${Prisma.raw(`"${table}"`)} AS target ON target.id = p.parent AND target."organizationId" = ${org}::uuid
      WHERE t.id = p.id AND t."organizationId" = ${org}::uuid`;
    if (updated !== chunk.length) throw invalid(table === "Team" ? "A team's parent is not in the archive." : "A membership's manager is not in the archive.");
  }
}

function describeDatabaseError(error: unknown, section?: ArchiveSection): ExpectedError | null {
  type Cause = { originalCode?: unknown; kind?: unknown; constraint?: { index?: unknown } };
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: Cause } } } | null;
  // Prisma's own codes, or PostgreSQL's through a raw query (P2010, with the driver's cause).
  const cause = e?.meta?.driverAdapterError?.cause;
  const kind =
    e?.code === "P2003" || cause?.originalCode === "23503" ? "reference" : e?.code === "P2002" || cause?.originalCode === "23505" ? "duplicate" : null;
  const where = section ? `${section}: ` : "";
  const constraint = typeof cause?.constraint?.index === "string" ? ` (${cause.constraint.index})` : "";
  if (kind === "reference") return invalid(`The archive is not valid: ${where}a record refers to something the archive does not contain${constraint}.`);
  if (kind === "duplicate") return invalid(`The archive is not valid: ${where}the same record is in it twice${constraint}.`);
  return null;
}

/**
 * Loads an archive into an EMPTY Ripple database (no organisation, no user), in one transaction.
 * `source` is the archive's JSON text as a stream (Node or web stream, strings or bytes), or the
 * archive already parsed. Throws ExpectedError("invalid" | "conflict") with a readable message
 * and leaves the target as it was. Evidence files are written to `opts.blobStore` (the
 * configured store by default) under their original keys.
 */
export async function importOrganization(
  db: PrismaClient,
  source: ArchiveSource,
  opts: {
    blobStore?: BlobStore;
    /** Called as each section is loaded (for progress). */ onSection?: (section: ArchiveSection, records: number, ms: number) => void;
    /** Called after each step at the end: the search documents, the report rollups. */ onStep?: (step: "search" | "rollups", ms: number) => void;
  } = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const validateRecords = isTextStream(source);
  let events: AsyncIterator<ArchiveEvent> | Iterator<ArchiveEvent>;
  if (validateRecords) {
    events = eventsFromText(textChunks(source))[Symbol.asyncIterator]();
  } else {
    // Format and version first: an archive of another version is named as such.
    const kind = archiveKindSchema.safeParse(source);
    if (!kind.success) throw invalid(`The archive is not valid: ${describeIssues(kind.error)}.`);
    const parsed = orgArchiveSchema.safeParse(source);
    if (!parsed.success) throw invalid(`The archive is not valid: ${describeIssues(parsed.error)}.`);
    events = eventsFromObject(parsed.data);
  }
  const next = async () => (await events.next()) as IteratorResult<ArchiveEvent>;

  // The header comes first; it is checked before anything is written.
  const header: Record<string, unknown> = {};
  while (!("organization" in header)) {
    const r = await next();
    if (r.done) throw invalid("The archive has no organisation.");
    if (r.value.type !== "header") throw invalid("The archive's header (format, version, exportedAt, organization) must come before its sections.");
    const { key, value } = r.value;
    header[key] = value;
    if (key === "format" || key === "version") {
      const check = archiveHeaderSchema.shape[key].safeParse(value);
      if (!check.success) throw invalid(`The archive is not valid: ${describeIssues(check.error, key)}.`);
    }
  }
  const head = archiveHeaderSchema.safeParse(header);
  if (!head.success) throw invalid(`The archive is not valid: ${describeIssues(head.error)}.`);
  const organization = head.data.organization;

  const store = opts.blobStore ?? getBlobStore();
  const counts = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<ArchiveSection, number>;
  const l: Loader = { tx: db, org: organization.id, store, written: [], teamParents: [], managers: [], files: 0, filesMissing: 0 };
  try {
    await db.$transaction(
      async (tx) => {
        // Two imports (or a sign-up) at once cannot both find the database empty.
        await tx.$executeRaw`LOCK TABLE "Organization" IN SHARE ROW EXCLUSIVE MODE`;
        // The report rollups and the stories' search documents are built once at the end
        // instead of after every batch (each batch of tags, helpers or entries rewrote its stories).
        await deferRollups(tx);
        await tx.$executeRaw`SELECT set_config('ripple.defer_search', 'on', true)`;
        const [orgs, users] = await Promise.all([tx.organization.count(), tx.user.count()]);
        if (orgs > 0 || users > 0) {
          throw new ExpectedError(
            "conflict",
            `The target database is not empty (${orgs} organisation(s), ${users} account(s)). Import into an empty Ripple: a new data folder or database, before its first start.`,
          );
        }
        await tx.organization.create({
          data: {
            id: organization.id,
            name: organization.name,
            slug: organization.slug,
            isDemo: organization.isDemo,
            defaultVisibility: organization.defaultVisibility,
            reflectionDay: organization.reflectionDay,
            deactivatedStories: organization.deactivatedStories,
            createdAt: d(organization.createdAt),
            updatedAt: d(organization.updatedAt),
          },
        });
        l.tx = tx;
        let batch: unknown[] = [];
        let batchBytes = 0;
        let section: ArchiveSection | null = null;
        let sectionStarted = performance.now();
        const flush = async () => {
          if (section && batch.length) {
            const at = section;
            await insertBatch(l, at, batch).catch((error: unknown) => {
              throw describeDatabaseError(error, at) ?? error;
            });
          }
          batch = [];
          batchBytes = 0;
        };
        for (;;) {
          const r = await next();
          if (r.done) break;
          const ev = r.value;
          if (ev.type === "header") throw invalid("The archive's header must come before its sections.");
          if (ev.type === "sectionStart") {
            section = ev.section;
            sectionStarted = performance.now();
          } else if (ev.type === "record") {
            let value = ev.value;
            if (validateRecords) {
              const parsed = SECTION_SCHEMAS[ev.section].safeParse(value);
              if (!parsed.success) throw invalid(`The archive is not valid: ${describeIssues(parsed.error, `${ev.section}[${counts[ev.section]}]`)}.`);
              value = parsed.data;
            }
            batch.push(value);
            counts[ev.section]++;
            if (ev.section === "evidence") batchBytes += (value as { content: string | null }).content?.length ?? 0;
            if (batch.length >= PAGE || batchBytes > 32 * 1024 * 1024) await flush();
          } else {
            await flush();
            if (ev.section === "teams") await linkParents(tx, "Team", "parentId", l.teamParents, l.org);
            if (ev.section === "memberships") await linkParents(tx, "Membership", "managerId", l.managers, l.org);
            opts.onSection?.(ev.section, counts[ev.section], performance.now() - sectionStarted);
            section = null;
          }
        }
        const searchStarted = performance.now();
        await tx.$executeRaw`SELECT ripple_refresh_organization_search(${l.org}::uuid)`;
        opts.onStep?.("search", performance.now() - searchStarted);
        const rollupsStarted = performance.now();
        await refreshOrganizationRollups(tx, l.org);
        opts.onStep?.("rollups", performance.now() - rollupsStarted);
      },
      { timeout: IMPORT_TIMEOUT_MS, maxWait: 60_000 },
    );
  } catch (error) {
    await Promise.all(l.written.map((key) => store.delete(key).catch(() => {})));
    if (error instanceof ExpectedError) throw error;
    throw describeDatabaseError(error) ?? error;
  }
  return {
    organization: { id: organization.id, name: organization.name, slug: organization.slug },
    counts,
    files: l.files,
    filesMissing: l.filesMissing,
    ms: performance.now() - started,
  };
}
