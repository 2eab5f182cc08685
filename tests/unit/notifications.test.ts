import { describe, expect, it } from "vitest";
import { notificationHref, notificationText, type NotificationFacts } from "@/lib/domain/notifications";

const S = "0190a5b4-0000-7000-8000-000000000001";
const cases: [NotificationFacts, string, string | null][] = [
  [{ kind: "comment", actorName: "Marco", storyId: S, storyTitle: "Network answer" }, "Marco commented on “Network answer”", `/stories/${S}#comments`],
  [{ kind: "comment", actorName: null, storyId: S, storyTitle: "Network answer" }, "Someone commented on “Network answer”", `/stories/${S}#comments`],
  [{ kind: "comment", actorName: "Marco", storyId: S, storyTitle: null }, "Marco commented on a story that is no longer shared with you", null],
  [{ kind: "follow_up.due", actorName: null, storyId: S, storyTitle: "Pairing" }, "Time to add what happened next on “Pairing”", `/stories/${S}`],
  [{ kind: "reflection.reminder", actorName: null, storyId: null, storyTitle: null }, "Time for your weekly reflection", "/reflect"],
  [{ kind: "question", actorName: "Marco", storyId: S, storyTitle: "Pairing" }, "Marco asked what happened next on “Pairing”", `/stories/${S}`],
  [{ kind: "confirmation", actorName: "Marco", storyId: S, storyTitle: "Pairing" }, "Marco confirmed a figure on “Pairing”", `/stories/${S}`],
  [
    { kind: "question", actorName: "Marco", storyId: S, storyTitle: "Pairing", note: "Did  the team\nadopt it?" },
    "Marco asked what happened next on “Pairing”: “Did the team adopt it?”",
    `/stories/${S}`,
  ],
  [{ kind: "question", actorName: "Marco", storyId: S, storyTitle: "Pairing", note: "   " }, "Marco asked what happened next on “Pairing”", `/stories/${S}`],
  // The question is the story's business: not shown once the story is no longer shared.
  [
    { kind: "question", actorName: "Marco", storyId: S, storyTitle: null, note: "Secret plans?" },
    "Marco asked what happened next on a story that is no longer shared with you",
    null,
  ],
  [
    { kind: "question", actorName: "Marco", storyId: S, storyTitle: "P", note: "x".repeat(200) },
    `Marco asked what happened next on “P”: “${"x".repeat(139)}…”`,
    `/stories/${S}`,
  ],
  [{ kind: "story.shared", actorName: "Ava", storyId: S, storyTitle: "Pairing" }, "Ava shared “Pairing” with you", `/stories/${S}`],
  [{ kind: "story.highlighted", actorName: "Lin", storyId: S, storyTitle: "Pairing" }, "Lin picked “Pairing” for leadership", `/stories/${S}`],
  [{ kind: "acknowledgement", actorName: "Marco", storyId: S, storyTitle: "Pairing" }, "Marco thanked you for “Pairing”", `/stories/${S}`],
  [{ kind: "something.else", actorName: null, storyId: null, storyTitle: null }, "Something new for you", null],
];

describe("notification text and link", () => {
  it.each(cases)("%o", (facts, text, href) => {
    expect(notificationText(facts)).toBe(text);
    expect(notificationHref(facts)).toBe(href);
  });
});
