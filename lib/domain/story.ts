// A story's rules: which cycles it reaches, what is "empty", what comes next, follow-ups,
// the trash, and the differences between two versions. Pure: no I/O.
import { mergeLists, mergeText } from "./autosave";
import { CYCLES, cycleIndex, type Cycle } from "./framework";
import { VISIBILITIES, type Visibility } from "./roles";

export type EntryDoc = {
  narrative: string;
  indicators: string[];
  figureValue: number | null;
  figureUnit: string;
  links: { url: string; label: string }[];
};

export type ContributorDoc = {
  membershipId: string | null;
  name: string;
  platform: string;
  insideOrg: boolean;
  tie: "STRONG" | "WEAK";
};

/** Everything the author edits, as one document: autosave sends it whole. */
export type StoryDoc = {
  title: string;
  narrative: string;
  occurredOn: string; // YYYY-MM-DD
  channel: string; // channel key, "" for none
  visibility: Visibility;
  minutesInvested: number | null;
  minutesSaved: number | null;
  tags: string[];
  contributors: ContributorDoc[];
  entries: Record<Cycle, EntryDoc>;
};

export const EMPTY_ENTRY: EntryDoc = { narrative: "", indicators: [], figureValue: null, figureUnit: "", links: [] };

export function emptyEntries(): Record<Cycle, EntryDoc> {
  const fresh = (): EntryDoc => ({ ...EMPTY_ENTRY, indicators: [], links: [] });
  return { IMMEDIATE: fresh(), POTENTIAL: fresh(), APPLIED: fresh(), REALIZED: fresh(), REFRAMING: fresh() };
}

/** An entry says something when it has text, an indicator, a figure, a link or a file. */
export function entryHasContent(entry: EntryDoc, fileCount = 0): boolean {
  return entry.narrative.trim() !== "" || entry.indicators.length > 0 || entry.figureValue !== null || entry.links.length > 0 || fileCount > 0;
}

/** The cycles a story reaches: those whose entry has content, in framework order. */
export function reachedCycles(entries: Record<Cycle, EntryDoc>, fileCounts: Partial<Record<Cycle, number>> = {}): Cycle[] {
  return CYCLES.filter((c) => entryHasContent(entries[c], fileCounts[c] ?? 0));
}

/** The cycle after the furthest one reached, or null when the story reaches reframing. */
export function nextCycle(furthest: Cycle | null): Cycle | null {
  if (furthest === null) return "IMMEDIATE";
  return CYCLES[cycleIndex(furthest) + 1] ?? null;
}

/** Follow-ups are offered while a story has not yet reached realized value. */
export function followUpSuggested(furthest: Cycle | null): boolean {
  return furthest === null || cycleIndex(furthest) < cycleIndex("REALIZED");
}

export const FOLLOW_UP_WEEKS = [2, 4, 6] as const;

export function followUpDueAt(from: Date, weeks: number): Date {
  return new Date(from.getTime() + weeks * 7 * 86_400_000);
}

export function isFollowUpDue(followUp: { dueAt: Date; doneAt: Date | null }, now: Date): boolean {
  return followUp.doneAt === null && followUp.dueAt.getTime() <= now.getTime();
}

/** A follow-up is done once the story reaches the cycle it asked for (or any later one). */
export function followUpFulfilled(cycle: Cycle | null, reached: readonly Cycle[]): boolean {
  if (cycle === null) return reached.length > 0;
  return reached.some((c) => cycleIndex(c) >= cycleIndex(cycle));
}

export const TRASH_DAYS = 30;

export function trashExpiresAt(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + TRASH_DAYS * 86_400_000);
}

export function isTrashExpired(deletedAt: Date, now: Date): boolean {
  return trashExpiresAt(deletedAt).getTime() <= now.getTime();
}

/** The visibility a new story gets: the organisation's default. */
export function defaultVisibility(org: { defaultVisibility: Visibility }): Visibility {
  return org.defaultVisibility;
}

export type DocField =
  "title" | "narrative" | "occurredOn" | "channel" | "visibility" | "minutesInvested" | "minutesSaved" | "tags" | "contributors" | `entries.${Cycle}`;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A document as the server stores it and gives it back: text trimmed, tags lower-cased, once
 * each and sorted, figures to the cent, a colleague by their membership alone, and lists whose
 * order the database does not keep (indicators, links, people) sorted. Two documents with the
 * same normal form hold the same content.
 */
