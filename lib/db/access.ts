import "server-only";
// The access rules of lib/domain/access.ts, compiled for the database. From the one AUDIENCE
// table come the Prisma filter of every story query (readableStoryScope) and the SQL predicate
// the report queries embed (readableStorySql); the pure decision (canRead, can) decides for one
// story through its handle (storyHandle). tests/integration/access-compiled.test.ts checks on a
// real database that the three agree. The reporting line and the teams below the viewer are
// computed once per request (viewerContext), by the one tree builder below, which the team
// filter (teamSubtree) and a story's audience (storyReaders) use too.
import { cache } from "react";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import type { Actor } from "@/lib/domain/actor";
import { AUDIENCE, can, canRead, reportScope, type Capability, type Relationship, type StoryAction, type StoryFacts } from "@/lib/domain/access";
import { VISIBILITIES, type Visibility } from "@/lib/domain/roles";
import { notFound } from "@/lib/platform/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that came from the database (uuids), as one array parameter. */
export const uuidArray = (ids: readonly string[]) => Prisma.sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Data functions gated by a role's capability answer everyone else as they answer a stranger: not found. */
export function assertCan(actor: Actor, capability: Capability): void {
  if (!can(actor, capability)) throw notFound();
}

// ---- Trees -----------------------------------------------------------------------------------

/** The organisation's two trees: people by reporting line, teams by parent team. */
const TREES = {
  reportingLine: { table: Prisma.raw(`"Membership"`), link: Prisma.raw(`"managerId"`) },
  teams: { table: Prisma.raw(`"Team"`), link: Prisma.raw(`"parentId"`) },
} as const;

/**
 * The one builder of "everything below (or above) these rows" in one organisation: a recursive
 * CTE `name(id)` of the ids `start` selects and, going "down", every row whose link points into
 * the set (the people reporting to them, the teams under them), going "up", every row the set's
 * links point at (their managers, the teams above them). UNION stops on cycles.
 */
function treeCte(name: string, tree: keyof typeof TREES, organizationId: string, start: Prisma.Sql, direction: "down" | "up" = "down"): Prisma.Sql {
  const { table, link } = TREES[tree];
  const cte = Prisma.raw(`"${name}"`);
  const step =
    direction === "down"
      ? Prisma.sql`SELECT x.id FROM ${table} x JOIN ${cte} y ON x.${link} = y.id WHERE x."organizationId" = ${organizationId}::uuid`
      : Prisma.sql`SELECT x.${link} FROM ${table} x JOIN ${cte} y ON x.id = y.id WHERE x.${link} IS NOT NULL AND x."organizationId" = ${organizationId}::uuid`;
  return Prisma.sql`${cte}(id) AS (${start} UNION ${step})`;
}

/** Where the actor stands in the organisation: everyone reporting to them, and the teams their team covers. */
export type ViewerContext = { reportIds: string[]; coveredTeamIds: string[]; hideDeactivated: boolean };

/**
 * Computed once per request (React's cache is per server request, and a plain call in tests
 * and scripts): a story page asks for it for the story, its comments, readings and controls,
 * and the reports page for each report.
 */
export const viewerContext = cache(async (actor: Actor): Promise<ViewerContext> => {
  const org = actor.organizationId;
  // One round trip: the reporting subtree (below the actor, not the actor) and the team subtree (the actor's team and below).
  const rows = await prisma().$queryRaw<{ kind: string; value: string }[]>`
    WITH RECURSIVE ${treeCte("reports", "reportingLine", org, Prisma.sql`SELECT id FROM "Membership" WHERE "managerId" = ${actor.membershipId}::uuid AND "organizationId" = ${org}::uuid`)},
    ${treeCte("teams", "teams", org, Prisma.sql`SELECT id FROM "Team" WHERE id = ${actor.teamId}::uuid AND "organizationId" = ${org}::uuid`)}
    SELECT 'report' AS kind, id::text AS value FROM reports
    UNION ALL SELECT 'team', id::text FROM teams
    UNION ALL SELECT 'policy', "deactivatedStories"::text FROM "Organization" WHERE id = ${org}::uuid`;
  return {
    reportIds: rows.filter((r) => r.kind === "report").map((r) => r.value),
    coveredTeamIds: rows.filter((r) => r.kind === "team").map((r) => r.value),
    hideDeactivated: rows.some((r) => r.kind === "policy" && r.value === "HIDE"),
  };
});

