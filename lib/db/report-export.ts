import "server-only";
// The rows of the CSV, XLSX and xAPI exports, read in keyset-paged batches so that an export of
// any size holds one batch in memory at a time. Built on the reports' scope (storyScopeSql): an
// export contains exactly the stories the actor may read in the report population, `vis`, never
// the anonymous rest. Children (entries, tags, contributors) are read through those stories and
// the actor's organisation.
import { auditFromActor, recordAudit } from "./audit";
import { Prisma } from "./generated/client";
import { readClient } from "./replica";
import { periodSql, storyScopeSql, type ReportFilters } from "./reports/filters";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { Visibility } from "@/lib/domain/roles";
import type { ContributorSummary, CsvEntry, CsvStory, ExportKind } from "@/lib/domain/exports";
import type { ReportFilterParam } from "@/lib/domain/report-filters";

export type ExportEntry = CsvEntry & {
  id: string;
  /** Indicator keys as stored (the `indicators` field has their labels). */
  indicatorKeys: string[];
  confirmedBy: string | null;
  confirmedAt: Date | null;
};

export type ExportStory = CsvStory & {
  authorEmail: string;
  channelKey: string | null;
  tags: string[];
  contributors: ContributorSummary[];
  /** In cycle order. */
  entries: ExportEntry[];
};

export type ExportCounts = {
  stories: number;
  entries: number;
  /** CSV records to come: one per entry, plus one for each story without entries. */
  rows: number;
};

/** Stories looked at per query (at most this many per batch). */
export const EXPORT_BATCH_SIZE = 2000;

/** How much is coming: stories, entries and CSV records, in one cheap counting query. */
export async function countExportRows(actor: Actor, filters: ReportFilters): Promise<ExportCounts> {
  const org = actor.organizationId;
  const [r] = await (
    await readClient(actor)
  ).$queryRaw<{ stories: number; entries: number; empty: number }[]>`${await storyScopeSql(actor, filters)},
    per AS (
      SELECT vis.id, (SELECT count(*) FROM "CycleEntry" e WHERE e."storyId" = vis.id AND e."organizationId" = ${org}::uuid)::int AS n FROM vis
    )
    SELECT count(*)::int AS stories, coalesce(sum(n), 0)::int AS entries, count(*) FILTER (WHERE n = 0)::int AS empty FROM per`;
  const stories = r?.stories ?? 0;
  const entries = r?.entries ?? 0;
  return { stories, entries, rows: entries + (r?.empty ?? 0) };
}

type Row = {
  id: string;
  title: string;
  occurredAt: string;
  visibility: Visibility;
  author: string;
  authorEmail: string;
  team: string | null;
  channelKey: string | null;
  channel: string | null;
  tags: string[] | string;
  contributors: { name: string | null; insideOrg: boolean; platform: string | null; tie: "STRONG" | "WEAK" }[] | string;
  entries:
    | {
        id: string;
        cycle: Cycle;
        narrative: string;
        indicatorKeys: string[];
        figureValue: string | null;
        figureUnit: string | null;
        confirmedBy: string | null;
        confirmedAt: string | null;
        recordedAt: string;
      }[]
    | string;
};

const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
/** Timestamps leave the database as "YYYY-MM-DDTHH:MI:SS.MS" in UTC (the columns have no zone). */
const ISO_MS = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS'`);
const utc = (s: string) => new Date(`${s}Z`);

/**
 * The stories of an export, in the order they happened (occurredAt, then id), each with its
 * tags, contributors and cycle entries, a batch at a time. Memory stays flat whatever the size:
 * each query looks at the next window of at most `batchSize` of the organisation's published
 * stories after the previous window (keyset paging on occurredAt, id, which the
 * (organizationId, occurredAt) index serves), and returns those of them that are in `vis`.
 * Seeking by window rather than "the next N readable stories" keeps every query cheap: the
 * planner never has to evaluate the whole scope to find where the page starts. Empty windows
 * (nothing readable in them) are skipped.
 */
