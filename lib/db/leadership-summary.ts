import "server-only";
// What the leadership summary PDF prints, gathered for the acting person: the report rollups of
// lib/db/reports/ (same scope, filters and access rules as the reports page) and the best
// end-to-end stories, chosen among the stories the person may read (`vis`). Nothing here lays
// anything out: lib/pdf/leadership-summary/ turns the result into pages.
import { readClient } from "./replica";
import { reportContext } from "./report-context";
import { reportCapitalMix, reportMatrix, reportNetwork, reportParticipation, reportProgression, reportRealizedValue } from "./reports";
import { rollupScope } from "./reports/filters";
import { reportScope } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import type { LeadershipSummaryInput, SummaryStory } from "@/lib/domain/leadership-summary";
import type { ReportFilters } from "@/lib/domain/report-filters";
import { now } from "@/lib/platform/clock";

/** How many stories the summary is offered (the layout prints as many as fit, at most five). */
export const SUMMARY_STORY_LIMIT = 5;

export type LeadershipSummary = {
  input: LeadershipSummaryInput;
  /** The file name: organisation, period and filters. */
  fileName: string;
};

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

function scopeLine(actor: Actor): string {
  const scope = reportScope(actor);
  if (scope === "organization") return "Whole organisation";
  if (scope === "subtree") return `${actor.name} and the people reporting to them`;
  return `${actor.name}'s own stories`;
}

/**
 * The best end-to-end stories the actor may read in this view: those picked for leadership
 * first, then those reaching the most cycles, those with a confirmed figure, those with any
 * figure, the most recently extended. A story counts only once it has moved past one cycle,
 * unless it was picked for leadership. Ranked from the per-story rollup ("StoryRollup", kept
 * current on write) of the readable stories in the report's scope (rollupScope), narrow rows with
 * a bounded sort, so no story or cycle entry is read but the chosen stories'.
 */
export async function bestSummaryStories(actor: Actor, filters: ReportFilters, limit = SUMMARY_STORY_LIMIT): Promise<SummaryStory[]> {
  const org = actor.organizationId;
  const db = await readClient(actor);
  const { where, readable } = await rollupScope(actor, filters);
  const picked = await db.$queryRaw<
    { id: string; title: string; occurredAt: Date | string; highlighted: boolean; author: string; team: string | null }[]
  >`WITH best AS (
      SELECT r."storyId" AS id, r."occurredAt", r."authorId", r."authorTeamId", r.highlighted,
        ripple_cycle_count(r.reached) AS cycles,
        ripple_any_confirmed(r."figureConfirmed") AS confirmed,
        (r."figureValues" IS NOT NULL) AS figures,
        r."lastRecordedAt" AS last
      FROM "StoryRollup" r
      WHERE ${where} AND ${readable} AND r.furthest >= 1 AND (r.highlighted OR ripple_cycle_count(r.reached) >= 2)
      ORDER BY r.highlighted DESC, cycles DESC, confirmed DESC, figures DESC, last DESC NULLS LAST, r."storyId"
      LIMIT ${limit}
    )
    SELECT best.id::text AS id, s.title, best."occurredAt", best.highlighted, u.name AS author, t.name AS team
    FROM best
    JOIN "Story" s ON s.id = best.id AND s."organizationId" = ${org}::uuid
    JOIN "Membership" a ON a.id = best."authorId" AND a."organizationId" = ${org}::uuid
    JOIN "User" u ON u.id = a."userId"
    LEFT JOIN "Team" t ON t.id = best."authorTeamId" AND t."organizationId" = ${org}::uuid
    ORDER BY best.highlighted DESC, best.cycles DESC, best.confirmed DESC, best.figures DESC, best.last DESC NULLS LAST, best.id`;
  if (picked.length === 0) return [];

  // The entries of those stories only (their ids came from `vis`), and the indicator labels.
  const [entries, indicators] = await Promise.all([
    db.cycleEntry.findMany({
      where: { organizationId: org, storyId: { in: picked.map((p) => p.id) } },
      select: {
        storyId: true,
        cycle: true,
        narrative: true,
        indicatorKeys: true,
        figureValue: true,
        figureUnit: true,
        confirmedAt: true,
        confirmedBy: { select: { user: { select: { name: true } } } },
      },
    }),
    db.indicator.findMany({ where: { organizationId: org }, select: { key: true, label: true } }),
  ]);
  const label = new Map(indicators.map((i) => [i.key, i.label]));
  const order = (c: Cycle) => CYCLES.indexOf(c);

  return picked.map((p) => ({
    title: p.title,
    authorFirstName: firstName(p.author),
    authorTeam: p.team,
    occurredAt: p.occurredAt instanceof Date ? p.occurredAt : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(p.occurredAt) ? p.occurredAt : `${p.occurredAt}Z`),
    highlighted: p.highlighted,
    entries: entries
      .filter((e) => e.storyId === p.id)
      .sort((a, b) => order(a.cycle) - order(b.cycle))
      .map((e) => ({
        cycle: e.cycle,
        narrative: e.narrative,
        indicators: [...new Set(e.indicatorKeys.map((k) => label.get(k) ?? k))],
        figure:
          e.figureValue === null
            ? null
            : {
                value: Number(e.figureValue),
                unit: e.figureUnit ?? "",
                confirmedBy: e.confirmedAt && e.confirmedBy ? firstName(e.confirmedBy.user.name) : null,
                confirmedAt: e.confirmedAt,
              },
      })),
  }));
}

/** Everything the leadership summary prints, for this actor and these filters. */
export async function leadershipSummary(actor: Actor, requested: ReportFilters): Promise<LeadershipSummary> {
  const context = await reportContext(actor, requested, "export");
  const filters = context.filters;

  const [matrix, progression, realized, capital, network, participation, stories] = await Promise.all([
    reportMatrix(actor, filters),
    reportProgression(actor, filters),
    reportRealizedValue(actor, filters),
    reportCapitalMix(actor, filters),
    reportNetwork(actor, filters),
    reportParticipation(actor, filters),
    bestSummaryStories(actor, filters),
  ]);
  const totals = matrix.totals;
  const { totals: _n, ...networkFigures } = network;

  const input: LeadershipSummaryInput = {
    organizationName: context.organizationName,
    scopeLine: scopeLine(actor),
    filtersLine: context.filtersLine,
    generatedAt: now(),
    headline: {
      stories: totals.visible,
      people: participation.people,
      logging: participation.logging,
      reflecting: participation.reflecting,
      privateCount: totals.privateCount,
      hiddenCount: totals.hiddenCount,
    },
    progression: { stories: progression.stories, reached: progression.reached, transitions: progression.transitions },
    matrix: matrix.matrix.rows.map((r) => ({ label: r.label, cycle: r.cycle, cells: r.cells, total: r.total })),
    realizedValue: realized.units,
    otherFigures: realized.otherCycles,
    capitalMix: capital.counts,
    network: networkFigures,
    stories,
  };
  return { input, fileName: context.fileName("pdf") };
}
