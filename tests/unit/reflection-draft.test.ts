import { describe, expect, it } from "vitest";
import {
  changedReflectionFields,
  EMPTY_REFLECTION_DRAFT,
  mergeReflectionDrafts,
  normalizeReflectionDraft,
  reviveReflectionDraft,
  sameReflectionDraft,
  type ReflectionDraftDoc,
} from "@/lib/domain/reflection";

const S1 = "0190f1a2-0000-7000-8000-000000000001";
const S2 = "0190f1a2-0000-7000-8000-000000000002";
const draft = (over: Partial<ReflectionDraftDoc> = {}): ReflectionDraftDoc => ({ ...EMPTY_REFLECTION_DRAFT, ...over });

describe("reflection drafts", () => {
  it("compares drafts as stored: trimmed answers, stories once each in any order, ids in any case", () => {
    expect(sameReflectionDraft(draft({ learned: "A tip ", storyIds: [S2, S1] }), draft({ learned: "A tip", storyIds: [S1, S2.toUpperCase(), S1] }))).toBe(true);
    expect(sameReflectionDraft(draft({ learned: "A tip" }), draft({ learned: "A tip!" }))).toBe(false);
    expect(sameReflectionDraft(draft(), draft({ sharedWithManager: false }))).toBe(false);
    expect(normalizeReflectionDraft(draft({ performance: "  x  ", storyIds: [S2, S1, S2] }))).toEqual(draft({ performance: "x", storyIds: [S1, S2] }));
  });

  it("names the fields that differ", () => {
    expect(changedReflectionFields(draft({ learned: "a" }), draft({ learned: "a ", organizationImpact: "b", storyIds: [S1] }))).toEqual([
      "organizationImpact",
      "storyIds",
    ]);
  });

  it("keeps both: both answers, the stories of both, shared only if both were", () => {
    const mine = draft({ learned: "Mine.", performance: "Same", storyIds: [S1] });
    const theirs = draft({ learned: "Theirs.", performance: "Same", organizationImpact: "Only theirs", storyIds: [S2, S1], sharedWithManager: false });
    expect(mergeReflectionDrafts(mine, theirs)).toEqual({
      learned: "Mine.\n\nTheirs.",
      performance: "Same",
      organizationImpact: "Only theirs",
      storyIds: [S1, S2],
      sharedWithManager: false,
    });
  });

  it("reads back a copy this browser kept before the third answer was renamed, keeping its words", () => {
    const kept = { learned: "A tip", performance: "", organisation: "Faster answers for customers", storyIds: [S1], sharedWithManager: false };
    expect(reviveReflectionDraft(kept)).toEqual(
      draft({ learned: "A tip", organizationImpact: "Faster answers for customers", storyIds: [S1], sharedWithManager: false }),
    );
    expect(reviveReflectionDraft(draft({ organizationImpact: "Now" }))).toEqual(draft({ organizationImpact: "Now" }));
    expect(reviveReflectionDraft({ learned: 3, storyIds: [S1, null] })).toEqual(draft({ storyIds: [S1] }));
    expect(reviveReflectionDraft(null)).toEqual(EMPTY_REFLECTION_DRAFT);
  });
});
