// What the reports page's charts and tables are drawn from, shaped from the report queries'
// results, and the sentences beside them. Pure: no I/O, no React. The components in
// components/reports/sections/ draw them.
import { formatNumber, plural } from "./format";
import { CYCLE_INFO, type Cycle } from "./framework";

/** The key of the series that gathers every series not shown on its own. */
export const REST_KEY = "__other";

/** A bucket of a trend (a week or a month): its label and the stories per series key. */
export type TrendCounts = { label: string; counts: Readonly<Record<string, number>> };

/** A trend as its chart and table take it: the bucket's label, then a count per series shown. */
export type TrendRow = { label: string } & Record<string, number | string>;

/** "Applied" for Applied value: a cycle's name where room is short. */
export function shortCycleName(cycle: Cycle): string {
  return CYCLE_INFO[cycle].name.replace(" value", "");
}

/**
 * The series worth a line of their own: those with stories, the biggest first (ties by key), at
 * most `max`; `rest` says whether others are left, to be drawn together as "The rest".
 */
export function topSeries(buckets: readonly TrendCounts[], max: number): { keys: string[]; rest: boolean } {
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [k, n] of Object.entries(b.counts)) totals.set(k, (totals.get(k) ?? 0) + n);
  const keys = [...totals.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
  return { keys: keys.slice(0, max), rest: keys.length > max };
}

/** Each bucket with a count per series in `keys`; with `rest`, the others summed under REST_KEY. */
export function trendRows(buckets: readonly TrendCounts[], keys: readonly string[], rest: boolean): TrendRow[] {
  const shown = new Set(keys);
  return buckets.map((b) => {
    const row: TrendRow = { label: b.label };
    let other = 0;
    for (const [k, n] of Object.entries(b.counts)) {
      if (shown.has(k)) row[k] = n;
      else other += n;
    }
    if (rest) row[REST_KEY] = other;
    return row;
  });
}

/** Under a cycle with no story of its own to show: why ("shown under a later cycle") or that none reached it. */
export function passingThroughNote(reached: number): string {
  if (reached <= 0) return "No story has reached it yet.";
  return `${reached === 1 ? "The story that reached it is" : `The ${formatNumber(reached)} stories that reached it are`} shown under a later cycle.`;
}

/** The line under the confirmed realized value: what is self-reported beside it, or that there is nothing yet. */
export function confirmedValueNote(confirmedLines: number, selfReportedFigures: number): string | undefined {
  const self = plural(selfReportedFigures, "self-reported figure", "self-reported figures");
  if (confirmedLines === 0) return selfReportedFigures > 0 ? `None confirmed yet · ${self}` : "No figures yet";
  return selfReportedFigures > 0 ? `plus ${self}, not confirmed` : undefined;
}

/** The most stories the network picture shows: the latest ones (lib/db/report-graph). */
export const GRAPH_STORY_LIMIT = 150;

/** What the network picture shows: "The latest 200 of 340 stories, 57 people and 80 links between them." */
export function networkPictureCaption(graph: { stories: number; totalStories: number; people: number; links: number }, limit: number): string {
  const stories =
    graph.stories < graph.totalStories
      ? `The latest ${formatNumber(graph.stories)} of ${formatNumber(graph.totalStories)} stories, `
      : `${plural(graph.stories, "story", "stories")}, `;
  const more = graph.stories >= limit ? " Narrow the filters to see others." : "";
  return `${stories}${plural(graph.people, "person", "people")} and ${plural(graph.links, "link", "links")} between them.${more}`;
}

/** A participation bucket's label ("1", "2–3", "10+") as a number of stories. */
export function storiesLoggedLabel(bucket: string): string {
  return bucket === "1" ? "1 story" : `${bucket} stories`;
}

/**
 * The value axis of a count chart: whole-number ticks at a step of 1, 2 or 5 times a power of
 * ten (about four steps), from 0 to `top`, the first tick at or above `max`.
 */
export function countScale(max: number): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!,
  );
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}

/** Every how many buckets a time axis writes its label, so at most `max` labels fit under a chart. */
export function labelEvery(buckets: number, max: number): number {
  return Math.max(1, Math.ceil(buckets / max));
}
