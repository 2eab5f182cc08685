// A story's rules: which cycles it reaches, what is "empty", what comes next, follow-ups,
// the trash, and the differences between two versions. Pure: no I/O.
import { CYCLES, cycleIndex, type Cycle } from "./framework";
import type { Visibility } from "./roles";

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
  | "title"
  | "narrative"
  | "occurredOn"
  | "channel"
  | "visibility"
  | "minutesInvested"
  | "minutesSaved"
  | "tags"
  | "contributors"
  | `entries.${Cycle}`;

/** The fields in which two versions differ, for the conflict view. */
export function changedFields(a: StoryDoc, b: StoryDoc): DocField[] {
  const out: DocField[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const key of ["title", "narrative", "occurredOn", "channel", "visibility", "minutesInvested", "minutesSaved", "tags", "contributors"] as const) {
    if (!same(a[key], b[key])) out.push(key);
  }
  for (const c of CYCLES) if (!same(a.entries[c], b.entries[c])) out.push(`entries.${c}`);
  return out;
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
