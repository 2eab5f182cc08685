import { describe, expect, it } from "vitest";
import {
  REST_KEY,
  confirmedValueNote,
  countScale,
  labelEvery,
  networkPictureCaption,
  passingThroughNote,
  shortCycleName,
  storiesLoggedLabel,
  topSeries,
  trendRows,
  type TrendCounts,
} from "@/lib/domain/report-charts";

describe("trend series", () => {
  // Channel totals: chat 9, social 7, email 7, fax 0, post 2; email and social tie and go by key.
  const buckets: TrendCounts[] = [
    { label: "Jan 2026", counts: { chat: 5, social: 3, email: 4, fax: 0 } },
    { label: "Feb 2026", counts: { chat: 4, social: 4, email: 3, post: 2 } },
  ];

  it("keeps the biggest series, ties by key, and none without stories", () => {
    expect(topSeries(buckets, 5)).toEqual({ keys: ["chat", "email", "social", "post"], rest: false });
    expect(topSeries(buckets, 2)).toEqual({ keys: ["chat", "email"], rest: true });
    expect(topSeries([], 5)).toEqual({ keys: [], rest: false });
  });

  it("gives each bucket its shown series and the rest summed", () => {
    expect(trendRows(buckets, ["chat", "email"], true)).toEqual([
      { label: "Jan 2026", chat: 5, email: 4, [REST_KEY]: 3 },
      { label: "Feb 2026", chat: 4, email: 3, [REST_KEY]: 6 },
    ]);
    expect(trendRows(buckets, ["chat"], false)).toEqual([
      { label: "Jan 2026", chat: 5 },
      { label: "Feb 2026", chat: 4 },
    ]);
  });
});

describe("the sentences beside the figures", () => {
  it.each([
    [0, "No story has reached it yet."],
    [1, "The story that reached it is shown under a later cycle."],
    [1234, "The 1,234 stories that reached it are shown under a later cycle."],
  ])("passing through, %s reached", (reached, text) => {
    expect(passingThroughNote(reached)).toBe(text);
  });

  it.each<[number, number, string | undefined]>([
    [0, 0, "No figures yet"],
    [0, 3, "None confirmed yet · 3 self-reported figures"],
    [2, 1, "plus 1 self-reported figure, not confirmed"],
    [1, 0, undefined],
  ])("confirmed value: %s confirmed lines, %s self-reported", (lines, self, note) => {
    expect(confirmedValueNote(lines, self)).toBe(note);
  });

  it("says what the network picture shows, and when there is more", () => {
    expect(networkPictureCaption({ stories: 3, totalStories: 3, people: 1, links: 2 }, 150)).toBe("3 stories, 1 person and 2 links between them.");
    expect(networkPictureCaption({ stories: 150, totalStories: 1200, people: 80, links: 1 }, 150)).toBe(
      "The latest 150 of 1,200 stories, 80 people and 1 link between them. Narrow the filters to see others.",
    );
  });

  it("names cycles and buckets briefly", () => {
    expect(shortCycleName("APPLIED")).toBe("Applied");
    expect(storiesLoggedLabel("1")).toBe("1 story");
    expect(storiesLoggedLabel("2–3")).toBe("2–3 stories");
  });
});

describe("the count axis of the server-drawn charts", () => {
  it("steps by 1, 2 or 5 times a power of ten, ending at the first tick at or above the largest count", () => {
    expect(countScale(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(countScale(100)).toEqual({ top: 100, ticks: [0, 50, 100] });
    expect(countScale(101)).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
    expect(countScale(123_456)).toEqual({ top: 150_000, ticks: [0, 50_000, 100_000, 150_000] });
    expect(countScale(20)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
  });
  it("never steps by less than one story, and draws an empty chart from 0 to 1", () => {
    expect(countScale(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countScale(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(countScale(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
  it("labels every bucket when they fit, else every n-th", () => {
    expect(labelEvery(6, 8)).toBe(1);
    expect(labelEvery(13, 8)).toBe(2);
    expect(labelEvery(53, 8)).toBe(7);
  });
});
