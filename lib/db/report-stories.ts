import "server-only";
// The stories behind a report: the drill-down from a matrix cell or a progression step, and the
// stories a report leads with. Built on storyScopeSql (the leading stories on rollupScope, the same
// scope over the rollups), so only stories the actor may read are ever listed, within the
// report's population and filters.
import { Prisma } from "@/lib/db/generated/client";
import { readClient } from "./replica";
import { CYCLE_BIT, rollupScope, storyScopeSql, type ReportFilters } from "./reports/filters";
import { STALLED_AFTER_DAYS } from "./reports/progression";
import type { Actor } from "@/lib/domain/actor";
import { CYCLES, furthestCycle, valueChain, type Cycle } from "@/lib/domain/framework";
import type { Visibility } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";
import type { ReportDrill } from "@/lib/validation/report-drilldown";

export type { ReportDrill } from "@/lib/validation/report-drilldown";

export const REPORT_STORIES_PAGE_SIZE = 25;
/** Per cycle, at most this many stories lead the matrix. */
export const TOP_STORIES_PER_CYCLE = 3;
/** The stories a report opens with. */
export const LEADING_STORIES = 5;

export type ReportStoryItem = {
  id: string;
  title: string;
  occurredAt: Date;
  author: string;
  channel: string | null;
  visibility: Visibility;
  cycles: Cycle[];
  furthest: Cycle | null;
  chain: { cycle: Cycle; reached: boolean }[];
  /** Picked for leadership by a manager. */
  highlighted: boolean;
  /**
   * The story's headline figure, with the cycle that recorded it: the realized-value figure
   * first (confirmed or not), else the furthest cycle's.
   */
  figure: { value: number; unit: string; confirmed: boolean; cycle: Cycle } | null;
  lastRecordedAt: Date | null;
};

type ItemRow = {
  id: string;
  title: string;
  occurredAt: Date | string;
  author: string;
  channel: string | null;
  visibility: Visibility;
  cycles: string | null;
  highlighted: boolean;
  figureValue: string | null;
  figureUnit: string | null;
  figureConfirmed: boolean | null;
  figureCycle: Cycle | null;
  lastRecordedAt: Date | string | null;
};

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));

function toItem(r: ItemRow): ReportStoryItem {
  const cycles = (r.cycles ? r.cycles.split(",") : []).filter((c): c is Cycle => (CYCLES as readonly string[]).includes(c));
  return {
    id: r.id,
    title: r.title,
    occurredAt: asDate(r.occurredAt),
    author: r.author,
    channel: r.channel,
    visibility: r.visibility,
    cycles,
    furthest: furthestCycle(cycles),
    chain: valueChain(cycles),
    highlighted: Boolean(r.highlighted),
    figure:
      r.figureValue !== null && r.figureCycle !== null
        ? {
            value: Number(r.figureValue),
            unit: r.figureUnit ?? "",
            confirmed: r.figureCycle === "REALIZED" && Boolean(r.figureConfirmed),
            cycle: r.figureCycle,
          }
        : null,
    lastRecordedAt: r.lastRecordedAt === null ? null : asDate(r.lastRecordedAt),
  };
}

/**
 * The list columns of the stories in CTE `p` (which has vis's columns): author, channel, cycles
 * reached, highlight and headline figure. Everything through the story's own organisation.
 */
function itemSql(org: string): { columns: Prisma.Sql; joins: Prisma.Sql } {
  return {
    columns: Prisma.sql`p.id::text AS id, p.title, p."occurredAt", u.name AS author, ch.label AS channel, p.visibility::text AS visibility,
      (SELECT string_agg(e.cycle::text, ',' ORDER BY e.cycle) FROM "CycleEntry" e WHERE e."storyId" = p.id AND e."organizationId" = ${org}::uuid) AS cycles,
      (SELECT max(e."recordedAt") FROM "CycleEntry" e WHERE e."storyId" = p.id AND e."organizationId" = ${org}::uuid) AS "lastRecordedAt",
      (s."highlightedAt" IS NOT NULL) AS highlighted,
      f.value AS "figureValue", f.unit AS "figureUnit", f.confirmed AS "figureConfirmed", f.cycle AS "figureCycle"`,
    joins: Prisma.sql`
      JOIN "Story" s ON s.id = p.id AND s."organizationId" = ${org}::uuid
      JOIN "Membership" m ON m.id = p."authorId" AND m."organizationId" = ${org}::uuid
      JOIN "User" u ON u.id = m."userId"
      LEFT JOIN "Channel" ch ON ch.id = p."channelId" AND ch."organizationId" = ${org}::uuid
      LEFT JOIN LATERAL (
        SELECT e."figureValue"::text AS value, e."figureUnit" AS unit, (e."confirmedAt" IS NOT NULL) AS confirmed, e.cycle::text AS cycle
        FROM "CycleEntry" e
        WHERE e."storyId" = p.id AND e."organizationId" = ${org}::uuid AND e."figureValue" IS NOT NULL
        ORDER BY (e.cycle = 'REALIZED') DESC, e.cycle DESC
        LIMIT 1
      ) f ON TRUE`,
  };
}

