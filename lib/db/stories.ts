import "server-only";
import { readableStoryScope, storyFor, type StoryRef } from "./access";
import { prisma } from "./client";
import { tenantKey } from "./keys";
import { Prisma } from "./generated/client";
import { ExpectedError, isUniqueViolation, notFound } from "@/lib/platform/errors";
import { auditedWrite, auditFromActor } from "./audit";
import { rememberCaptureChannel } from "./profile";
import type { Actor } from "@/lib/domain/actor";
import type { Visibility } from "@/lib/domain/roles";
import { furthestCycle, valueChain, type Cycle } from "@/lib/domain/framework";
import { effectiveSort, normalizeStoryFilters, type StoryFilters } from "@/lib/domain/story-filters";
import type { QuickCaptureInput } from "@/lib/validation/story";
import { now } from "@/lib/platform/clock";

/** Only the author's own story (for editing), or null. Trashed stories count only when asked. */
export function ownStoryScope(actor: Actor, storyId: string, opts: { includeTrashed?: boolean } = {}): Prisma.StoryWhereInput {
  return {
    id: storyId,
    organizationId: actor.organizationId,
    authorId: actor.membershipId,
    ...(opts.includeTrashed ? {} : { deletedAt: null }),
  };
}

/**
 * Quick capture: one line, where it happened (or not said yet: no channel), an optional link.
 * A draft story with its first cycle entry.
 * Idempotent by the page's `clientId`: a retried submission (the answer to the first was lost)
 * returns the story the first one stored, also when both arrive at once; the unique key
 * (organisation, author, clientId) decides.
 */
export async function quickCapture(actor: Actor, input: QuickCaptureInput): Promise<{ id: string }> {
  const db = prisma();
  const clientId = input.clientId ?? null;
  const existing = () =>
    clientId ? db.story.findFirst({ where: { organizationId: actor.organizationId, authorId: actor.membershipId, clientId }, select: { id: true } }) : null;
  const [channel, org, already] = await Promise.all([
    input.channel ? db.channel.findFirst({ where: { organizationId: actor.organizationId, key: input.channel, retiredAt: null }, select: { id: true } }) : null,
    db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { defaultVisibility: true } }),
    existing(),
  ]);
  if (already) {
    if (channel || !input.channel) await applyRetriedWords(actor, already.id, input, channel?.id ?? null);
    return already;
  }
  if (input.channel && !channel) {
    throw new ExpectedError("invalid", "Choose where it happened from the list.", { channel: ["Choose where it happened from the list."] });
  }
  try {
    const at = now();
    return await auditedWrite(async (tx, audit) => {
      const story = await tx.story.create({
        data: {
          organizationId: actor.organizationId,
          authorId: actor.membershipId,
          clientId,
          title: input.what,
          occurredAt: at,
          channelId: channel?.id ?? null,
          visibility: org.defaultVisibility,
          status: "DRAFT",
          entries: {
            // The organisation of nested rows is the story's (their keys include it).
            create: {
              cycle: input.startCycle,
              narrative: input.what,
              recordedAt: at,
              ...(input.link ? { evidence: { create: { kind: "LINK", url: input.link } } } : {}),
            },
          },
        },
        select: { id: true },
      });
      await audit({ ...auditFromActor(actor), action: "story.created", targetType: "story", targetId: story.id });
      // The next capture, in any browser, starts from this channel.
      if (channel) await rememberCaptureChannel(tx, actor, channel.id);
      return story;
    });
  } catch (error) {
    // The same submission, arrived at the same time, was stored first: that story is this one.
    if (clientId && isUniqueViolation(error)) {
      const first = await existing();
      if (first) return first;
    }
    throw error;
  }
}

/**
 * A retry may carry words the person corrected after the first answer was lost: they replace
 * the captured ones while the story is still as captured (never saved in the editor since).
 */
async function applyRetriedWords(actor: Actor, storyId: string, input: QuickCaptureInput, channelId: string | null) {
  await prisma().$transaction(async (tx) => {
    const story = await tx.story.findFirst({
      where: { id: storyId, organizationId: actor.organizationId, authorId: actor.membershipId, version: 1 },
      select: {
        title: true,
        channelId: true,
        entries: {
          select: { id: true, narrative: true, evidence: { where: { kind: "LINK" }, select: { url: true } } },
          orderBy: { recordedAt: "asc" },
          take: 1,
        },
      },
    });
    const entry = story?.entries[0];
    if (!story || !entry) return;
    if (story.title !== input.what || story.channelId !== channelId)
      await tx.story.update({ where: tenantKey(actor.organizationId, storyId), data: { title: input.what, channelId } });
    if (entry.narrative === story.title && story.title !== input.what)
      await tx.cycleEntry.update({ where: tenantKey(actor.organizationId, entry.id), data: { narrative: input.what } });
    if (input.link && !entry.evidence.some((e) => e.url === input.link)) {
      await tx.evidence.create({ data: { organizationId: actor.organizationId, cycleEntryId: entry.id, kind: "LINK", url: input.link } });
    }
  });
}

