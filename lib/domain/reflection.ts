// The weekly reflection's draft: what the person has typed this week and not yet saved as their
// reflection. A draft is autosaved like a story, and it is never a reflection: reminders,
// reports and the manager's team view read only saved reflections. Pure: no I/O.
import { mergeLists, mergeText } from "./autosave";

// The questions and bounds live here, not in the zod schemas (lib/validation/reflection.ts), so the
// form can show them without shipping zod to the browser.
export const REFLECTION_ANSWER_MAX = 4000;
export const REFLECTION_STORIES_MAX = 20;

export const REFLECTION_QUESTIONS = {
  learned: "What did you learn this week?",
  performance: "How has it affected your performance?",
  organizationImpact: "How does it help the organisation?",
} as const;

export const REFLECTION_EMPTY_MESSAGE = "Answer at least one question, or choose “Nothing this week”.";

export type ReflectionDraftDoc = {
  learned: string;
  performance: string;
  organizationImpact: string;
  /** The person's own stories to link. */
  storyIds: string[];
  sharedWithManager: boolean;
};

export const EMPTY_REFLECTION_DRAFT: ReflectionDraftDoc = { learned: "", performance: "", organizationImpact: "", storyIds: [], sharedWithManager: true };

/**
 * A draft as this browser kept it (localStorage), read back: a copy kept before the third answer's
 * field was renamed ("organisation", now organizationImpact) keeps its words, and a field that is
 * missing reads as empty, never undefined.
 */
export function reviveReflectionDraft(stored: unknown): ReflectionDraftDoc {
  const d = (typeof stored === "object" && stored !== null ? stored : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    learned: text(d.learned),
    performance: text(d.performance),
    organizationImpact: text(d.organizationImpact ?? d["organisation"]),
    storyIds: Array.isArray(d.storyIds) ? d.storyIds.filter((id): id is string => typeof id === "string") : [],
    sharedWithManager: typeof d.sharedWithManager === "boolean" ? d.sharedWithManager : EMPTY_REFLECTION_DRAFT.sharedWithManager,
  };
}

/** The draft as the server stores it: answers trimmed, stories once each, sorted. */
export function normalizeReflectionDraft(doc: ReflectionDraftDoc): ReflectionDraftDoc {
  return {
    learned: doc.learned.trim(),
    performance: doc.performance.trim(),
    organizationImpact: doc.organizationImpact.trim(),
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
    organizationImpact: mergeText(mine.organizationImpact, theirs.organizationImpact),
    storyIds: mergeLists(mine.storyIds, theirs.storyIds, (id) => id.toLowerCase()),
    sharedWithManager: mine.sharedWithManager && theirs.sharedWithManager,
  };
}

export type ReflectionDraftField = "learned" | "performance" | "organizationImpact" | "storyIds" | "sharedWithManager";

/** The fields in which two drafts differ, for the conflict view. */
export function changedReflectionFields(a: ReflectionDraftDoc, b: ReflectionDraftDoc): ReflectionDraftField[] {
  const na = normalizeReflectionDraft(a);
  const nb = normalizeReflectionDraft(b);
  return (["learned", "performance", "organizationImpact", "storyIds", "sharedWithManager"] as const).filter(
    (k) => JSON.stringify(na[k]) !== JSON.stringify(nb[k]),
  );
}
