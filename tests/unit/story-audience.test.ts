import { describe, expect, it } from "vitest";
import { cycleAnchor } from "@/lib/domain/framework";
import { audiencePhrase, VISIBILITIES } from "@/lib/domain/roles";

describe("audiencePhrase: who a story is shared with, as its page says it", () => {
  it.each([
    ["PRIVATE", "only you", "only Ava"],
    ["MANAGER", "your manager", "Ava's managers"],
    ["TEAM", "your team", "Ava's team"],
    ["ORG", "your organisation", "the organisation"],
  ] as const)("%s reads %j to the author and %j to anyone else", (visibility, toAuthor, toOthers) => {
    expect(audiencePhrase(visibility, null)).toBe(toAuthor);
    expect(audiencePhrase(visibility, "Ava")).toBe(toOthers);
  });

  it("has a phrase for every visibility", () => {
    for (const v of VISIBILITIES) expect(audiencePhrase(v, null)).not.toBe("");
  });
});

describe("cycleAnchor: the editor's section of a cycle, in its address", () => {
  it("is the cycle's name in lower case after cycle-", () => {
    expect(cycleAnchor("APPLIED")).toBe("cycle-applied");
    expect(cycleAnchor("REFRAMING")).toBe("cycle-reframing");
  });
});
