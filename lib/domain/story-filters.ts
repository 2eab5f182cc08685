// Finding stories: the filters of "My stories" as a plain object, its URL form, and the
// sentence that tells people what they are looking at. Pure: no I/O. The lenient zod parse of
// URL parameters lives in lib/validation/story-filters.ts and ends in `normalizeStoryFilters`.
import { formatDate } from "./format";
import { CYCLE_INFO, type Cycle } from "./framework";
import { VISIBILITY_LABEL, type Visibility } from "./roles";

export const STORY_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const STATUS_LABEL: Record<StoryStatus, string> = { DRAFT: "Draft", PUBLISHED: "Published" };

export const STORY_SORTS = ["newest", "oldest", "furthest", "relevance"] as const;
export type StorySort = (typeof STORY_SORTS)[number];

export const SORT_LABEL: Record<StorySort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  furthest: "Furthest cycle first",
  relevance: "Best match first",
};

/** The URL parameters, in the order they are written. */
export const FILTER_PARAMS = ["q", "cycle", "channel", "tag", "visibility", "status", "from", "to", "sort"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Longest search text kept; longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

export type StoryFilters = {
  /** Full-text search (web search syntax: words, "a phrase", -not, or). */
  q?: string;
  /** The furthest cycle the story reaches. */
  cycle?: Cycle;
  /** Channel key. */
  channel?: string;
  /** Tag name. */
  tag?: string;
  visibility?: Visibility;
  status?: StoryStatus;
  /** YYYY-MM-DD, inclusive, on the day the story happened (UTC). */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  /** Unset means the default: relevance when searching, else newest. */
  sort?: StorySort;
};

/** A real calendar date written YYYY-MM-DD (so 2025-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function defaultSort(filters: Pick<StoryFilters, "q">): StorySort {
  return filters.q ? "relevance" : "newest";
}

/** The sort that applies: relevance only means something with a search. */
export function effectiveSort(filters: Pick<StoryFilters, "q" | "sort">): StorySort {
  if (filters.sort && !(filters.sort === "relevance" && !filters.q)) return filters.sort;
  return defaultSort(filters);
}

/**
 * The one shape of a filter set: no empty values, dates in order, the sort left unset when it
 * is the default. parse(serialize(f)) gives back exactly f.
 */
export function normalizeStoryFilters(filters: StoryFilters): StoryFilters {
  const out: StoryFilters = {};
  for (const key of FILTER_PARAMS) {
    const value = filters[key];
    if (value !== undefined && value !== "") (out as Record<string, string>)[key] = value;
  }
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  const sort = effectiveSort(out);
  if (sort === defaultSort(out)) delete out.sort;
  else out.sort = sort;
  return out;
}

/** The URL parameters for a filter set, defaults left out. */
export function serializeStoryFilters(filters: StoryFilters): URLSearchParams {
  const f = normalizeStoryFilters(filters);
  const params = new URLSearchParams();
  for (const key of FILTER_PARAMS) {
    const value = f[key];
    if (value !== undefined) params.set(key, value);
  }
  return params;
}

/** Link to My stories with these filters. */
export function storiesHref(filters: StoryFilters): string {
  const qs = serializeStoryFilters(filters).toString();
  return qs ? `/stories?${qs}` : "/stories";
}

/** How many filters are set (the search box and the sort are not filters; a date range is one). */
export function activeFilterCount(filters: StoryFilters): number {
  return [filters.cycle, filters.channel, filters.tag, filters.from ?? filters.to, filters.visibility, filters.status].filter(
    (v) => v !== undefined && v !== "",
  ).length;
}

/** Whether anything narrows the list (a search or a filter). */
export function hasActiveFilters(filters: StoryFilters): boolean {
  return Boolean(filters.q) || activeFilterCount(filters) > 0;
}

/**
 * Drops a channel or tag the organisation does not offer (treated as unset, like any invalid
 * value), and spells a tag the way it is stored, whatever the case in the URL.
 */
export function restrictToKnown(filters: StoryFilters, known: { channels: readonly string[]; tags: readonly string[] }): StoryFilters {
  const out = { ...filters };
  if (out.channel !== undefined && !known.channels.includes(out.channel)) delete out.channel;
  if (out.tag !== undefined) {
    const wanted = out.tag.toLowerCase();
    const match = known.tags.find((t) => t === out.tag) ?? known.tags.find((t) => t.toLowerCase() === wanted);
    if (match === undefined) delete out.tag;
    else out.tag = match;
  }
  return out;
}

/**
 * Where to send the browser when the address does not say exactly what is applied (empty
 * fields of a submitted form, an invalid value, a different order), or null when it does.
 * Parameters that are not filters are kept, after the filters.
 */
export function canonicalStoriesQuery(raw: Record<string, string | string[] | undefined>, applied: StoryFilters): string | null {
  const current = new URLSearchParams();
  const others = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const target = (FILTER_PARAMS as readonly string[]).includes(key) ? current : others;
    for (const v of Array.isArray(value) ? value : [value]) target.append(key, v);
  }
  const canonical = serializeStoryFilters(applied);
  const currentQs = current.toString();
  const canonicalQs = canonical.toString();
  if (currentQs === canonicalQs) return null;
  const otherQs = others.toString();
  return [canonicalQs, otherQs].filter(Boolean).join("&");
}

