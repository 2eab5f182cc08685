import { describe, expect, it } from "vitest";
import { emptyEntries } from "@/lib/domain/story";
import { followUpSchema, saveStorySchema, storyDocSchema } from "@/lib/validation/story-editor";

const valid = () => ({
  title: "  A title  ",
  narrative: "",
  occurredOn: "2026-11-20",
  channel: "social",
  visibility: "TEAM",
  minutesInvested: "",
  minutesSaved: 30,
  tags: ["GDPR", "gdpr", " Templates "],
  contributors: [],
  entries: emptyEntries(),
});

describe("storyDocSchema", () => {
  it("trims, lower-cases and de-duplicates tags, and turns empty minutes into null", () => {
    const doc = storyDocSchema.parse(valid());
    expect(doc.title).toBe("A title");
    expect(doc.tags).toEqual(["gdpr", "templates"]);
    expect(doc.minutesInvested).toBeNull();
    expect(doc.minutesSaved).toBe(30);
  });

  it.each([
    [{ title: "   " }, "Give the story a title."],
    [{ occurredOn: "20/11/2026" }, "When: enter a date."],
    [{ visibility: "EVERYONE" }, "Choose who can see this story."],
    [{ minutesSaved: -5 }, "Time saved cannot be negative."],
    [{ minutesSaved: 1.5 }, "Time saved: enter whole minutes."],
    [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, "Use at most 10 tags."],
    [
      { contributors: [{ membershipId: null, name: "", platform: "", insideOrg: false, tie: "WEAK" }] },
      "Pick a colleague or type the person's name or handle.",
    ],
  ])("refuses %j with a message naming the field", (change, message) => {
    const result = storyDocSchema.safeParse({ ...valid(), ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });

  it("accepts a figure as text from an input, and refuses links that are not http(s)", () => {
    const entries = emptyEntries();
    const withFigure = { ...entries, REALIZED: { ...entries.REALIZED, figureValue: "116.5" as unknown as number, figureUnit: "minutes saved" } };
    expect(storyDocSchema.parse({ ...valid(), entries: withFigure }).entries.REALIZED.figureValue).toBe(116.5);
    const badLink = { ...entries, APPLIED: { ...entries.APPLIED, links: [{ url: "javascript:alert(1)", label: "" }] } };
    expect(storyDocSchema.safeParse({ ...valid(), entries: badLink }).error?.issues[0]?.message).toBe("Links must start with http:// or https://.");
  });

  it("needs all five cycles", () => {
    const { REFRAMING: _omitted, ...four } = emptyEntries();
    expect(storyDocSchema.safeParse({ ...valid(), entries: four }).success).toBe(false);
  });
});

describe("saveStorySchema and followUpSchema", () => {
  it("needs a story id and a positive base version", () => {
    expect(saveStorySchema.safeParse({ storyId: "not-an-id", baseVersion: 1, doc: valid() }).success).toBe(false);
    expect(saveStorySchema.safeParse({ storyId: "0190a5b4-0000-7000-8000-000000000000", baseVersion: 0, doc: valid() }).success).toBe(false);
    expect(saveStorySchema.safeParse({ storyId: "0190a5b4-0000-7000-8000-000000000000", baseVersion: 3, doc: valid() }).success).toBe(true);
  });

  it.each([
    ["2", true],
    ["4", true],
    ["6", true],
    ["3", false],
    ["", false],
  ])("follow-up in %s weeks: %s", (weeks, ok) => {
    expect(followUpSchema.safeParse({ storyId: "0190a5b4-0000-7000-8000-000000000000", weeks }).success).toBe(ok);
  });
});
