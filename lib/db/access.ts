import "server-only";
import { cache } from "react";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import { AUDIENCE, can, type Relationship, type StoryAction, type StoryFacts } from "@/lib/domain/access";
import { VISIBILITIES } from "@/lib/domain/roles";

/** Where the actor stands in the organisation: everyone reporting to them, and the teams their team covers. */
export type ViewerContext = { reportIds: string[]; coveredTeamIds: string[]; hideDeactivated: boolean };

/**
 * Computed once per request (React's cache is per server request, and a plain call in tests
 * and scripts): a story page asks for it for the story, its comments, readings and controls.
 */
export const viewerContext = cache(async (actor: Actor): Promise<ViewerContext> => {
  // One round trip: the reporting subtree and the team subtree (UNION stops on cycles).
  const rows = await prisma().$queryRaw<{ kind: string; value: string }[]>`
    WITH RECURSIVE reports AS (
      SELECT id FROM "Membership" WHERE "managerId" = ${actor.membershipId}::uuid AND "organizationId" = ${actor.organizationId}::uuid
      UNION
      SELECT m.id FROM "Membership" m JOIN reports r ON m."managerId" = r.id WHERE m."organizationId" = ${actor.organizationId}::uuid
    ), teams AS (
      SELECT id FROM "Team" WHERE id = ${actor.teamId}::uuid AND "organizationId" = ${actor.organizationId}::uuid
      UNION
      SELECT t.id FROM "Team" t JOIN teams x ON t."parentId" = x.id WHERE t."organizationId" = ${actor.organizationId}::uuid
    )
    SELECT 'report' AS kind, id::text AS value FROM reports
    UNION ALL SELECT 'team', id::text FROM teams
    UNION ALL SELECT 'policy', "deactivatedStories"::text FROM "Organization" WHERE id = ${actor.organizationId}::uuid`;
  return {
    reportIds: rows.filter((r) => r.kind === "report").map((r) => r.value),
    coveredTeamIds: rows.filter((r) => r.kind === "team").map((r) => r.value),
    hideDeactivated: rows.some((r) => r.kind === "policy" && r.value === "HIDE"),
  };
});

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

/** The actor's relationship to one story's author, and the story's facts, for decisions beyond reading. */
export async function storyDecision(actor: Actor, storyId: string): Promise<{ rel: Relationship; facts: StoryFacts; authorId: string } | null> {
  const story = await prisma().story.findFirst({
    where: { id: storyId, organizationId: actor.organizationId },
    select: { authorId: true, visibility: true, status: true, deletedAt: true, author: { select: { teamId: true, status: true } } },
  });
  if (!story) return null;
  const c = await viewerContext(actor);
  return {
    authorId: story.authorId,
    rel: {
      sameOrg: true,
      isAuthor: story.authorId === actor.membershipId,
      managesAuthor: c.reportIds.includes(story.authorId),
      teamCovers: story.author.teamId !== null && c.coveredTeamIds.includes(story.author.teamId),
    },
    facts: { visibility: story.visibility, status: story.status, deleted: story.deletedAt !== null, authorHidden: c.hideDeactivated && story.author.status !== "ACTIVE" },
  };
}

/** Whether the actor may take an action on a story; not found and not allowed look the same. */
export async function mayOnStory(actor: Actor, storyId: string, action: StoryAction): Promise<boolean> {
  const d = await storyDecision(actor, storyId);
  return d !== null && can(actor, d.rel, d.facts, action);
}
