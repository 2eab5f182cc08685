import { describe, expect, it } from "vitest";
import {
  changedFields,
  emptyEntries,
  entryHasContent,
  followUpDueAt,
  followUpFulfilled,
  followUpSuggested,
  isFollowUpDue,
  isTrashExpired,
  linkify,
  mergeStoryDocs,
  nextCycle,
  normalizeStoryDoc,
  sameStoryContent,
  reachedCycles,
  trashExpiresAt,
  valueChainOf,
  type StoryDoc,
} from "@/lib/domain/story";

const doc = (over: Partial<StoryDoc> = {}): StoryDoc => ({
  title: "T",
  narrative: "",
  occurredOn: "2026-11-20",
  channel: "",
  visibility: "TEAM",
  minutesInvested: null,
  minutesSaved: null,
  tags: [],
  contributors: [],
  entries: emptyEntries(),
  ...over,
});

describe("entryHasContent and reachedCycles", () => {
  const base = emptyEntries().IMMEDIATE;
  it.each([
    ["empty", base, 0, false],
    ["only spaces", { ...base, narrative: "   " }, 0, false],
    ["text", { ...base, narrative: "x" }, 0, true],
    ["an indicator", { ...base, indicators: ["reciprocity"] }, 0, true],
    ["a zero figure", { ...base, figureValue: 0 }, 0, true],
    ["a link", { ...base, links: [{ url: "https://a.example", label: "" }] }, 0, true],
    ["only a file", base, 1, true],
  ])("%s → %s", (_name, entry, files, expected) => {
    expect(entryHasContent(entry, files)).toBe(expected);
  });

  it("lists reached cycles in framework order, whatever order they were filled in", () => {
    const entries = emptyEntries();
    entries.REALIZED.narrative = "r";
    entries.POTENTIAL.indicators = ["capital-social"];
    expect(reachedCycles(entries)).toEqual(["POTENTIAL", "REALIZED"]);
    expect(reachedCycles(entries, { APPLIED: 2 })).toEqual(["POTENTIAL", "APPLIED", "REALIZED"]);
    expect(valueChainOf(["APPLIED"]).map((c) => c.reached)).toEqual([false, false, true, false, false]);
  });
});

describe("what comes next, and follow-ups", () => {
  it.each([
    [null, "IMMEDIATE", true],
    ["IMMEDIATE", "POTENTIAL", true],
    ["APPLIED", "REALIZED", true],
    ["REALIZED", "REFRAMING", false],
    ["REFRAMING", null, false],
  ] as const)("after %s comes %s; follow-up offered: %s", (furthest, next, offered) => {
    expect(nextCycle(furthest)).toBe(next);
    expect(followUpSuggested(furthest)).toBe(offered);
  });

  it("is due from its due date until done", () => {
    const from = new Date("2026-11-02T10:00:00Z");
    const dueAt = followUpDueAt(from, 2);
    expect(dueAt.toISOString()).toBe("2026-11-16T10:00:00.000Z");
    expect(isFollowUpDue({ dueAt, doneAt: null }, new Date("2026-11-16T09:59:59Z"))).toBe(false);
    expect(isFollowUpDue({ dueAt, doneAt: null }, new Date("2026-11-16T10:00:00Z"))).toBe(true);
    expect(isFollowUpDue({ dueAt, doneAt: new Date() }, new Date("2026-12-01T00:00:00Z"))).toBe(false);
  });

  it.each([
    ["APPLIED", ["IMMEDIATE", "POTENTIAL"], false],
    ["APPLIED", ["IMMEDIATE", "APPLIED"], true],
    ["APPLIED", ["REALIZED"], true],
    [null, [], false],
    [null, ["IMMEDIATE"], true],
  ] as const)("a follow-up for %s is fulfilled by %j: %s", (cycle, reached, expected) => {
    expect(followUpFulfilled(cycle, reached)).toBe(expected);
  });
});

