import { describe, expect, it } from "vitest";
import { judgeServerVersion, mergeLists, mergeText } from "@/lib/domain/autosave";

const same = (a: string, b: string) => a.trim() === b.trim();

describe("judgeServerVersion", () => {
  it("is never a conflict when the server holds the page's own content", () => {
    expect(judgeServerVersion("hello world", "hello world ", [], same)).toBe("same");
  });

  it("builds on a version whose content the page sent or started from", () => {
    // A save sent before a reload, whose answer never came: the server has it; the page typed on.
    expect(judgeServerVersion("hello", "hello world", ["", "hello"], same)).toBe("known");
    // Only the version number moved (e.g. the story was shared): the content is the page's start.
    expect(judgeServerVersion("start", "start and more", ["start"], same)).toBe("known");
  });

  it("is a conflict when the server holds words the page never had", () => {
    expect(judgeServerVersion("written in tab A", "written in tab B", ["", "written"], same)).toBe("conflict");
    expect(judgeServerVersion("A", "B", [], same)).toBe("conflict");
  });
});

describe("mergeText", () => {
  it.each([
    ["mine only", "mine", "", "mine"],
    ["theirs only", "", "theirs", "theirs"],
    ["blank theirs", "mine", "   ", "mine"],
    ["mine contains theirs", "one two three", "two", "one two three"],
    ["theirs contains mine", "two", "one two three", "one two three"],
    ["equal after trimming", "same ", "same", "same "],
    ["both different", "Written in tab B.", "Written in tab A.", "Written in tab B.\n\nWritten in tab A."],
  ])("%s", (_label, mine, theirs, expected) => {
    expect(mergeText(mine, theirs)).toBe(expected);
  });

  it("takes a separator for one-line fields and trims only where the texts meet", () => {
    expect(mergeText("  Title B ", " Title A", " / ")).toBe("  Title B / Title A");
  });
});

describe("mergeLists", () => {
  it("keeps mine first, then theirs, each item once by its key", () => {
    expect(mergeLists(["a", "b"], ["b", "c", "a"])).toEqual(["a", "b", "c"]);
    expect(
      mergeLists(
        [{ url: "x", n: 1 }],
        [
          { url: "x", n: 2 },
          { url: "y", n: 3 },
        ],
        (l) => l.url,
      ),
    ).toEqual([
      { url: "x", n: 1 },
      { url: "y", n: 3 },
    ]);
  });
});