export type StoryListItem = {
  id: string;
  title: string;
  occurredAt: Date;
  visibility: Visibility;
  status: "DRAFT" | "PUBLISHED";
  channel: string | null;
  furthest: Cycle | null;
  chain: { cycle: Cycle; reached: boolean }[];
  /** Tag names, alphabetical. */
  tags: string[];
  /** Search results only: a short piece of the best matching text, matches marked <<like this>>. */
  snippet?: string;
};

/** The most stories one list shows. */
export const STORY_LIST_LIMIT = 200;

type ListRow = {
  id: string;
  title: string;
  occurredAt: Date;
  visibility: Visibility;
  status: "DRAFT" | "PUBLISHED";
  channel: string | null;
  cycles: Cycle[];
  tags: string[];
  snippet: string | null;
};

function toListItem(row: ListRow): StoryListItem {
  return {
    id: row.id,
    title: row.title,
    occurredAt: row.occurredAt instanceof Date ? row.occurredAt : new Date(row.occurredAt),
    visibility: row.visibility,
    status: row.status,
    channel: row.channel,
    furthest: furthestCycle(row.cycles),
    chain: valueChain(row.cycles),
    tags: row.tags,
    ...(row.snippet ? { snippet: row.snippet } : {}),
  };
}

const clampLimit = (limit: number | undefined) => Math.min(Math.max(Math.trunc(limit ?? STORY_LIST_LIMIT), 1), STORY_LIST_LIMIT);

/** The actor's own stories (never trashed) matching the filters, in the filters' order. */
export async function listMyStories(actor: Actor, filters: StoryFilters & { take?: number } = {}): Promise<StoryListItem[]> {
  const { take, ...rest } = filters;
  return (await findMyStories(actor, rest, { limit: take ?? STORY_LIST_LIMIT })).stories;
}

/**
 * The actor's own stories matching the filters, and whether more matched than the limit.
 * One query, whatever the filters: it filters, searches, sorts, limits and loads the list
 * columns (cycles, tags, snippet) together, always scoped to the organisation, the author and
 * stories not in the trash.
 */
export async function findMyStories(
  actor: Actor,
  filters: StoryFilters = {},
  opts: { limit?: number } = {},
): Promise<{ stories: StoryListItem[]; more: boolean }> {
  const limit = clampLimit(opts.limit);
  const f = normalizeStoryFilters({ ...filters, q: filters.q?.trim() });
  const rows = await prisma().$queryRaw<ListRow[]>(myStoriesSql(actor, f, limit + 1, "list"));
  return { stories: rows.slice(0, limit).map(toListItem), more: rows.length > limit };
}

/** Full-text search of the actor's own stories: ids and ranks, best first. */
export async function searchMyStoryIds(actor: Actor, q: string, opts: { limit?: number } = {}): Promise<{ id: string; rank: number }[]> {
  const text = q.trim();
  if (!text) return [];
  const rows = await prisma().$queryRaw<{ id: string; rank: number }[]>(myStoriesSql(actor, { q: text }, clampLimit(opts.limit), "ids"));
  return rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
}

/** The furthest cycle a story reaches (the Cycle enum is ordered), null without entries. */
const furthestSql = Prisma.sql`(SELECT max(e."cycle") FROM "CycleEntry" e WHERE e."storyId" = s."id")`;

/** A fragment around the matches (MaxFragments=1) reads better than one starting at a match. */
const HEADLINE_OPTIONS = "StartSel=<<, StopSel=>>, MaxWords=20, MinWords=8, ShortWord=2, MaxFragments=1";

/**
 * The SQL behind My stories. Every value is a parameter; only fixed fragments are composed.
 * "hits" holds the ordered, limited story ids; "list" mode then adds the list columns.
 */
