import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/validation/common";
import { reflectionDaySchema, reflectionInputSchema, reflectionSkipSchema } from "@/lib/validation/reflection";

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string[]> {
  expect(result.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

function form(entries: [string, string][]): Record<string, unknown> {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return formDataToObject(fd);
}

describe("reflectionInputSchema", () => {
  it("trims the answers and turns a ticked checkbox into true", () => {
    const parsed = reflectionInputSchema.parse(
      form([
        ["learned", "  Saved searches  "],
        ["performance", ""],
        ["organizationImpact", "\n"],
        ["sharedWithManager", "on"],
      ]),
    );
    expect(parsed).toEqual({ learned: "Saved searches", performance: "", organizationImpact: "", storyIds: [], sharedWithManager: true });
  });

  it("treats a missing checkbox as false and missing answers as empty", () => {
    expect(reflectionInputSchema.parse(form([]))).toEqual({ learned: "", performance: "", organizationImpact: "", storyIds: [], sharedWithManager: false });
  });

  it("accepts one story id (a single FormData value) or several (a repeated field), without duplicates", () => {
    const a = randomUUID();
    const b = randomUUID();
    expect(reflectionInputSchema.parse(form([["storyIds", a]])).storyIds).toEqual([a]);
    expect(
      reflectionInputSchema.parse(
        form([
          ["storyIds", a],
          ["storyIds", b],
          ["storyIds", a],
        ]),
      ).storyIds,
    ).toEqual([a, b]);
  });

  it("refuses a story id that is not a UUID", () => {
    expect(fieldErrors(reflectionInputSchema.safeParse(form([["storyIds", "1 OR 1=1"]])))["storyIds.0"]?.[0]).toMatch(/stories to link is not valid/);
  });

  it("refuses more than 20 stories", () => {
    const ids = Array.from({ length: 21 }, () => ["storyIds", randomUUID()] as [string, string]);
    expect(fieldErrors(reflectionInputSchema.safeParse(form(ids))).storyIds?.[0]).toMatch(/at most 20 stories/);
  });

  it.each(["learned", "performance", "organizationImpact"] as const)("limits %s to 4000 characters, naming the question", (field) => {
    expect(reflectionInputSchema.safeParse({ [field]: "x".repeat(4000) }).success).toBe(true);
    const errors = fieldErrors(reflectionInputSchema.safeParse({ [field]: "x".repeat(4001) }));
    expect(errors[field]?.[0]).toMatch(/at most 4,000 characters/);
    expect(errors[field]?.[0]).toMatch(/“(What|How)/);
  });

  it("counts characters after trimming", () => {
    expect(reflectionInputSchema.safeParse({ learned: `  ${"x".repeat(4000)}  ` }).success).toBe(true);
  });
});

describe("reflectionSkipSchema", () => {
  it("takes nothing and ignores extra fields", () => {
    expect(reflectionSkipSchema.parse(form([["learned", "ignored"]]))).toEqual({});
  });
});

describe("reflectionDaySchema", () => {
  it.each<[string, number]>([
    ["0", 0],
    ["1", 1],
    ["5", 5],
    ["6", 6],
  ])("accepts %s", (raw, day) => {
    expect(reflectionDaySchema.parse({ reflectionDay: raw })).toEqual({ reflectionDay: day });
  });

  it.each(["7", "-1", "2.5", "friday", "", undefined])("refuses %s with a message about the day", (raw) => {
    expect(fieldErrors(reflectionDaySchema.safeParse({ reflectionDay: raw })).reflectionDay?.[0]).toMatch(/Choose the day you want to be reminded/);
  });
});
