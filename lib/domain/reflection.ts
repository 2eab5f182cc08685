// The weekly reflection's draft: what the person has typed this week and not yet saved as their
// reflection. A draft is autosaved like a story, and it is never a reflection: reminders,
// reports and the manager's team view read only saved reflections. Pure: no I/O.
import { mergeLists, mergeText } from "./autosave";

export type ReflectionDraftDoc = {
  learned: string;
  performance: string;
  organisation: string;
  /** The person's own stories to link. */
  storyIds: string[];
  sharedWithManager: boolean;
};

export const EMPTY_REFLECTION_DRAFT: ReflectionDraftDoc = { learned: "", performance: "", organisation: "", storyIds: [], sharedWithManager: true };

/** The draft as the server stores it: answers trimmed, stories once each, sorted. */
export function normalizeReflectionDraft(doc: ReflectionDraftDoc): ReflectionDraftDoc {
  return {
    learned: doc.learned.trim(),
    performance: doc.performance.trim(),
    organisation: doc.organisation.trim(),
    storyIds: [...new Set(doc.storyIds.map((id) => id.toLowerCase()))].sort(),
    sharedWithManager: doc.sharedWithManager,
  };
}

export function sameReflectionDraft(a: ReflectionDraftDoc, b: ReflectionDraftDoc): boolean {
  return JSON.stringify(normalizeReflectionDraft(a)) === JSON.stringify(normalizeReflectionDraft(b));
}

/** "Keep both": both answers to each question, the stories of both, shared only if both share. */
export function mergeReflectionDrafts(mine: ReflectionDraftDoc, theirs: ReflectionDraftDoc): ReflectionDraftDoc {
  return {
    learned: mergeText(mine.learned, theirs.learned),
    performance: mergeText(mine.performance, theirs.performance),
    organisation: mergeText(mine.organisation, theirs.organisation),
    storyIds: mergeLists(mine.storyIds, theirs.storyIds, (id) => id.toLowerCase()),
    sharedWithManager: mine.sharedWithManager && theirs.sharedWithManager,
  };
}

export type ReflectionDraftField = "learned" | "performance" | "organisation" | "storyIds" | "sharedWithManager";

/** The fields in which two drafts differ, for the conflict view. */
export function changedReflectionFields(a: ReflectionDraftDoc, b: ReflectionDraftDoc): ReflectionDraftField[] {
  const na = normalizeReflectionDraft(a);
  const nb = normalizeReflectionDraft(b);
  return (["learned", "performance", "organisation", "storyIds", "sharedWithManager"] as const).filter((k) => JSON.stringify(na[k]) !== JSON.stringify(nb[k]));
}