export function normalizeStoryDoc(doc: StoryDoc): StoryDoc {
  const entries = emptyEntries();
  for (const c of CYCLES) {
    const e = doc.entries[c];
    const figureValue = e.figureValue === null ? null : Math.round(e.figureValue * 100) / 100;
    entries[c] = {
      narrative: e.narrative.trim(),
      indicators: [...new Set(e.indicators.map((i) => i.trim()))].sort(byText),
      figureValue,
      figureUnit: figureValue === null ? "" : e.figureUnit.trim(),
      links: e.links.map((l) => ({ url: l.url.trim(), label: l.label.trim() })).sort((x, y) => byText(`${x.url}\n${x.label}`, `${y.url}\n${y.label}`)),
    };
  }
  return {
    title: doc.title.trim(),
    narrative: doc.narrative.trim(),
    occurredOn: doc.occurredOn,
    channel: doc.channel.trim(),
    visibility: doc.visibility,
    minutesInvested: doc.minutesInvested,
    minutesSaved: doc.minutesSaved,
    tags: [...new Set(doc.tags.map((t) => t.trim().toLowerCase()))].sort(byText),
    contributors: doc.contributors
      .map((c): ContributorDoc =>
        c.membershipId
          ? { membershipId: c.membershipId, name: "", platform: "", insideOrg: true, tie: c.tie }
          : { membershipId: null, name: c.name.trim(), platform: c.platform.trim(), insideOrg: c.insideOrg, tie: c.tie },
      )
      .sort((x, y) => byText(JSON.stringify(x), JSON.stringify(y))),
    entries,
  };
}

/** Whether two versions hold the same content (as stored): then they are never a conflict. */
export function sameStoryContent(a: StoryDoc, b: StoryDoc): boolean {
  return JSON.stringify(normalizeStoryDoc(a)) === JSON.stringify(normalizeStoryDoc(b));
}

/** The fields in which two versions differ (in content, as stored), for the conflict view. */
export function changedFields(a: StoryDoc, b: StoryDoc): DocField[] {
  const out: DocField[] = [];
  const na = normalizeStoryDoc(a);
  const nb = normalizeStoryDoc(b);
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const key of ["title", "narrative", "occurredOn", "channel", "visibility", "minutesInvested", "minutesSaved", "tags", "contributors"] as const) {
    if (!same(na[key], nb[key])) out.push(key);
  }
  for (const c of CYCLES) if (!same(na.entries[c], nb.entries[c])) out.push(`entries.${c}`);
  return out;
}

/** The narrower of two visibilities: keeping both versions never shows a story to more people. */
function narrower(a: Visibility, b: Visibility): Visibility {
  return VISIBILITIES.indexOf(a) <= VISIBILITIES.indexOf(b) ? a : b;
}

const contributorKey = (c: ContributorDoc) => (c.membershipId ? `m:${c.membershipId}` : `x:${c.name.trim().toLowerCase()}\n${c.platform.trim().toLowerCase()}`);

/**
 * "Keep both": every text of both versions (mine first, then the other after a blank line,
 * unless one already contains the other), the union of tags, people, indicators and links,
 * the narrower of the two visibilities, and for the one-value fields (date, place, minutes, a
 * cycle's figure) mine, or the other's where mine is empty.
 */
export function mergeStoryDocs(mine: StoryDoc, theirs: StoryDoc): StoryDoc {
  const entries = emptyEntries();
  for (const c of CYCLES) {
    const m = mine.entries[c];
    const t = theirs.entries[c];
    const figure = m.figureValue !== null ? m : t;
    entries[c] = {
      narrative: mergeText(m.narrative, t.narrative),
      indicators: mergeLists(m.indicators, t.indicators),
      figureValue: figure.figureValue,
      figureUnit: figure.figureUnit,
      links: mergeLists(m.links, t.links, (l) => l.url.trim()),
    };
  }
  return {
    title: mergeText(mine.title, theirs.title, " / "),
    narrative: mergeText(mine.narrative, theirs.narrative),
    occurredOn: mine.occurredOn || theirs.occurredOn,
    channel: mine.channel || theirs.channel,
    visibility: narrower(mine.visibility, theirs.visibility),
    minutesInvested: mine.minutesInvested ?? theirs.minutesInvested,
    minutesSaved: mine.minutesSaved ?? theirs.minutesSaved,
    tags: mergeLists(mine.tags, theirs.tags, (t) => t.trim().toLowerCase()),
    contributors: mergeLists(mine.contributors, theirs.contributors, contributorKey),
    entries,
  };
}

export type TextSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

/**
 * Splits text into plain parts and http(s) links, so narratives keep their line breaks (with
 * white-space: pre-line) and show safe links. Nothing is ever interpreted as HTML.
 */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) out.push({ kind: "text", text: text.slice(last, start) });
    out.push({ kind: "link", text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

/** The value chain for a list of reached cycles. */
export function valueChainOf(reached: readonly Cycle[]): { cycle: Cycle; reached: boolean }[] {
  return CYCLES.map((cycle) => ({ cycle, reached: reached.includes(cycle) }));
}
