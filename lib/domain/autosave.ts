// The rules of autosaved documents (a story, a weekly reflection draft): when a version held by
// the server is a conflict, and how two versions are kept together. Pure: no I/O.

/**
 * What a version found on the server means for a page that saves `mine`:
 * - "same": the server already holds this content (a retried or doubled save, an identical edit);
 * - "known": the server holds content this page already had (the version it started from, or a
 *   save it sent whose answer it never got, e.g. one still in flight when the page unloaded):
 *   nobody else's words are in it, so the page saves over it;
 * - "conflict": someone else's words, which only the person may choose to keep or replace.
 */
export type ServerVersionVerdict = "same" | "known" | "conflict";

export function judgeServerVersion<D>(server: D, mine: D, known: readonly D[], sameContent: (a: D, b: D) => boolean): ServerVersionVerdict {
  if (sameContent(server, mine)) return "same";
  if (known.some((k) => sameContent(server, k))) return "known";
  return "conflict";
}

/**
 * Both texts, neither lost: when one already contains the other, the longer; otherwise mine
 * first, then theirs after a separator. Blank texts add nothing.
 */
export function mergeText(mine: string, theirs: string, separator = "\n\n"): string {
  const a = mine.trim();
  const b = theirs.trim();
  if (b === "" || a.includes(b)) return mine;
  if (a === "" || b.includes(a)) return theirs;
  return `${mine.trimEnd()}${separator}${theirs.trimStart()}`;
}

/** The union of two lists in order (mine first), each item once by its key. */
export function mergeLists<T>(mine: readonly T[], theirs: readonly T[], key: (item: T) => string = (item) => JSON.stringify(item)): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...mine, ...theirs]) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