function myStoriesSql(actor: Actor, f: StoryFilters, limit: number, mode: "list" | "ids"): Prisma.Sql {
  const where: Prisma.Sql[] = [
    Prisma.sql`s."organizationId" = CAST(${actor.organizationId} AS uuid)`,
    Prisma.sql`s."authorId" = CAST(${actor.membershipId} AS uuid)`,
    Prisma.sql`s."deletedAt" IS NULL`,
  ];
  if (f.cycle) where.push(Prisma.sql`${furthestSql} = CAST(${f.cycle} AS "Cycle")`);
  if (f.channel) {
    where.push(
      Prisma.sql`s."channelId" IN (SELECT ch."id" FROM "Channel" ch WHERE ch."organizationId" = CAST(${actor.organizationId} AS uuid) AND ch."key" = ${f.channel})`,
    );
  }
  if (f.tag) {
    where.push(
      Prisma.sql`s."id" IN (SELECT st."storyId" FROM "Tag" t JOIN "StoryTag" st ON st."tagId" = t."id" AND st."organizationId" = t."organizationId"
        WHERE t."organizationId" = CAST(${actor.organizationId} AS uuid) AND t."name" = ${f.tag})`,
    );
  }
  if (f.visibility) where.push(Prisma.sql`s."visibility" = CAST(${f.visibility} AS "Visibility")`);
  if (f.status) where.push(Prisma.sql`s."status" = CAST(${f.status} AS "StoryStatus")`);
  // Whole days, inclusive; occurredAt is stored in UTC.
  if (f.from) where.push(Prisma.sql`s."occurredAt" >= CAST(${f.from} AS date)`);
  if (f.to) where.push(Prisma.sql`s."occurredAt" < CAST(${f.to} AS date) + 1`);

  const sort = effectiveSort(f);
  const newest = Prisma.sql`s."occurredAt" DESC, s."id" DESC`;
  const orderBy =
    sort === "oldest"
      ? Prisma.sql`s."occurredAt" ASC, s."id" ASC`
      : sort === "furthest"
        ? Prisma.sql`${furthestSql} DESC NULLS LAST, ${newest}`
        : sort === "relevance" && f.q
          ? Prisma.sql`s."rank" DESC, ${newest}`
          : newest;
  const conditions = Prisma.join(where, " AND ");

  // A story is searched as one text, its search document (kept by the database: title A,
  // narrative B, tags and the names and platforms of the people who helped C, cycle entries D;
  // see the story_search_tags_contributors migration). So "agency template" finds a story with
  // "agency" in the title and "template" in an entry, "Mastodon" one that a stranger there
  // helped with, and "-retries" leaves out a story that mentions retries anywhere. Only the
  // actor's own stories are ever read.
  const hits = f.q
    ? Prisma.sql`WITH "query" AS (
        SELECT websearch_to_tsquery('english', ${f.q}) AS "tsq", tsvector_to_array(to_tsvector('english', ${f.q})) AS "words"
      ),
      "hits" AS (
        SELECT s."id", s."tsq", s."words", s."rank", row_number() OVER (ORDER BY ${orderBy}) AS "position"
        FROM (
          SELECT s.*, "query"."tsq", "query"."words", ts_rank(s."search", "query"."tsq")::float8 AS "rank"
          FROM "Story" s CROSS JOIN "query"
          WHERE ${conditions} AND s."search" @@ "query"."tsq"
        ) s
        ORDER BY "position"
        LIMIT ${limit}
      )`
    : Prisma.sql`WITH "hits" AS (
        SELECT s."id", 0::float8 AS "rank", row_number() OVER (ORDER BY ${orderBy}) AS "position"
        FROM "Story" s
        WHERE ${conditions}
        ORDER BY "position"
        LIMIT ${limit}
      )`;

  if (mode === "ids") return Prisma.sql`${hits} SELECT hits."id", hits."rank" FROM "hits" ORDER BY hits."position"`;

  // The snippet: of the matching texts other than the title (which the list shows anyway, and
  // which a quick capture repeats as its first entry), the one with the most of the query's
  // words; then the higher rank, then the earlier cycle, then who helped ("Helped by Sam
  // (Mastodon)"; tags are on the list already). ts_headline is costly, so it runs once
  // per row returned, on the chosen text only.
  const snippet = f.q
    ? Prisma.sql`(
        SELECT ts_headline('english', b."body", hits."tsq", ${HEADLINE_OPTIONS})
        FROM (
          SELECT c."body"
          FROM (
            SELECT s."narrative" AS "body", to_tsvector('english', s."narrative") AS "vec", 0 AS "pos"
            UNION ALL
            SELECT e."narrative", e."search", array_position(enum_range(NULL::"Cycle"), e."cycle")
            FROM "CycleEntry" e
            WHERE e."storyId" = s."id"
            UNION ALL
            SELECT k."body", to_tsvector('english', k."names"), 6
            FROM (
              SELECT 'Helped by ' || string_agg(coalesce(c."externalName", u."name", '') || coalesce(' (' || c."platform" || ')', ''), ', ' ORDER BY c."createdAt", c."id") AS "body",
                string_agg(concat_ws(' ', coalesce(c."externalName", u."name"), c."platform"), ' ; ') AS "names"
              FROM "Contributor" c
              LEFT JOIN "Membership" m ON m."id" = c."membershipId" AND m."organizationId" = c."organizationId"
              LEFT JOIN "User" u ON u."id" = m."userId"
              WHERE c."storyId" = s."id" AND c."organizationId" = s."organizationId"
            ) k
            WHERE k."body" IS NOT NULL
          ) c
          WHERE c."vec" IS NOT NULL AND ts_rank(c."vec", hits."tsq") > 0 AND lower(trim(c."body")) <> lower(trim(s."title"))
          ORDER BY (SELECT count(*) FROM unnest(tsvector_to_array(c."vec")) AS w("word") WHERE w."word" = ANY(hits."words")) DESC,
            ts_rank(c."vec", hits."tsq") DESC, c."pos"
          LIMIT 1
        ) b
      )`
    : Prisma.sql`NULL::text`;

  return Prisma.sql`${hits}
    SELECT s."id", s."title", s."occurredAt", s."visibility"::text AS "visibility", s."status"::text AS "status",
      ch."label" AS "channel",
      ARRAY(
        SELECT e."cycle"::text FROM "CycleEntry" e
        WHERE e."storyId" = s."id"
      ) AS "cycles",
      ARRAY(
        SELECT t."name" FROM "StoryTag" st JOIN "Tag" t ON t."id" = st."tagId" AND t."organizationId" = st."organizationId"
        WHERE st."storyId" = s."id"
        ORDER BY t."name"
      ) AS "tags",
      ${snippet} AS "snippet"
    FROM "hits"
    JOIN "Story" s ON s."organizationId" = ${actor.organizationId}::uuid AND s."id" = hits."id"
    LEFT JOIN "Channel" ch ON ch."id" = s."channelId" AND ch."organizationId" = s."organizationId"
    ORDER BY hits."position"`;
}