export async function* exportStoryBatches(
  actor: Actor,
  filters: ReportFilters,
  opts: { batchSize?: number } = {},
): AsyncGenerator<ExportStory[], void, undefined> {
  const org = actor.organizationId;
  const batchSize = Math.max(1, Math.min(10_000, Math.floor(opts.batchSize ?? EXPORT_BATCH_SIZE)));
  const db = await readClient(actor);
  const indicators = await db.indicator.findMany({ where: { organizationId: org }, select: { key: true, label: true } });
  const label = new Map(indicators.map((i) => [i.key, i.label]));
  // The scope (population, filters, access) once for the whole export; each batch embeds it.
  const scope = await storyScopeSql(actor, filters);
  let after: Cursor | null = null;
  for (;;) {
    const [edge] = await db.$queryRaw<{ at: string; id: string; n: number }[]>(windowEdgeSql(actor, filters, after, batchSize));
    if (!edge) return;
    const window: { after: Cursor | null; last: Cursor } = { after, last: { at: edge.at, id: edge.id } };
    const rows = await db.$queryRaw<Row[]>(exportBatchSql(actor, scope, window));
    if (rows.length > 0) yield rows.map((r) => toStory(r, label));
    if (edge.n < batchSize) return;
    after = window.last;
  }
}

/** A position in the export's order: occurredAt (as text, to the microsecond) and id. */
type Cursor = { at: string; id: string };

const US = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.US'`);

/** `(occurredAt, id) > cursor`, with a plain range the index can start from. */
function afterCursor(col: { at: Prisma.Sql; id: Prisma.Sql }, c: Cursor): Prisma.Sql {
  return Prisma.sql`${col.at} >= ${c.at}::timestamp AND (${col.at}, ${col.id}) > (${c.at}::timestamp, ${c.id}::uuid)`;
}

/**
 * The last position of the next window: the `size`-th published story of the organisation after
 * `after` (fewer at the end), and how many the window holds. Positions only; nothing of a story
 * leaves the database here.
 */
export function windowEdgeSql(actor: Actor, filters: ReportFilters, after: Cursor | null, size: number): Prisma.Sql {
  const conds: Prisma.Sql[] = [
    Prisma.sql`s."organizationId" = ${actor.organizationId}::uuid`,
    Prisma.sql`s.status = 'PUBLISHED'`,
    Prisma.sql`s."deletedAt" IS NULL`,
  ];
  conds.push(...periodSql(filters, Prisma.sql`s."occurredAt"`));
  if (after) conds.push(afterCursor({ at: Prisma.sql`s."occurredAt"`, id: Prisma.sql`s.id` }, after));
  return Prisma.sql`
    WITH win AS (
      SELECT s."occurredAt", s.id FROM "Story" s
      WHERE ${Prisma.join(conds, " AND ")}
      ORDER BY s."occurredAt", s.id
      LIMIT ${size}
    )
    SELECT to_char(w."occurredAt", ${US}) AS at, w.id::text AS id, (SELECT count(*) FROM win)::int AS n
    FROM win w ORDER BY w."occurredAt" DESC, w.id DESC LIMIT 1`;
}