describe("the trash", () => {
  it("keeps a story for 30 days", () => {
    const deletedAt = new Date("2026-11-01T00:00:00Z");
    expect(trashExpiresAt(deletedAt).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(isTrashExpired(deletedAt, new Date("2026-11-30T23:59:59Z"))).toBe(false);
    expect(isTrashExpired(deletedAt, new Date("2026-12-01T00:00:00Z"))).toBe(true);
  });
});

describe("changedFields", () => {
  it("names exactly the fields and cycles that differ", () => {
    const a = doc();
    const b = doc({ title: "Other", tags: ["x"] });
    b.entries.APPLIED.narrative = "changed";
    expect(changedFields(a, b)).toEqual(["title", "tags", "entries.APPLIED"]);
    expect(changedFields(a, doc())).toEqual([]);
  });
});

describe("sameStoryContent: two versions with the same content are never a conflict", () => {
  const M1 = "0190f1a2-0000-7000-8000-0000000000a1";
  it("sees what the server stores: trimmed text, tags lower-cased once each, lists in any order, figures to the cent", () => {
    const typed = doc({ title: "A title ", narrative: "Typed, then a space ", tags: ["Docs", "api", "docs"] });
    typed.entries.IMMEDIATE = {
      narrative: " An answer",
      indicators: ["b", "a"],
      figureValue: 12.345,
      figureUnit: " hours ",
      links: [
        { url: "https://b.test", label: "" },
        { url: "https://a.test", label: " A " },
      ],
    };
    const stored = doc({ title: "A title", narrative: "Typed, then a space", tags: ["api", "docs"] });
    stored.entries.IMMEDIATE = {
      narrative: "An answer",
      indicators: ["a", "b"],
      figureValue: 12.35,
      figureUnit: "hours",
      links: [
        { url: "https://a.test", label: "A" },
        { url: "https://b.test", label: "" },
      ],
    };
    expect(sameStoryContent(typed, stored)).toBe(true);
    expect(changedFields(typed, stored)).toEqual([]);
    expect(normalizeStoryDoc(typed)).toEqual(normalizeStoryDoc(stored));
  });

  it("sees a colleague by their membership alone, and people in any order", () => {
    const a = doc({
      contributors: [
        { membershipId: M1, name: "Priya", platform: "Slack", insideOrg: true, tie: "STRONG" },
        { membershipId: null, name: "Sam ", platform: "Forum", insideOrg: false, tie: "WEAK" },
      ],
    });
    const b = doc({
      contributors: [
        { membershipId: null, name: "Sam", platform: "Forum", insideOrg: false, tie: "WEAK" },
        { membershipId: M1, name: "", platform: "", insideOrg: true, tie: "STRONG" },
      ],
    });
    expect(sameStoryContent(a, b)).toBe(true);
  });

  it("a unit without a figure is not content", () => {
    const a = doc();
    a.entries.REALIZED.figureUnit = "EUR";
    expect(sameStoryContent(a, doc())).toBe(true);
  });

  it.each([
    ["a word", { narrative: "one" }, { narrative: "one two" }],
    ["the case of the title", { title: "Api" }, { title: "API" }],
    ["a date", { occurredOn: "2026-11-20" }, { occurredOn: "2026-11-21" }],
    ["the audience", { visibility: "TEAM" as const }, { visibility: "ORG" as const }],
    ["minutes", { minutesSaved: 0 }, { minutesSaved: null }],
  ])("differs in %s", (_label, a, b) => {
    expect(sameStoryContent(doc(a), doc(b))).toBe(false);
  });
});

describe("mergeStoryDocs: keep both", () => {
  it("keeps every word of both, both sets of tags, people and links, and the smaller audience", () => {
    const mine = doc({ title: "Title B", narrative: "Written in tab B.", visibility: "ORG", tags: ["b", "shared"], minutesSaved: 30 });
    mine.entries.APPLIED = { narrative: "Applied it", indicators: ["x"], figureValue: 5, figureUnit: "hours", links: [{ url: "https://b.test", label: "" }] };
    const theirs = doc({ title: "Title A", narrative: "Written in tab A.", visibility: "MANAGER", tags: ["shared", "a"], channel: "social", minutesSaved: 45 });
    theirs.entries.APPLIED = {
      narrative: "",
      indicators: ["y", "x"],
      figureValue: 7,
      figureUnit: "hours",
      links: [
        { url: "https://a.test", label: "" },
        { url: "https://b.test", label: "dup" },
      ],
    };
    theirs.entries.REFRAMING.narrative = "Only in A";
    const merged = mergeStoryDocs(mine, theirs);
    expect(merged.title).toBe("Title B / Title A");
    expect(merged.narrative).toBe("Written in tab B.\n\nWritten in tab A.");
    expect(merged.visibility).toBe("MANAGER");
    expect(merged.tags).toEqual(["b", "shared", "a"]);
    expect(merged.channel).toBe("social");
    expect(merged.minutesSaved).toBe(30);
    expect(merged.entries.APPLIED).toEqual({
      narrative: "Applied it",
      indicators: ["x", "y"],
      figureValue: 5,
      figureUnit: "hours",
      links: [
        { url: "https://b.test", label: "" },
        { url: "https://a.test", label: "" },
      ],
    });
    expect(merged.entries.REFRAMING.narrative).toBe("Only in A");
    // Nothing of either is lost: both versions' texts are in the merge.
    for (const text of ["Written in tab A.", "Written in tab B.", "Title A", "Title B", "Only in A"]) expect(JSON.stringify(merged)).toContain(text);
  });

  it("merging a version with itself changes nothing", () => {
    const d = doc({ narrative: "Same", tags: ["t"] });
    expect(sameStoryContent(mergeStoryDocs(d, d), d)).toBe(true);
  });
});

describe("linkify", () => {
  it("keeps text and makes http(s) links, without trailing punctuation", () => {
    expect(linkify("See https://example.org/a?b=1. Then http://x.test/y)")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ". Then " },
      { kind: "link", text: "http://x.test/y", href: "http://x.test/y" },
      { kind: "text", text: ")" },
    ]);
  });

  it.each(["javascript:alert(1)", "<script>alert(1)</script>", "data:text/html,hi", "ftp://files.example"])("never turns %s into a link", (text) => {
    expect(linkify(text)).toEqual([{ kind: "text", text }]);
  });

  it("keeps line breaks in the text parts", () => {
    expect(linkify("a\nb")).toEqual([{ kind: "text", text: "a\nb" }]);
  });
});