/**
 * Tag names for a filter list, alphabetical. "own": tags on the actor's own stories (My
 * stories). "organization": tags on stories the actor may read, so a tag on someone's private
 * story is never revealed by its name.
 */
export async function listTagNames(actor: Actor, opts: { scope?: "own" | "organization" } = {}): Promise<string[]> {
  const story: Prisma.StoryWhereInput =
    opts.scope === "own" ? { organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: null } : await readableStoryScope(actor);
  const tags = await prisma().tag.findMany({
    where: { organizationId: actor.organizationId, stories: { some: { organizationId: actor.organizationId, story } } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return tags.map((t) => t.name);
}

/**
 * A story the actor may read, or null: not found and not allowed look the same. Decided by the
 * story's handle (lib/db/access.ts: the one the page looked up and passes to the comments,
 * readings and review controls too, or looked up here); the content is then read through the
 * same scope.
 */
export async function getStoryForViewer(actor: Actor, storyRef: StoryRef) {
  const handle = await storyFor(actor, storyRef, "read");
  if (!handle) return null;
  const story = await prisma().story.findFirst({
    where: { AND: [{ id: handle.id }, await readableStoryScope(actor, handle.context)] },
    select: {
      id: true,
      title: true,
      narrative: true,
      occurredAt: true,
      visibility: true,
      status: true,
      version: true,
      authorId: true,
      createdAt: true,
      updatedAt: true,
      minutesInvested: true,
      minutesSaved: true,
      highlightedAt: true,
      author: { select: { user: { select: { name: true } } } },
      channel: { select: { label: true } },
      tags: { select: { tag: { select: { name: true } } } },
      contributors: {
        select: {
          id: true,
          externalName: true,
          platform: true,
          insideOrg: true,
          tieStrength: true,
          membership: { select: { user: { select: { name: true } } } },
        },
        orderBy: { createdAt: "asc" },
      },
      entries: {
        select: {
          id: true,
          cycle: true,
          narrative: true,
          indicatorKeys: true,
          figureValue: true,
          figureUnit: true,
          confirmedAt: true,
          confirmedBy: { select: { user: { select: { name: true } } } },
          recordedAt: true,
          evidence: {
            select: { id: true, kind: true, url: true, label: true, fileName: true, mimeType: true, sizeBytes: true },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!story) return null;
  const { tags, contributors, ...rest } = story;
  return {
    ...rest,
    tags: tags.map((t) => t.tag.name).sort(),
    contributors: contributors.map((c) => ({
      id: c.id,
      name: c.membership?.user.name ?? c.externalName ?? "Someone",
      platform: c.platform,
      insideOrg: c.insideOrg,
      tieStrength: c.tieStrength,
    })),
    chain: valueChain(story.entries.map((e) => e.cycle)),
    isAuthor: story.authorId === actor.membershipId,
  };
}

export async function requireStoryForViewer(actor: Actor, storyRef: StoryRef) {
  const story = await getStoryForViewer(actor, storyRef);
  if (!story) throw notFound();
  return story;
}
