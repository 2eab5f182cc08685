import "server-only";
// The data behind the reports page's network picture: the latest stories of the report (those
// the actor may read, over the per-story rollups and ./reports/filters.ts rollupScope), their authors, the colleagues who helped and the
// people outside who helped. Bounded, so the picture stays readable and the query cheap.
import { readClient } from "./replica";
import { rollupScope, type ReportFilters } from "./reports/filters";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import { GRAPH_STORY_LIMIT } from "@/lib/domain/report-charts";

export type GraphStory = { id: string; title: string; occurredAt: Date; furthest: Cycle | null; authorId: string };

export type GraphPerson =
  /** A member of the organisation; id "m:<membership id>". */
  | { id: string; kind: "member"; name: string; teamId: string | null; teamName: string | null }
  /** Someone outside, by name (case and spaces ignored); id "x:<name>". */
  | { id: string; kind: "external"; name: string; platform: string | null };

export type GraphLink = {
  storyId: string;
  personId: string;
  role: "author" | "contributor";
  /** Contributors only. */
  tie: "STRONG" | "WEAK" | null;
  /** A colleague from another team than the author's (both teams known). */
  crossTeam: boolean;
};

export type ReportGraph = {
  /** Newest first. */
  stories: GraphStory[];
  people: GraphPerson[];
  links: GraphLink[];
  /** All stories in the report (the picture shows at most GRAPH_STORY_LIMIT of them). */
  totalStories: number;
};

type Row = {
  kind: "story" | "contrib" | "total";
  storyId: string;
  title: string | null;
  occurredAt: Date | string | null;
  furthest: Cycle | null;
  memberId: string | null;
  name: string | null;
  teamId: string | null;
  teamName: string | null;
  externalName: string | null;
  platform: string | null;
  tie: "STRONG" | "WEAK" | null;
  authorTeamId: string | null;
  total: number;
};

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));
const externalKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");

export async function reportGraph(actor: Actor, filters: ReportFilters = {}, opts: { limit?: number } = {}): Promise<ReportGraph> {
  const org = actor.organizationId;
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? GRAPH_STORY_LIMIT), 1), GRAPH_STORY_LIMIT);
  const { where, readable } = await rollupScope(actor, filters);
  // The latest readable stories, by one backward scan of the rollup's (organisation, occurredAt)
  // index, and the count of the readable stories from the same narrow rows.
  const rows = await (
    await readClient(actor)
  ).$queryRaw<Row[]>`
    WITH latest AS (
      SELECT r."storyId" AS id, r."occurredAt", r."authorId", r."authorTeamId", r.furthest
      FROM "StoryRollup" r WHERE ${where} AND ${readable}
      ORDER BY r."occurredAt" DESC, r."storyId" DESC LIMIT ${limit}::int
    ), total AS (
      SELECT count(*)::int AS n FROM "StoryRollup" r WHERE ${where} AND ${readable}
    )
    SELECT 'story' AS kind, l.id::text AS "storyId", s.title, l."occurredAt",
      (enum_range(NULL::"Cycle"))[nullif(l.furthest, 0)]::text AS furthest,
      l."authorId"::text AS "memberId", u.name, l."authorTeamId"::text AS "teamId", t.name AS "teamName",
      NULL::text AS "externalName", NULL::text AS platform, NULL::text AS tie, NULL::text AS "authorTeamId",
      (SELECT n FROM total) AS total
    FROM latest l
    JOIN "Story" s ON s.id = l.id AND s."organizationId" = ${org}::uuid
    JOIN "Membership" m ON m.id = l."authorId" AND m."organizationId" = ${org}::uuid
    JOIN "User" u ON u.id = m."userId"
    LEFT JOIN "Team" t ON t.id = l."authorTeamId" AND t."organizationId" = ${org}::uuid
    UNION ALL
    SELECT 'contrib', l.id::text, NULL, NULL, NULL,
      c."membershipId"::text, u.name, m."teamId"::text, t.name,
      c."externalName", c.platform, c."tieStrength"::text, l."authorTeamId"::text,
      (SELECT n FROM total)
    FROM latest l
    JOIN "Contributor" c ON c."storyId" = l.id AND c."organizationId" = ${org}::uuid
    LEFT JOIN "Membership" m ON m.id = c."membershipId" AND m."organizationId" = ${org}::uuid
    LEFT JOIN "User" u ON u.id = m."userId"
    LEFT JOIN "Team" t ON t.id = m."teamId" AND t."organizationId" = ${org}::uuid
    UNION ALL
    SELECT 'total', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT n FROM total)`;

  const stories: GraphStory[] = [];
  const people = new Map<string, GraphPerson>();
  const links = new Map<string, GraphLink>();
  let totalStories = 0;
  const addLink = (link: GraphLink) => {
    const key = `${link.storyId}|${link.personId}`;
    const seen = links.get(key);
    // One link per person and story: authorship wins, then the strongest tie.
    if (!seen || (seen.role === "contributor" && (link.role === "author" || (seen.tie === "WEAK" && link.tie === "STRONG")))) links.set(key, link);
  };

  for (const r of rows) {
    totalStories = Number(r.total);
    if (r.kind === "story" && r.memberId && r.occurredAt) {
      stories.push({ id: r.storyId, title: r.title ?? "", occurredAt: asDate(r.occurredAt), furthest: r.furthest, authorId: r.memberId });
      const id = `m:${r.memberId}`;
      if (!people.has(id)) people.set(id, { id, kind: "member", name: r.name ?? "", teamId: r.teamId, teamName: r.teamName });
      addLink({ storyId: r.storyId, personId: id, role: "author", tie: null, crossTeam: false });
    } else if (r.kind === "contrib") {
      if (r.memberId && r.name !== null) {
        const id = `m:${r.memberId}`;
        if (!people.has(id)) people.set(id, { id, kind: "member", name: r.name, teamId: r.teamId, teamName: r.teamName });
        const crossTeam = r.teamId !== null && r.authorTeamId !== null && r.teamId !== r.authorTeamId;
        addLink({ storyId: r.storyId, personId: id, role: "contributor", tie: r.tie, crossTeam });
      } else if (!r.memberId && r.externalName && r.externalName.trim() !== "") {
        const id = `x:${externalKey(r.externalName)}`;
        const seen = people.get(id);
        if (!seen) people.set(id, { id, kind: "external", name: r.externalName.trim(), platform: r.platform?.trim() || null });
        else if (seen.kind === "external" && !seen.platform && r.platform?.trim()) seen.platform = r.platform.trim();
        addLink({ storyId: r.storyId, personId: id, role: "contributor", tie: r.tie, crossTeam: false });
      }
      // A colleague whose membership is gone, or someone outside without a name, is not drawn.
    }
  }
  stories.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
  const sortedPeople = [...people.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  const sortedLinks = [...links.values()].sort((a, b) => (a.storyId === b.storyId ? (a.personId < b.personId ? -1 : 1) : a.storyId < b.storyId ? -1 : 1));
  return { stories, people: sortedPeople, links: sortedLinks, totalStories };
}