/** A team and every team below it (the reports' team filter), once per request; [] for an id that is not a team. */
export const teamSubtree = cache(async (organizationId: string, teamId: string): Promise<string[]> => {
  if (!UUID.test(teamId)) return [];
  const rows = await prisma().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE ${treeCte("t", "teams", organizationId, Prisma.sql`SELECT id FROM "Team" WHERE id = ${teamId}::uuid AND "organizationId" = ${organizationId}::uuid`)}
    SELECT id::text AS id FROM t`;
  return rows.map((r) => r.id);
});

// ---- Reading: the Prisma filter and the SQL predicate, both from AUDIENCE -----------------------

/**
 * The stories the actor may read, as a Prisma filter built from the audience table in
 * lib/domain/access.ts: the author's own, then per visibility the relationships it reaches.
 */
export async function readableStoryScope(actor: Actor, ctx?: ViewerContext): Promise<Prisma.StoryWhereInput> {
  const c = ctx ?? (await viewerContext(actor));
  const authorShown: Prisma.StoryWhereInput = c.hideDeactivated ? { author: { status: "ACTIVE" } } : {};
  const shared: Prisma.StoryWhereInput[] = [];
  for (const visibility of VISIBILITIES) {
    const audience = AUDIENCE[visibility];
    const base: Prisma.StoryWhereInput = { visibility, status: "PUBLISHED", ...authorShown };
    if (audience.includes("org")) {
      shared.push(base); // everyone in the organisation: no further condition
      continue;
    }
    const reach: Prisma.StoryWhereInput[] = [];
    if (audience.includes("team") && c.coveredTeamIds.length) reach.push({ author: { teamId: { in: c.coveredTeamIds } } });
    if (audience.includes("manager") && c.reportIds.length) reach.push({ authorId: { in: c.reportIds } });
    if (reach.length) shared.push({ ...base, OR: reach });
  }
  return { organizationId: actor.organizationId, deletedAt: null, OR: [{ authorId: actor.membershipId }, ...shared] };
}

/** Where a SQL query finds a story's facts: expressions over the row being scoped. */
export type StoryColumns = {
  organizationId: Prisma.Sql;
  authorId: Prisma.Sql;
  authorTeamId: Prisma.Sql;
  /** Boolean: the author's membership is active. */
  authorActive: Prisma.Sql;
  visibility: Prisma.Sql;
  /** Boolean: not in the trash. */
  kept: Prisma.Sql;
  /** Boolean: shared (published). */
  published: Prisma.Sql;
};

/** A story `s` joined with its author's membership `a`. */
export const STORY_COLUMNS: StoryColumns = {
  organizationId: Prisma.raw(`s."organizationId"`),
  authorId: Prisma.raw(`s."authorId"`),
  authorTeamId: Prisma.raw(`a."teamId"`),
  authorActive: Prisma.raw(`a.status = 'ACTIVE'`),
  visibility: Prisma.raw(`s.visibility`),
  kept: Prisma.raw(`s."deletedAt" IS NULL`),
  published: Prisma.raw(`s.status = 'PUBLISHED'`),
};

/** A story's rollup `r` ("StoryRollup"): it knows only whether a story is live (published and not trashed), which is all reports count. */
export const ROLLUP_COLUMNS: StoryColumns = {
  organizationId: Prisma.raw(`r."organizationId"`),
  authorId: Prisma.raw(`r."authorId"`),
  authorTeamId: Prisma.raw(`r."authorTeamId"`),
  authorActive: Prisma.raw(`r."authorActive"`),
  visibility: Prisma.raw(`r.visibility`),
  kept: Prisma.raw(`r.live`),
  published: Prisma.raw(`r.live`),
};

const visibilityIs = (column: Prisma.Sql, visibility: Visibility) => Prisma.sql`${column} = ${Prisma.raw(`'${visibility}'`)}`;

/**
 * "The actor may read this story" as a SQL predicate over `c`, compiled from the audience table
 * exactly as readableStoryScope is: the author's own (not trashed), then per visibility the
 * relationships it reaches, among published stories of authors the organisation shows.
 */
export function readableStorySql(actor: Actor, ctx: ViewerContext, c: StoryColumns): Prisma.Sql {
  const shared: Prisma.Sql[] = [];
  for (const visibility of VISIBILITIES) {
    const audience = AUDIENCE[visibility];
    if (audience.includes("org")) {
      shared.push(visibilityIs(c.visibility, visibility)); // everyone in the organisation: no further condition
      continue;
    }
    const reach: Prisma.Sql[] = [];
    // (An author without a team is in no covered team: FALSE, not NULL, so that NOT readable
    // counts their story as hidden rather than leaving it out of every total.)
    if (audience.includes("team") && ctx.coveredTeamIds.length)
      reach.push(Prisma.sql`(${c.authorTeamId} IS NOT NULL AND ${c.authorTeamId} = ANY(${uuidArray(ctx.coveredTeamIds)}))`);
    if (audience.includes("manager") && ctx.reportIds.length) reach.push(Prisma.sql`${c.authorId} = ANY(${uuidArray(ctx.reportIds)})`);
    if (reach.length) shared.push(Prisma.sql`(${visibilityIs(c.visibility, visibility)} AND (${Prisma.join(reach, " OR ")}))`);
  }
  const authorShown = ctx.hideDeactivated ? Prisma.sql` AND ${c.authorActive}` : Prisma.empty;
  const others = shared.length ? Prisma.sql`(${c.published}${authorShown} AND (${Prisma.join(shared, " OR ")}))` : Prisma.sql`FALSE`;
  return Prisma.sql`(${c.organizationId} = ${actor.organizationId}::uuid AND ${c.kept} AND (${c.authorId} = ${actor.membershipId}::uuid OR ${others}))`;
}

/**
 * Whose stories (or which people) the actor's reports cover (lib/domain/access.ts reportScope),
 * as a condition on a membership id column: the whole organisation, their reporting line and
 * themselves, or themselves.
 */
export function reportPopulationSql(actor: Actor, ctx: ViewerContext, person: Prisma.Sql): Prisma.Sql {
  const me = actor.membershipId;
  switch (reportScope(actor)) {
    case "organization":
      return Prisma.sql`TRUE`;
    case "subtree":
      return ctx.reportIds.length ? Prisma.sql`(${person} = ${me}::uuid OR ${person} = ANY(${uuidArray(ctx.reportIds)}))` : Prisma.sql`${person} = ${me}::uuid`;
    case "own":
      return Prisma.sql`${person} = ${me}::uuid`;
  }
}

// ---- One story: its handle, once per request ----------------------------------------------------

/**
 * A story the actor's organisation holds, with its facts and the actor's relationship to its author,
 * as seen by one person (`viewer`, their membership id): a page looks it up once and hands it to
 * every function it calls about that story, which decide from it with the pure rules.
 */
export type StoryHandle = {
  id: string;
  authorId: string;
  viewer: string;
  organizationId: string;
  rel: Relationship;
  facts: StoryFacts;
  /** The viewer's subtrees the decision was made from (viewerContext), for the reads that follow. */
  context: ViewerContext;
};

/** A story as the data functions take it: its id, or the handle the caller already looked up. */
export type StoryRef = string | StoryHandle;

type HandleRow = {
  id: string;
  authorId: string;
  visibility: Visibility;
  status: "DRAFT" | "PUBLISHED";
  deleted: boolean;
  authorTeamId: string | null;
  authorActive: boolean;
};

/**
 * The one lookup of a story per request (React's cache, keyed by the actor and the story id):
 * the story page, its comments, readings and review controls, and each action on the story, decide
 * from it with the pure rules. Null when the organisation holds no such story.
 */
export const storyHandle = cache(async (actor: Actor, storyId: string): Promise<StoryHandle | null> => {
  if (!UUID.test(storyId)) return null;
  const [rows, c] = await Promise.all([
    prisma().$queryRaw<HandleRow[]>`
      SELECT s.id::text AS id, s."authorId"::text AS "authorId", s.visibility::text AS visibility, s.status::text AS status,
        (s."deletedAt" IS NOT NULL) AS deleted, a."teamId"::text AS "authorTeamId", (a.status = 'ACTIVE') AS "authorActive"
      FROM "Story" s JOIN "Membership" a ON a.id = s."authorId" AND a."organizationId" = s."organizationId"
      WHERE s.id = ${storyId}::uuid AND s."organizationId" = ${actor.organizationId}::uuid`,
    viewerContext(actor),
  ]);
  const story = rows[0];
  if (!story) return null;
  return {
    id: story.id,
    authorId: story.authorId,
    viewer: actor.membershipId,
    organizationId: actor.organizationId,
    rel: {
      sameOrg: true,
      isAuthor: story.authorId === actor.membershipId,
      managesAuthor: c.reportIds.includes(story.authorId),
      teamCovers: story.authorTeamId !== null && c.coveredTeamIds.includes(story.authorTeamId),
    },
    facts: { visibility: story.visibility, status: story.status, deleted: story.deleted, authorHidden: c.hideDeactivated && !story.authorActive },
    context: c,
  };
});

/**
 * The handle of `story` for the actor: the one passed in when it was looked up for this actor, so a
 * page's functions share one lookup whether or not React's request cache is there (scripts, tests,
 * route handlers); else the lookup. A handle looked up for someone else is never reused.
 */
export async function handleOf(actor: Actor, story: StoryRef): Promise<StoryHandle | null> {
  if (typeof story !== "string") {
    if (story.viewer === actor.membershipId && story.organizationId === actor.organizationId) return story;
    return storyHandle(actor, story.id);
  }
  return storyHandle(actor, story);
}

/** The story's handle when the actor may take `action` on it; null otherwise (not found and not allowed look the same). */
export async function storyFor(actor: Actor, story: StoryRef, action: StoryAction): Promise<StoryHandle | null> {
  const handle = await handleOf(actor, story);
  return handle && can(actor, handle.rel, handle.facts, action) ? handle : null;
}

/**
 * Which of `candidates` (memberships of the actor's organisation) may read a story: one query
 * for the story, its author's managers and the teams above the author's team (the tree builder
 * going up), then the pure rule for each. Deactivated people read nothing. Inside a write's
 * transaction, pass its client (`db`) so the story is judged as that write leaves it.
 */
export async function storyReaders(
  actor: Actor,
  storyId: string,
  candidates: readonly string[],
  db: Pick<Prisma.TransactionClient, "$queryRaw"> = prisma(),
): Promise<string[]> {
  const ids = [...new Set(candidates)].filter((id) => UUID.test(id));
  if (ids.length === 0 || !UUID.test(storyId)) return [];
  const org = actor.organizationId;
  const rows = await db.$queryRaw<(HandleRow & { hide: boolean; reader: string | null; readerActive: boolean; manages: boolean; covers: boolean })[]>`
    WITH RECURSIVE story AS (
      SELECT s.id, s."authorId", s.visibility, s.status, s."deletedAt", a."teamId" AS "authorTeamId", a.status AS "authorStatus", a."managerId"
      FROM "Story" s JOIN "Membership" a ON a.id = s."authorId" AND a."organizationId" = s."organizationId"
      WHERE s.id = ${storyId}::uuid AND s."organizationId" = ${org}::uuid
    ), ${treeCte("above", "reportingLine", org, Prisma.sql`SELECT "managerId" FROM story WHERE "managerId" IS NOT NULL`, "up")},
    ${treeCte("teamsAbove", "teams", org, Prisma.sql`SELECT "authorTeamId" FROM story WHERE "authorTeamId" IS NOT NULL`, "up")}
    SELECT story.id::text AS id, story."authorId"::text AS "authorId", story.visibility::text AS visibility, story.status::text AS status,
      (story."deletedAt" IS NOT NULL) AS deleted, (story."authorStatus" = 'ACTIVE') AS "authorActive",
      (SELECT "deactivatedStories"::text = 'HIDE' FROM "Organization" WHERE id = ${org}::uuid) AS hide,
      m.id::text AS reader, (m.status = 'ACTIVE') AS "readerActive",
      (m.id IN (SELECT id FROM above)) AS manages,
      (m."teamId" IN (SELECT id FROM "teamsAbove")) AS covers
    FROM story LEFT JOIN "Membership" m ON m.id = ANY(${uuidArray(ids)}) AND m."organizationId" = ${org}::uuid`;
  const readers: string[] = [];
  for (const r of rows) {
    if (!r.reader || !r.readerActive) continue;
    const rel: Relationship = { sameOrg: true, isAuthor: r.reader === r.authorId, managesAuthor: r.manages, teamCovers: r.covers === true };
    const facts: StoryFacts = { visibility: r.visibility, status: r.status, deleted: r.deleted, authorHidden: r.hide && !r.authorActive };
    if (canRead(rel, facts)) readers.push(r.reader);
  }
  return readers;
}
