import { describe, expect, it } from "vitest";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import {
  CYCLE_VERB,
  cycleEntryStatement,
  isAbsoluteIri,
  isIsoTimestamp,
  isLanguageTag,
  isUuid,
  validateStatement,
  type CycleEntryStatementInput,
} from "@/lib/domain/xapi";

const ENTRY_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"; // a version 7 UUID, as the database makes them

const input = (over: Partial<CycleEntryStatementInput["entry"]> = {}): CycleEntryStatementInput => ({
  actor: { name: "Zoë Martin", email: "zoe@acme.example" },
  story: { id: "story-1", title: "Pairing on the billing bug", url: "https://ripple.example/stories/story-1" },
  entry: {
    id: ENTRY_ID,
    cycle: "APPLIED",
    narrative: "I now pair on every tricky bug.",
    indicators: ["advice-implemented", "practice-innovation"],
    figureValue: "12.50",
    figureUnit: "hours saved",
    recordedAt: new Date("2026-03-01T09:30:00Z"),
    ...over,
  },
  platform: "Ripple",
  baseUrl: "https://ripple.example/",
});

describe("cycleEntryStatement", () => {
  it("builds the whole statement for an entry", () => {
    expect(cycleEntryStatement(input())).toEqual({
      id: ENTRY_ID,
      version: "1.0.3",
      actor: { objectType: "Agent", name: "Zoë Martin", mbox: "mailto:zoe@acme.example" },
      verb: { id: "http://adlnet.gov/expapi/verbs/progressed", display: { "en-GB": "progressed" } },
      object: {
        objectType: "Activity",
        id: "https://ripple.example/stories/story-1",
        definition: {
          name: { "en-GB": "Pairing on the billing bug" },
          description: { "en-GB": "I now pair on every tricky bug." },
          type: "https://ripple.example/xapi/activities/story",
        },
      },
      context: {
        platform: "Ripple",
        language: "en-GB",
        extensions: {
          "https://ripple.example/xapi/extensions/cycle": { key: "APPLIED", number: 3, name: "Applied value" },
          "https://ripple.example/xapi/extensions/indicators": ["advice-implemented", "practice-innovation"],
          "https://ripple.example/xapi/extensions/figure": { value: 12.5, unit: "hours saved" },
        },
      },
      timestamp: "2026-03-01T09:30:00.000Z",
    });
  });

  it.each<[Cycle, string]>([
    ["IMMEDIATE", "experienced"],
    ["POTENTIAL", "progressed"],
    ["APPLIED", "progressed"],
    ["REALIZED", "progressed"],
    ["REFRAMING", "completed"],
  ])("%s uses ADL's verb %s", (cycle, verb) => {
    const s = cycleEntryStatement(input({ cycle }));
    expect(s.verb).toEqual({ id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-GB": verb } });
    expect(CYCLE_VERB[cycle].id.startsWith("http://adlnet.gov/expapi/verbs/")).toBe(true);
  });

  it.each(CYCLES)("the %s statement is valid xAPI 1.0.3", (cycle) => {
    expect(validateStatement(cycleEntryStatement(input({ cycle })))).toEqual([]);
  });

  it("leaves out the figure and the description when there are none", () => {
    const s = cycleEntryStatement(input({ figureValue: null, figureUnit: null, narrative: "  ", indicators: [] }));
    expect(Object.keys(s.context.extensions)).toEqual(["https://ripple.example/xapi/extensions/cycle", "https://ripple.example/xapi/extensions/indicators"]);
    expect(s.context.extensions["https://ripple.example/xapi/extensions/indicators"]).toEqual([]);
    expect(s.object.definition.description).toBeUndefined();
    expect(validateStatement(s)).toEqual([]);
  });

  it("keeps a figure without a unit, and a numeric figure as given", () => {
    const s = cycleEntryStatement(input({ figureValue: 3, figureUnit: null }));
    expect(s.context.extensions["https://ripple.example/xapi/extensions/figure"]).toEqual({ value: 3, unit: "" });
  });

  it("the statement id is the entry id when it is a UUID (lower-cased)", () => {
    expect(cycleEntryStatement(input({ id: ENTRY_ID.toUpperCase() })).id).toBe(ENTRY_ID);
  });

  it("refuses an entry id that is not a UUID", () => {
    expect(() => cycleEntryStatement(input({ id: "entry-42" }))).toThrow(/must be a UUID/);
  });

  it("another language tags the text and keeps the en-GB verb display", () => {
    const s = cycleEntryStatement({ ...input(), language: "nl-NL" });
    expect(s.object.definition.name).toEqual({ "nl-NL": "Pairing on the billing bug" });
    expect(s.verb.display).toEqual({ "nl-NL": "progressed", "en-GB": "progressed" });
    expect(s.context.language).toBe("nl-NL");
    expect(validateStatement(s)).toEqual([]);
  });

  it("trims the email address into the mailto IRI", () => {
    expect(cycleEntryStatement({ ...input(), actor: { name: "A", email: " a@b.example " } }).actor.mbox).toBe("mailto:a@b.example");
  });
});

describe("validateStatement", () => {
  const valid = () => JSON.parse(JSON.stringify(cycleEntryStatement(input()))) as Record<string, any>;

  it("accepts a valid statement", () => {
    expect(validateStatement(valid())).toEqual([]);
  });

  it("accepts a minimal statement (actor, verb, object only)", () => {
    expect(
      validateStatement({
        actor: { mbox: "mailto:a@b.example" },
        verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
        object: { id: "https://ripple.example/stories/1" },
      }),
    ).toEqual([]);
  });

  it.each<[string, (s: Record<string, any>) => void, RegExp]>([
    ["missing verb", (s) => delete s.verb, /^verb is required/],
    ["missing actor", (s) => delete s.actor, /^actor is required/],
    ["missing object", (s) => delete s.object, /^object is required/],
    [
      "two inverse functional identifiers",
      (s) => (s.actor.openid = "https://id.example/zoe"),
      /^actor must have exactly one inverse functional identifier .*it has mbox, openid/,
    ],
    ["no inverse functional identifier", (s) => delete s.actor.mbox, /^actor must have exactly one .*it has none/],
    ["mbox without mailto:", (s) => (s.actor.mbox = "zoe@acme.example"), /^actor\.mbox must be a mailto IRI/],
    ["mbox without an address", (s) => (s.actor.mbox = "mailto:zoe"), /^actor\.mbox must be a mailto IRI/],
    ["bad mbox_sha1sum", (s) => (s.actor = { mbox_sha1sum: "xyz" }), /^actor\.mbox_sha1sum must be 40 hexadecimal digits/],
    ["account without a homePage IRI", (s) => (s.actor = { account: { homePage: "example.com", name: "zoe" } }), /^actor\.account must have/],
    ["actor of an unknown type", (s) => (s.actor.objectType = "Person"), /^actor\.objectType must be "Agent" or "Group"/],
    ["relative verb id", (s) => (s.verb.id = "verbs/progressed"), /^verb\.id must be an absolute IRI/],
    ["relative object id", (s) => (s.object.id = "/stories/story-1"), /^object\.id must be an absolute IRI/],
    ["object id with a space", (s) => (s.object.id = "https://ripple.example/my story"), /^object\.id must be an absolute IRI/],
    ["relative activity type", (s) => (s.object.definition.type = "story"), /^object\.definition\.type must be an absolute IRI/],
    [
      "bad language tag in the verb display",
      (s) => (s.verb.display = { en_GB: "progressed" }),
      /^verb\.display has "en_GB", which is not an RFC 5646 language tag/,
    ],
    ["bad language tag in the activity name", (s) => (s.object.definition.name = { "": "x" }), /^object\.definition\.name has "", which is not/],
    [
      "a language map value that is not a string",
      (s) => (s.object.definition.description = { "en-GB": 3 }),
      /^object\.definition\.description\["en-GB"\] must be a string/,
    ],
    ["a language map that is a string", (s) => (s.verb.display = "progressed"), /^verb\.display must be a language map/],
    ["bad context language", (s) => (s.context.language = "english language"), /^context\.language must be an RFC 5646 language tag/],
    ["relative extension key", (s) => (s.context.extensions.cycle = "APPLIED"), /^context\.extensions key "cycle" is not an absolute IRI/],
    ["timestamp without a time zone", (s) => (s.timestamp = "2026-03-01T09:30:00"), /^timestamp must be an ISO 8601/],
    ["timestamp that is not a date", (s) => (s.timestamp = "yesterday"), /^timestamp must be an ISO 8601/],
    ["timestamp on a day that does not exist", (s) => (s.timestamp = "2026-02-30T09:30:00Z"), /^timestamp must be an ISO 8601/],
    ["id that is not a UUID", (s) => (s.id = "entry-42"), /^id must be a UUID/],
    ["version that is not 1.0.x", (s) => (s.version = "2.0.0"), /^version must be a 1\.0\.x version/],
    ["a property xAPI does not define", (s) => (s.extra = true), /^"extra" is not a statement property/],
    ["context platform that is not a string", (s) => (s.context.platform = 1), /^context\.platform must be a string/],
  ])("reports %s", (_label, breakIt, problem) => {
    const s = valid();
    breakIt(s);
    const problems = validateStatement(s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("reports every problem at once", () => {
    const s = valid();
    delete s.verb;
    s.actor.mbox = "nope";
    s.timestamp = "2026-03-01";
    expect(validateStatement(s)).toHaveLength(3);
  });

  it("refuses what is not an object", () => {
    expect(validateStatement(null)).toEqual(["The statement must be a JSON object."]);
    expect(validateStatement([])).toEqual(["The statement must be a JSON object."]);
  });

  it("checks Group actors: an anonymous group lists members, each an Agent", () => {
    const s = valid();
    s.actor = { objectType: "Group", member: [{ mbox: "mailto:a@b.example" }, { name: "no IFI" }] };
    expect(validateStatement(s)).toEqual([expect.stringMatching(/^actor\.member\[1\] must have exactly one/)]);
    s.actor = { objectType: "Group" };
    expect(validateStatement(s)).toEqual([expect.stringMatching(/^actor is an anonymous Group and must list its members/)]);
  });
});

describe("isLanguageTag (RFC 5646)", () => {
  it.each<[string, boolean]>([
    ["en", true],
    ["en-GB", true],
    ["en-US", true],
    ["nl-NL", true],
    ["es-419", true],
    ["zh-Hant-TW", true],
    ["sr-Latn-RS", true],
    ["de-CH-1901", true],
    ["sl-rozaj-biske", true],
    ["zh-yue-HK", true],
    ["en-a-bbb-x-a-ccc", true],
    ["x-whatever", true],
    ["i-klingon", true],
    ["und", true],
    ["en_GB", false],
    ["", false],
    ["e", false],
    ["en-", false],
    ["-GB", false],
    ["123", false],
    ["en-GB-", false],
    ["english language", false],
    ["toolongtag", false],
    ["en-x", false],
  ])("%j → %s", (tag, expected) => {
    expect(isLanguageTag(tag)).toBe(expected);
  });
});

describe("isIsoTimestamp", () => {
  it.each<[string, boolean]>([
    ["2026-03-01T09:30:00.000Z", true],
    ["2026-03-01T09:30:00Z", true],
    ["2026-03-01T09:30Z", true],
    ["2026-03-01T09:30:00+01:00", true],
    ["2026-03-01T09:30:00.123456-05:00", true],
    ["2026-03-01T09:30:00+0530", true],
    ["2028-02-29T00:00:00Z", true],
    ["2026-03-01T09:30:00", false],
    ["2026-03-01", false],
    ["2026-03-01 09:30:00Z", false],
    ["2026-02-29T00:00:00Z", false],
    ["2026-13-01T00:00:00Z", false],
    ["2026-03-01T24:00:00Z", false],
    ["2026-03-01T09:60:00Z", false],
    ["2026-03-01T09:30:00-00:00", false],
    ["2026-03-01T09:30:00+15:00", false],
    ["not a date", false],
  ])("%j → %s", (value, expected) => {
    expect(isIsoTimestamp(value)).toBe(expected);
  });
});

describe("identifiers", () => {
  it.each<[string, boolean]>([
    [ENTRY_ID, true],
    ["886313e1-3b8a-5372-9b90-0c9aee199e5d", true],
    ["6ba7b811-9dad-11d1-80b4-00c04fd430c8", true],
    ["886313E1-3B8A-5372-9B90-0C9AEE199E5D", true],
    ["886313e1-3b8a-0372-9b90-0c9aee199e5d", false], // version 0
    ["886313e1-3b8a-5372-cb90-0c9aee199e5d", false], // not the RFC variant
    ["886313e13b8a53729b900c9aee199e5d", false],
    ["entry-42", false],
  ])("isUuid(%j) → %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ["http://adlnet.gov/expapi/verbs/experienced", true],
    ["https://ripple.example/xapi/extensions/cycle", true],
    ["urn:uuid:886313e1-3b8a-5372-9b90-0c9aee199e5d", true],
    ["mailto:a@b.example", true],
    ["https://ripple.example/histoires/café", true],
    ["/stories/1", false],
    ["stories/1", false],
    ["https://ripple.example/a b", false],
    ["1http://x", false],
    ["", false],
  ])("isAbsoluteIri(%j) → %s", (value, expected) => {
    expect(isAbsoluteIri(value)).toBe(expected);
  });
});