/** The drill-down's condition on a `vis` row. */
function drillSql(org: string, drill: ReportDrill): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (drill.at || drill.indicator) {
    const entry: Prisma.Sql[] = [Prisma.sql`e."storyId" = vis.id`, Prisma.sql`e."organizationId" = ${org}::uuid`];
    if (drill.at) entry.push(Prisma.sql`e.cycle = ${drill.at}::"Cycle"`);
    if (drill.indicator) entry.push(Prisma.sql`${drill.indicator} = ANY(e."indicatorKeys")`);
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "CycleEntry" e WHERE ${Prisma.join(entry, " AND ")})`);
  }
  if (drill.stalled) {
    const cutoff = new Date(now().getTime() - STALLED_AFTER_DAYS * 86_400_000);
    conds.push(Prisma.sql`(SELECT max(e.cycle) FROM "CycleEntry" e WHERE e."storyId" = vis.id AND e."organizationId" = ${org}::uuid) < 'REALIZED'::"Cycle"`);
    conds.push(Prisma.sql`(SELECT max(e."recordedAt") FROM "CycleEntry" e WHERE e."storyId" = vis.id AND e."organizationId" = ${org}::uuid) < ${cutoff}`);
  }
  return Prisma.join(conds, " AND ");
}

export type ReportStoriesPage = { stories: ReportStoryItem[]; total: number; page: number; pageCount: number; pageSize: number };

/**
 * The readable stories of the report behind a figure, a page at a time: newest first, or for
 * stopped-early stories the longest-waiting first. A page past the end gives no stories (and
 * the real total).
 */
export async function reportStories(actor: Actor, filters: ReportFilters = {}, drill: ReportDrill = {}, page = 1): Promise<ReportStoriesPage> {
  const org = actor.organizationId;
  const pageSize = REPORT_STORIES_PAGE_SIZE;
  const p = Math.max(1, Math.trunc(Number.isFinite(page) ? page : 1));
  const { columns, joins } = itemSql(org);
  const order = drill.stalled ? Prisma.sql`"lastRecordedAt" ASC, id ASC` : Prisma.sql`"occurredAt" DESC, id DESC`;
  const rows = await (
    await readClient(actor)
  ).$queryRaw<(ItemRow & { total: number })[]>`${await storyScopeSql(actor, filters)},
    matching AS (
      SELECT vis.*,
        (SELECT max(e."recordedAt") FROM "CycleEntry" e WHERE e."storyId" = vis.id AND e."organizationId" = ${org}::uuid) AS "lastRecordedAt"
      FROM vis WHERE ${drillSql(org, drill)}
    ), cnt AS (
      SELECT count(*)::int AS total FROM matching
    ), p AS (
      SELECT * FROM matching ORDER BY ${order} LIMIT ${pageSize}::int OFFSET ${(p - 1) * pageSize}::int
    ), items AS (
      SELECT ${columns} FROM p ${joins}
    )
    SELECT cnt.total, items.* FROM cnt LEFT JOIN items ON TRUE`;
  const total = Number(rows[0]?.total ?? 0);
  const items = rows.filter((r) => r.id !== null).map(toItem);
  if (drill.stalled) items.sort((a, b) => (a.lastRecordedAt?.getTime() ?? 0) - (b.lastRecordedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1));
  else items.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
  return { stories: items, total, page: p, pageCount: Math.max(1, Math.ceil(total / pageSize)), pageSize };
}

export type ReportTopStories = {
  /**
   * Per cycle, up to TOP_STORIES_PER_CYCLE stories with an entry in it: picked for leadership
   * first, then the most complete. A story is shown under one cycle only (the furthest one it
   * ranks in), so the columns tell different stories. A cycle whose stories are all shown further
   * along is empty (the page says so, with the count of stories that reached it).
   */
  byCycle: Record<Cycle, ReportStoryItem[]>;
  /** The LEADING_STORIES stories the report opens with, in the same order over all stories. */
  leading: ReportStoryItem[];
};

/**
 * The stories to tell: per cycle, those picked for leadership first, then the most complete
 * (most cycles reached), then those with a confirmed figure, then the newest. Columns are filled
 * from reframing down to immediate, each skipping stories already shown further along.
 */
export async function reportTopStories(actor: Actor, filters: ReportFilters = {}): Promise<ReportTopStories> {
  const org = actor.organizationId;
  const { columns, joins } = itemSql(org);
  const { where, readable } = await rollupScope(actor, filters);
  // Each slot's candidates are the first rows of one ordered scan of the rollup's top index
  // (prisma/migrations/*_report_top_index): the readable stories with an entry in that cycle,
  // ranked as the index is, so no sort of the whole scope and no cycle entry but the picks'.
  const rank = Prisma.sql`r.highlighted DESC, ripple_cycle_count(r.reached) DESC, ripple_any_confirmed(r."figureConfirmed") DESC, r."occurredAt" DESC, r."storyId" DESC`;
  const slot = (name: string, limit: number, cond: Prisma.Sql) => Prisma.sql`(
      SELECT ${name}::text AS slot, r."storyId" AS id, r.highlighted, ripple_cycle_count(r.reached) AS n,
        ripple_any_confirmed(r."figureConfirmed") AS confirmed, r."occurredAt"
      FROM "StoryRollup" r
      WHERE ${where} AND ${readable} AND r.furthest > 0 AND ${cond}
      ORDER BY ${rank}
      LIMIT ${limit}::int)`;
  const slots = [
    ...CYCLES.map((c) => slot(c, TOP_STORIES_PER_CYCLE * CYCLES.length, Prisma.sql`(r.reached & ${CYCLE_BIT[c]}::int2) <> 0`)),
    slot("LEADING", LEADING_STORIES, Prisma.sql`TRUE`),
  ];
  const rows = await (
    await readClient(actor)
  ).$queryRaw<(ItemRow & { slot: string; rn: number })[]>`
    WITH cand AS (${Prisma.join(slots, " UNION ALL ")}
    ), picks AS (
      SELECT slot, id, row_number() OVER (PARTITION BY slot ORDER BY highlighted DESC, n DESC, confirmed DESC, "occurredAt" DESC, id DESC)::int AS rn FROM cand
    ), p AS (
      SELECT s.id, s.title, s."occurredAt", s."channelId", s."authorId", s.visibility
      FROM "Story" s WHERE s."organizationId" = ${org}::uuid AND s.id IN (SELECT id FROM picks)
    ), items AS (
      SELECT ${columns} FROM p ${joins}
    )
    SELECT picks.slot, picks.rn, items.* FROM picks JOIN items ON items.id = picks.id::text ORDER BY picks.slot, picks.rn`;
  const candidates = Object.fromEntries(CYCLES.map((c) => [c, [] as ReportStoryItem[]])) as Record<Cycle, ReportStoryItem[]>;
  const leading: ReportStoryItem[] = [];
  for (const r of rows) {
    const item = toItem(r);
    if (r.slot === "LEADING") leading.push(item);
    else if ((CYCLES as readonly string[]).includes(r.slot)) candidates[r.slot as Cycle].push(item);
  }
  const byCycle = Object.fromEntries(CYCLES.map((c) => [c, [] as ReportStoryItem[]])) as Record<Cycle, ReportStoryItem[]>;
  const shown = new Set<string>();
  for (const c of [...CYCLES].reverse()) {
    byCycle[c] = candidates[c].filter((s) => !shown.has(s.id)).slice(0, TOP_STORIES_PER_CYCLE);
    for (const s of byCycle[c]) shown.add(s.id);
  }
  return { byCycle, leading };
}