/** "7 Mar 2025" for "2025-03-07". */
export function formatFilterDate(isoDate: string): string {
  return isIsoDate(isoDate) ? formatDate(`${isoDate}T00:00:00Z`, "day") : isoDate;
}

export function countStories(count: number, more = false): string {
  if (more) return `More than ${count} stories`;
  if (count === 0) return "No stories";
  return count === 1 ? "1 story" : `${count} stories`;
}

/**
 * One sentence for people and screen readers: what is listed and what narrows it, e.g.
 * "12 stories · reaching Applied value · channel Conference or event".
 */
export function describeFilters(filters: StoryFilters, count: number, opts: { channelLabels?: Readonly<Record<string, string>>; more?: boolean } = {}): string {
  const f = normalizeStoryFilters(filters);
  const parts = [countStories(count, opts.more)];
  if (f.q) parts.push(`matching “${f.q}”`);
  if (f.cycle) parts.push(`reaching ${CYCLE_INFO[f.cycle].name}`);
  if (f.channel) parts.push(`channel ${opts.channelLabels?.[f.channel] ?? f.channel}`);
  if (f.tag) parts.push(`tagged “${f.tag}”`);
  if (f.visibility) parts.push(`visible to ${VISIBILITY_LABEL[f.visibility].toLowerCase()}`);
  if (f.status) parts.push(f.status === "DRAFT" ? "drafts only" : "published only");
  if (f.from && f.to) parts.push(f.from === f.to ? `on ${formatFilterDate(f.from)}` : `from ${formatFilterDate(f.from)} to ${formatFilterDate(f.to)}`);
  else if (f.from) parts.push(`from ${formatFilterDate(f.from)}`);
  else if (f.to) parts.push(`until ${formatFilterDate(f.to)}`);
  if (f.sort) parts.push(SORT_LABEL[f.sort].toLowerCase());
  return parts.join(" · ");
}

export type HighlightSegment = { text: string; highlight: boolean };

/**
 * Splits a search snippet whose matches are marked <<like this>> (ts_headline's StartSel and
 * StopSel) into plain and highlighted pieces, for rendering as text and <mark> elements.
 * Stray markers stay as text; nothing here is ever HTML.
 */
export function highlightSegments(snippet: string): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  const push = (text: string, highlight: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.highlight === highlight) last.text += text;
    else out.push({ text, highlight });
  };
  // ts_headline marks whole words, so a marked piece neither starts nor ends with a space.
  const re = /<<([^\s<>](?:[^<>]*?[^\s<>])?)>>/g;
  let at = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    push(snippet.slice(at, m.index), false);
    push(m[1] ?? "", true);
    at = m.index + m[0].length;
  }
  push(snippet.slice(at), false);
  return out;
}
