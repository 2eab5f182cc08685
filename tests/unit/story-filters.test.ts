import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  canonicalStoriesQuery,
  describeFilters,
  effectiveSort,
  hasActiveFilters,
  highlightSegments,
  isIsoDate,
  normalizeStoryFilters,
  restrictToKnown,
  serializeStoryFilters,
  storiesHref,
  type StoryFilters,
} from "@/lib/domain/story-filters";
import { parseStoryFilters } from "@/lib/validation/story-filters";

const parseQs = (qs: string) => parseStoryFilters(new URLSearchParams(qs));

describe("parseStoryFilters", () => {
  it.each<[string, string, StoryFilters]>([
    ["nothing", "", {}],
    ["a search", "q=kubernetes", { q: "kubernetes" }],
    ["a search with spaces tidied", "q=%20%20rate%20%20%20limits%20", { q: "rate limits" }],
    ["only spaces is no search", "q=%20%20", {}],
    [
      "every filter",
      "q=template&cycle=APPLIED&channel=conference&tag=onboarding&visibility=TEAM&status=DRAFT&from=2025-01-01&to=2025-03-31&sort=furthest",
      {
        q: "template",
        cycle: "APPLIED",
        channel: "conference",
        tag: "onboarding",
        visibility: "TEAM",
        status: "DRAFT",
        from: "2025-01-01",
        to: "2025-03-31",
        sort: "furthest",
      },
    ],
    [
      "enum values in any case",
      "cycle=potential&visibility=org&status=Published&sort=OLDEST",
      { cycle: "POTENTIAL", visibility: "ORG", status: "PUBLISHED", sort: "oldest" },
    ],
    ["a repeated parameter counts once", "cycle=APPLIED&cycle=REALIZED", { cycle: "APPLIED" }],
    ["the empty fields of a submitted form", "q=&cycle=&channel=&tag=&visibility=&status=&from=&to=&sort=", {}],
    ["dates given the wrong way round are swapped", "from=2025-03-31&to=2025-01-01", { from: "2025-01-01", to: "2025-03-31" }],
    ["one date alone", "to=2025-03-31", { to: "2025-03-31" }],
    ["newest is the default, so not kept", "sort=newest", {}],
    ["relevance is the default with a search", "q=answer&sort=relevance", { q: "answer" }],
    ["newest with a search is kept", "q=answer&sort=newest", { q: "answer", sort: "newest" }],
    ["unknown parameters are ignored", "page=2&utm_source=mail&tag=x", { tag: "x" }],
  ])("%s", (_name, qs, expected) => {
    expect(parseQs(qs)).toEqual(expected);
  });

  it.each<[string, string, StoryFilters]>([
    ["unknown cycle", "cycle=AMAZING&tag=a", { tag: "a" }],
    ["unknown visibility", "visibility=PUBLIC&tag=a", { tag: "a" }],
    ["unknown status", "status=ARCHIVED&tag=a", { tag: "a" }],
    ["unknown sort", "sort=random&tag=a", { tag: "a" }],
    ["relevance without a search", "sort=relevance&tag=a", { tag: "a" }],
    ["date in another format", "from=01/02/2025&tag=a", { tag: "a" }],
    ["date that does not exist", "to=2025-02-30&tag=a", { tag: "a" }],
    ["date with a time", "from=2025-02-01T10:00&tag=a", { tag: "a" }],
    ["tag too long", `tag=${"x".repeat(61)}&cycle=APPLIED`, { cycle: "APPLIED" }],
    ["channel too long", `channel=${"x".repeat(61)}&cycle=APPLIED`, { cycle: "APPLIED" }],
  ])("drops an invalid value and keeps the rest: %s", (_name, qs, expected) => {
    expect(parseQs(qs)).toEqual(expected);
  });

  it("cuts a very long search instead of refusing it", () => {
    const f = parseQs(`q=${"word ".repeat(100)}`);
    expect(f.q!.length).toBeLessThanOrEqual(200);
    expect(f.q!.startsWith("word word")).toBe(true);
  });

  it("reads a page's searchParams object, arrays included", () => {
    expect(parseStoryFilters({ q: ["first", "second"], cycle: "REALIZED", other: "x", tag: undefined })).toEqual({ q: "first", cycle: "REALIZED" });
  });
});