/** One batch: the stories of `vis` (of `scope`, storyScopeSql's) in the window (after, last], with their children as JSON. */
export function exportBatchSql(actor: Actor, scope: Prisma.Sql, window: { after: Cursor | null; last: Cursor }): Prisma.Sql {
  const org = actor.organizationId;
  const col = { at: Prisma.sql`vis."occurredAt"`, id: Prisma.sql`vis.id` };
  const conds: Prisma.Sql[] = [
    Prisma.sql`vis."occurredAt" <= ${window.last.at}::timestamp AND (vis."occurredAt", vis.id) <= (${window.last.at}::timestamp, ${window.last.id}::uuid)`,
  ];
  if (window.after) conds.push(afterCursor(col, window.after));
  // Children through correlated subqueries: an index lookup per story of the batch (a join per
  // table made the planner hash whole tables, several times slower).
  return Prisma.sql`${scope},
  page AS (
    SELECT vis.id, vis.title, vis."occurredAt", vis."channelId", vis."authorId", vis.visibility, vis."authorTeamId"
    FROM vis WHERE ${Prisma.join(conds, " AND ")}
  )
  SELECT p.id::text AS id, p.title,
    to_char(p."occurredAt", ${ISO_MS}) AS "occurredAt",
    p.visibility::text AS visibility, u.name AS author, u.email AS "authorEmail", t.name AS team,
    c.key AS "channelKey", c.label AS channel,
    (SELECT coalesce(json_agg(g.name ORDER BY g.name), '[]'::json)
       FROM "StoryTag" st JOIN "Tag" g ON g.id = st."tagId" AND g."organizationId" = ${org}::uuid
       WHERE st."storyId" = p.id AND st."organizationId" = ${org}::uuid) AS tags,
    (SELECT coalesce(json_agg(json_build_object(
         'name', CASE WHEN k."insideOrg" THEN ku.name ELSE k."externalName" END,
         'insideOrg', k."insideOrg", 'platform', k.platform, 'tie', k."tieStrength"::text) ORDER BY k."createdAt", k.id), '[]'::json)
       FROM "Contributor" k
       LEFT JOIN "Membership" km ON km.id = k."membershipId" AND km."organizationId" = ${org}::uuid
       LEFT JOIN "User" ku ON ku.id = km."userId"
       WHERE k."storyId" = p.id AND k."organizationId" = ${org}::uuid) AS contributors,
    (SELECT coalesce(json_agg(json_build_object(
         'id', e.id::text, 'cycle', e.cycle::text, 'narrative', e.narrative, 'indicatorKeys', e."indicatorKeys",
         'figureValue', e."figureValue"::text, 'figureUnit', e."figureUnit",
         'confirmedBy', CASE WHEN e."confirmedAt" IS NOT NULL THEN fu.name END,
         'confirmedAt', to_char(e."confirmedAt", ${ISO_MS}),
         'recordedAt', to_char(e."recordedAt", ${ISO_MS})) ORDER BY e.cycle), '[]'::json)
       FROM "CycleEntry" e
       LEFT JOIN "Membership" fm ON fm.id = e."confirmedById" AND fm."organizationId" = ${org}::uuid
       LEFT JOIN "User" fu ON fu.id = fm."userId"
       WHERE e."storyId" = p.id AND e."organizationId" = ${org}::uuid) AS entries
  FROM page p
  JOIN "Membership" m ON m.id = p."authorId" AND m."organizationId" = ${org}::uuid
  JOIN "User" u ON u.id = m."userId"
  LEFT JOIN "Team" t ON t.id = p."authorTeamId" AND t."organizationId" = ${org}::uuid
  LEFT JOIN "Channel" c ON c.id = p."channelId" AND c."organizationId" = ${org}::uuid
  ORDER BY p."occurredAt", p.id`;
}

function toStory(r: Row, label: Map<string, string>): ExportStory {
  const entries = json(r.entries).map((e): ExportEntry => ({
    id: e.id,
    cycle: e.cycle,
    narrative: e.narrative,
    indicatorKeys: e.indicatorKeys ?? [],
    indicators: (e.indicatorKeys ?? []).map((k) => label.get(k) ?? k),
    figureValue: e.figureValue,
    figureUnit: e.figureUnit,
    confirmed: e.confirmedAt !== null,
    confirmedBy: e.confirmedBy,
    confirmedAt: e.confirmedAt === null ? null : utc(e.confirmedAt),
    recordedAt: utc(e.recordedAt),
  }));
  return {
    id: r.id,
    title: r.title,
    author: r.author,
    authorEmail: r.authorEmail,
    team: r.team,
    occurredAt: utc(r.occurredAt),
    channel: r.channel,
    channelKey: r.channelKey,
    visibility: r.visibility,
    // The report population is published stories only.
    status: "PUBLISHED",
    tags: json(r.tags),
    contributors: json(r.contributors),
    entries,
  };
}

/** The audit event every export records: its kind and the filters (lib/domain/report-filters.ts reportFilterParams), never story text. */
export async function recordExport(actor: Actor, kind: ExportKind, params: Partial<Record<ReportFilterParam, string>> = {}): Promise<void> {
  await recordAudit({
    ...auditFromActor(actor),
    action: "export.created",
    targetType: "export",
    meta: kind === "json" ? { kind } : { kind, filters: { ...params } },
  });
}
