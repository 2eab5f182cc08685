// The one normalisation of text input (lib/validation/common.ts), as people meet it: a lone
// surrogate becomes U+FFFD, text is stored in NFC, a NUL is refused with a sentence naming the
// field, and in an address a value with a NUL is simply not applied.
import { describe, expect, it } from "vitest";
import { lookup } from "@/lib/domain/lookup";
import { channelAddSchema, teamCreateSchema } from "@/lib/validation/admin";
import { signUpSchema } from "@/lib/validation/auth";
import { formDataToObject, normalizeText, storableJson, storableText } from "@/lib/validation/common";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { reflectionInputSchema } from "@/lib/validation/reflection";
import { entryDocSchema, storyDocSchema } from "@/lib/validation/story-editor";
import { parseStoryFilters } from "@/lib/validation/story-filters";
import { quickCaptureSchema } from "@/lib/validation/story";

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("normalizeText", () => {
  it.each([
    ["a lone high surrogate", "Podcast\ud800", "Podcast\ufffd"],
    ["a lone low surrogate", "\udc00x", "\ufffdx"],
    ["a high surrogate at the end after a pair", "😀\ud83d", "😀\ufffd"],
    ["a pair, kept", "😀", "😀"],
    ["e + combining accent, composed", "Cafe\u0301", "Café"],
    ["Ångström sign, to its canonical letter", "\u212b", "\u00c5"],
    ["plain text, unchanged", "Podcast", "Podcast"],
  ])("%s", (_label, input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it("leaves NUL for the fields to refuse; storable text (audit meta) replaces it", () => {
    expect(normalizeText("a\u0000b")).toBe("a\u0000b");
    expect(storableText("a\u0000b\ud800")).toBe("a\ufffdb\ufffd");
    expect(storableJson({ "k\u0000": ["\udfff", 1, null, { x: "e\u0301" }] })).toEqual({ "k\ufffd": ["\ufffd", 1, null, { x: "é" }] });
  });
});

describe("text fields", () => {
  it.each([
    [
      "the channel's name",
      channelAddSchema,
      { label: "Pod\u0000cast" },
      "The channel's name cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
    ["the team's name", teamCreateSchema, { name: "\u0000" }, "The team's name cannot contain the invisible NUL character (\\0). Remove it and try again."],
    [
      "a quick capture",
      quickCaptureSchema,
      { what: "Learned\u0000 a trick", channel: "social" },
      "What happened cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
    [
      "your name at sign-up",
      signUpSchema,
      { organizationName: "Acme", name: "A\u0000", email: "a@example.com", password: "correct horse battery" },
      "Your name cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
    [
      "a reflection's answer",
      reflectionInputSchema,
      { learned: "x\u0000" },
      "Your answer to “What did you learn this week?” cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
    [
      "a link's label",
      entryDocSchema,
      { figureValue: null, links: [{ url: "https://example.com/", label: "\u0000" }] },
      "Link label cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
    [
      "a link",
      entryDocSchema,
      { figureValue: null, links: [{ url: "https://example.com/\u0000" }] },
      "A link cannot contain the invisible NUL character (\\0). Remove it and try again.",
    ],
  ])("refuse a NUL in %s with a sentence naming the field", (_label, schema, input, message) => {
    expect(firstMessage(schema.safeParse(input))).toBe(message);
  });

  it("store a lone surrogate as U+FFFD and the text in NFC, then trim and count", () => {
    expect(channelAddSchema.parse({ label: "  Podcast\ud800 " })).toEqual({ label: "Podcast\ufffd" });
    expect(quickCaptureSchema.parse({ what: "Cafe\u0301 chat", channel: "social" }).what).toBe("Café chat");
    // 60 characters after composing: "e" + accent counts once.
    expect(channelAddSchema.safeParse({ label: "e\u0301".repeat(60) }).success).toBe(true);
  });

  it("refuse a figure with more than two decimal places, or beyond DECIMAL(14,2)", () => {
    expect(firstMessage(entryDocSchema.safeParse({ figureValue: 1.005 }))).toBe("Figure: use at most two decimal places.");
    expect(firstMessage(entryDocSchema.safeParse({ figureValue: "1000000000000" }))).toBe("Figure: enter a number below 1,000,000,000,000.");
    expect(entryDocSchema.parse({ figureValue: "999999999999.99" }).figureValue).toBe(999_999_999_999.99);
    for (const typed of ["12.5", "-0.01", "1234.56", "0.3"]) expect(entryDocSchema.parse({ figureValue: typed }).figureValue).toBe(Number(typed));
  });

  it("refuse a story date outside 1900 to 2100", () => {
    const doc = { title: "T", occurredOn: "0000-01-01", visibility: "ORG", minutesInvested: null, minutesSaved: null, tags: [], contributors: [], entries: {} };
    expect(storyDocSchema.safeParse(doc).error?.issues.map((i) => i.message)).toContain("When: enter a date.");
    expect(storyDocSchema.safeParse({ ...doc, occurredOn: "2101-01-01" }).error?.issues.map((i) => i.message)).toContain(
      "When: enter a date between 1900 and 2100.",
    );
  });
});

describe("addresses", () => {
  it("a value holding a NUL is not applied; the others are", () => {
    expect(parseStoryFilters({ q: "retries\u0000", tag: "ops\u0000", channel: "social" })).toEqual({ channel: "social" });
    expect(parseReportFilters(new URLSearchParams("tag=%00&channel=social&from=0000-01-01"))).toEqual({ channel: "social" });
  });

  it("a search is normalised like any text", () => {
    expect(parseStoryFilters({ q: "  cafe\u0301   chat " })).toEqual({ q: "café chat" });
  });
});

describe("prototype keys", () => {
  it("a form field named __proto__ or constructor is only a field", () => {
    const form = new FormData();
    form.append("__proto__", "a");
    form.append("__proto__", "b");
    form.append("constructor", "c");
    const out = formDataToObject(form);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual(["a", "b"]);
    expect(Object.getOwnPropertyDescriptor(out, "constructor")?.value).toBe("c");
  });

  it("a lookup table answers only for its own keys", () => {
    const table = { Default: "general", CredentialsSignin: "wrong password" };
    expect(lookup(table, "CredentialsSignin")).toBe("wrong password");
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty", ["Default"], undefined]) expect(lookup(table, key)).toBeUndefined();
  });
});