describe("serializeStoryFilters", () => {
  const cases: StoryFilters[] = [
    {},
    { q: "kubernetes" },
    { q: "rate limits", sort: "newest" },
    { q: 'a "phrase" -not', cycle: "REFRAMING" },
    { cycle: "POTENTIAL", channel: "community" },
    { tag: "Customer & support", visibility: "PRIVATE", status: "PUBLISHED" },
    { from: "2025-01-01", to: "2025-01-01" },
    { from: "2024-02-29" },
    { sort: "furthest" },
    { sort: "oldest", status: "DRAFT" },
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))("round-trips %s", (_name, filters) => {
    const qs = serializeStoryFilters(filters).toString();
    expect(parseQs(qs)).toEqual(filters);
    expect(serializeStoryFilters(parseQs(qs)).toString()).toBe(qs);
  });

  it("writes parameters in a fixed order and leaves defaults out", () => {
    expect(serializeStoryFilters({ sort: "newest", tag: "x", q: "y", cycle: "APPLIED" }).toString()).toBe("q=y&cycle=APPLIED&tag=x&sort=newest");
    expect(serializeStoryFilters({ sort: "newest", tag: "x" }).toString()).toBe("tag=x");
    expect(serializeStoryFilters({ q: "y", sort: "relevance" }).toString()).toBe("q=y");
    expect(serializeStoryFilters({ sort: "relevance" }).toString()).toBe("");
  });

  it("builds links to My stories", () => {
    expect(storiesHref({})).toBe("/stories");
    expect(storiesHref({ q: "answered fast", channel: "social" })).toBe("/stories?q=answered+fast&channel=social");
  });
});

describe("sorting", () => {
  it.each<[StoryFilters, string]>([
    [{}, "newest"],
    [{ q: "x" }, "relevance"],
    [{ sort: "relevance" }, "newest"],
    [{ q: "x", sort: "oldest" }, "oldest"],
    [{ sort: "furthest" }, "furthest"],
  ])("%j sorts by %s", (filters, sort) => {
    expect(effectiveSort(filters)).toBe(sort);
  });
});

describe("counting and describing filters", () => {
  it.each<[StoryFilters, number, boolean]>([
    [{}, 0, false],
    [{ q: "x" }, 0, true],
    [{ sort: "oldest" }, 0, false],
    [{ cycle: "APPLIED", channel: "social" }, 2, true],
    [{ from: "2025-01-01", to: "2025-02-01" }, 1, true],
    [{ to: "2025-02-01" }, 1, true],
    [{ cycle: "APPLIED", channel: "social", tag: "t", visibility: "ORG", status: "DRAFT", from: "2025-01-01", q: "x" }, 6, true],
  ])("%j has %i filters (active: %s)", (filters, count, active) => {
    expect(activeFilterCount(filters)).toBe(count);
    expect(hasActiveFilters(filters)).toBe(active);
  });

  const channelLabels = { conference: "Conference or event", social: "Social platform" };
  it.each<[StoryFilters, number, string]>([
    [{}, 0, "No stories"],
    [{}, 1, "1 story"],
    [{ cycle: "APPLIED", channel: "conference" }, 12, "12 stories · reaching Applied value · channel Conference or event"],
    [{ q: "kubernetes" }, 1, "1 story · matching “kubernetes”"],
    [{ channel: "carrier-pigeon" }, 0, "No stories · channel carrier-pigeon"],
    [{ tag: "onboarding", visibility: "PRIVATE", status: "DRAFT" }, 3, "3 stories · tagged “onboarding” · visible to only me · drafts only"],
    [{ visibility: "ORG", status: "PUBLISHED" }, 2, "2 stories · visible to my organisation · published only"],
    [{ from: "2025-03-01", to: "2025-03-31" }, 4, "4 stories · from 1 Mar 2025 to 31 Mar 2025"],
    [{ from: "2025-03-07", to: "2025-03-07" }, 4, "4 stories · on 7 Mar 2025"],
    [{ from: "2025-03-01" }, 4, "4 stories · from 1 Mar 2025"],
    [{ to: "2025-03-31" }, 4, "4 stories · until 31 Mar 2025"],
    [{ sort: "furthest" }, 5, "5 stories · furthest cycle first"],
    [{ sort: "newest" }, 5, "5 stories"],
    [{ q: "answer", sort: "oldest" }, 2, "2 stories · matching “answer” · oldest first"],
  ])("%j with %i results reads “%s”", (filters, count, sentence) => {
    expect(describeFilters(filters, count, { channelLabels })).toBe(sentence);
  });

  it("says when the list is cut short", () => {
    expect(describeFilters({}, 200, { more: true })).toBe("More than 200 stories");
  });
});

describe("restrictToKnown", () => {
  const known = { channels: ["social", "conference"], tags: ["Onboarding", "gdpr"] };
  it.each<[StoryFilters, StoryFilters]>([
    [
      { channel: "social", tag: "gdpr" },
      { channel: "social", tag: "gdpr" },
    ],
    [{ channel: "carrier-pigeon", cycle: "APPLIED" }, { cycle: "APPLIED" }],
    [{ tag: "onboarding" }, { tag: "Onboarding" }],
    [{ tag: "unknown", q: "x" }, { q: "x" }],
  ])("%j becomes %j", (filters, expected) => {
    expect(restrictToKnown(filters, known)).toEqual(expected);
  });
});

describe("canonicalStoriesQuery", () => {
  it.each<[Record<string, string | string[] | undefined>, string | null]>([
    [{}, null],
    [{ q: "x", cycle: "APPLIED" }, null],
    [{ cycle: "APPLIED", q: "x" }, "q=x&cycle=APPLIED"],
    [{ q: "x", cycle: "", channel: "", sort: "" }, "q=x"],
    [{ q: "", cycle: "", channel: "", tag: "", visibility: "", status: "", from: "", to: "", sort: "" }, ""],
    [{ cycle: "NONSENSE", tag: "a" }, "tag=a"],
    [{ sort: "newest" }, ""],
    [{ tag: "a", created: "1" }, null],
    [{ tag: "a", cycle: "", created: "1" }, "tag=a&created=1"],
  ])("%j → %s", (raw, expected) => {
    expect(canonicalStoriesQuery(raw, parseStoryFilters(raw))).toBe(expected);
  });

  it("is satisfied by its own answer (no redirect loop)", () => {
    const raw = { sort: "relevance", q: "  a  b ", from: "2025-05-01", to: "2025-01-01", tag: "" };
    const next = canonicalStoriesQuery(raw, parseStoryFilters(raw));
    expect(next).toBe("q=a+b&from=2025-01-01&to=2025-05-01");
    const again = Object.fromEntries(new URLSearchParams(next!));
    expect(canonicalStoriesQuery(again, parseStoryFilters(again))).toBeNull();
  });
});

describe("normalizeStoryFilters and dates", () => {
  it("drops empty values and a default sort", () => {
    expect(normalizeStoryFilters({ q: "", tag: "x", sort: "newest" })).toEqual({ tag: "x" });
  });

  it.each<[string, boolean]>([
    ["2025-01-31", true],
    ["2024-02-29", true],
    ["2025-02-29", false],
    ["2025-13-01", false],
    ["2025-1-1", false],
    ["0001-01-01", false],
    ["", false],
  ])("%s is a date: %s", (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});

describe("highlightSegments", () => {
  it.each<[string, { text: string; highlight: boolean }[]]>([
    ["", []],
    ["no match here", [{ text: "no match here", highlight: false }]],
    [
      "people <<answered>> at once",
      [
        { text: "people ", highlight: false },
        { text: "answered", highlight: true },
        { text: " at once", highlight: false },
      ],
    ],
    [
      "<<rate>> <<limits>>",
      [
        { text: "rate", highlight: true },
        { text: " ", highlight: false },
        { text: "limits", highlight: true },
      ],
    ],
    ["a << b and c >> d", [{ text: "a << b and c >> d", highlight: false }]],
    [
      "<script>alert(1)</script> <<x>>",
      [
        { text: "<script>alert(1)</script> ", highlight: false },
        { text: "x", highlight: true },
      ],
    ],
  ])("%j", (snippet, segments) => {
    expect(highlightSegments(snippet)).toEqual(segments);
  });
});
