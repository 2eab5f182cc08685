import { describe, expect, it } from "vitest";
import {
  CRLF,
  CSV_COLUMNS,
  csvEscape,
  csvLine,
  cycleEntryCsvRow,
  exportFileName,
  fileNamePart,
  filtersHeader,
  neutralizeFormula,
  type CsvEntry,
  type CsvStory,
  type ExportFilters,
  type ExportKind,
} from "@/lib/domain/exports";

describe("csvEscape (RFC 4180)", () => {
  it.each<[string, Parameters<typeof csvEscape>[0], string]>([
    ["plain text stays as it is", "hello", "hello"],
    ["empty string", "", ""],
    ["null is an empty field", null, ""],
    ["undefined is an empty field", undefined, ""],
    ["a comma is quoted", "a,b", '"a,b"'],
    ["a quote is doubled and the field quoted", 'say "hi"', '"say ""hi"""'],
    ["a lone quote", '"', '""""'],
    ["LF is quoted", "line1\nline2", '"line1\nline2"'],
    ["CR is quoted", "a\rb", '"a\rb"'],
    ["CRLF is quoted", "a\r\nb", '"a\r\nb"'],
    ["spaces are kept, not quoted", "  padded  ", "  padded  "],
    ["a semicolon needs no quotes", "a; b", "a; b"],
    ["numbers", 12.5, "12.5"],
    ["zero", 0, "0"],
    ["booleans", true, "true"],
    ["dates in ISO 8601", new Date("2026-03-01T09:30:00Z"), "2026-03-01T09:30:00.000Z"],
    ["non-ASCII text is kept", "Zoë’s café", "Zoë’s café"],
  ])("%s", (_label, input, expected) => {
    expect(csvEscape(input)).toBe(expected);
  });
});

describe("csvLine", () => {
  it.each<[string, Parameters<typeof csvLine>[0], string]>([
    ["fields joined by commas, CRLF at the end", ["a", "b", "c"], "a,b,c\r\n"],
    ["empty fields keep their place", ["a", null, "", "d"], "a,,,d\r\n"],
    ["one field", ["x"], "x\r\n"],
    ["mixed quoting", ["1", "a,b", 'q"', "multi\nline"], '1,"a,b","q""","multi\nline"\r\n'],
  ])("%s", (_label, fields, expected) => {
    expect(csvLine(fields)).toBe(expected);
  });

  it("CRLF is the RFC 4180 line break", () => {
    expect(CRLF).toBe("\r\n");
  });
});

describe("neutralizeFormula", () => {
  it.each<[string, string]>([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["a=b", "a=b"],
    ["", ""],
    ["Learned a lot", "Learned a lot"],
  ])("%j → %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });
});

describe("the cycle-entry CSV", () => {
  const story: CsvStory = {
    id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    title: 'Pairing on the "billing" bug, finally',
    author: "Zoë Martin",
    team: "Platform",
    occurredAt: new Date("2026-02-10T00:00:00Z"),
    channel: "Internal chat",
    visibility: "TEAM",
    status: "PUBLISHED",
  };
  const entry: CsvEntry = {
    cycle: "REALIZED",
    narrative: "We shipped the fix.\nSupport tickets dropped.",
    indicators: ["Personal performance", "Organisational performance"],
    figureValue: "12.50",
    figureUnit: "hours saved",
    confirmed: true,
    recordedAt: new Date("2026-03-01T09:30:00Z"),
  };

  it("has the story columns, then the entry columns", () => {
    expect(CSV_COLUMNS).toEqual([
      "storyId",
      "title",
      "author",
      "team",
      "occurredAt",
      "channel",
      "visibility",
      "status",
      "cycle",
      "narrative",
      "indicators",
      "figureValue",
      "figureUnit",
      "confirmed",
      "recordedAt",
    ]);
    expect(csvLine(CSV_COLUMNS)).toBe(
      "storyId,title,author,team,occurredAt,channel,visibility,status,cycle,narrative,indicators,figureValue,figureUnit,confirmed,recordedAt\r\n",
    );
  });

  it("one record per cycle entry, story columns repeated, written as RFC 4180", () => {
    const row = cycleEntryCsvRow(story, entry);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(csvLine(row)).toBe(
      "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b," +
        '"Pairing on the ""billing"" bug, finally",' +
        "Zoë Martin,Platform,2026-02-10T00:00:00.000Z,Internal chat,TEAM,PUBLISHED,REALIZED," +
        '"We shipped the fix.\nSupport tickets dropped.",' +
        "Personal performance; Organisational performance," +
        "12.50,hours saved,true,2026-03-01T09:30:00.000Z\r\n",
    );
  });

  it("missing team, channel and figure are empty fields; confirmed is empty without a figure", () => {
    const row = cycleEntryCsvRow(
      { ...story, team: null, channel: null, visibility: "PRIVATE", status: "DRAFT" },
      { ...entry, cycle: "IMMEDIATE", narrative: "", indicators: [], figureValue: null, figureUnit: null, confirmed: false },
    );
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toMatchObject({
      team: "",
      channel: "",
      visibility: "PRIVATE",
      status: "DRAFT",
      cycle: "IMMEDIATE",
      narrative: "",
      indicators: "",
      figureValue: "",
      figureUnit: "",
      confirmed: "",
    });
  });

  it("a figure that is not confirmed says false; numbers are written as they are", () => {
    const row = cycleEntryCsvRow(story, { ...entry, figureValue: -3, confirmed: false });
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    // A negative number we write ourselves is not a formula and is not prefixed.
    expect(byColumn.figureValue).toBe("-3");
    expect(byColumn.confirmed).toBe("false");
  });

  it("free text that a spreadsheet would run as a formula is neutralised", () => {
    const row = cycleEntryCsvRow(
      { ...story, title: "=HYPERLINK(\"http://evil\")", author: "+Bob", team: "@ops", channel: "-chat" },
      { ...entry, narrative: "=1+1", indicators: ["-x"], figureUnit: "=unit" },
    );
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toMatchObject({
      title: "'=HYPERLINK(\"http://evil\")",
      author: "'+Bob",
      team: "'@ops",
      channel: "'-chat",
      narrative: "'=1+1",
      indicators: "'-x",
      figureUnit: "'=unit",
    });
  });
});

describe("exportFileName", () => {
  it.each<[string, ExportKind, string, ExportFilters, string]>([
    ["the example: period and cycle", "csv", "acme", { from: "2026-01-01", to: "2026-03-31", cycle: "APPLIED" }, "ripple-acme-2026-01-01_2026-03-31-cycle-applied.csv"],
    ["no filters", "pdf", "acme", {}, "ripple-acme.pdf"],
    ["start only", "xlsx", "acme", { from: "2026-01-01" }, "ripple-acme-from-2026-01-01.xlsx"],
    ["end only", "json", "acme", { to: "2026-03-31" }, "ripple-acme-to-2026-03-31.json"],
    ["dates given the wrong way round are put in order", "csv", "acme", { from: "2026-03-31", to: "2026-01-01" }, "ripple-acme-2026-01-01_2026-03-31.csv"],
    ["invalid dates are left out", "csv", "acme", { from: "2026-02-30", to: "yesterday" }, "ripple-acme.csv"],
    [
      "every filter, in a fixed order",
      "xapi",
      "acme",
      { cycle: "REFRAMING", tag: "Onboarding", channel: "chat", team: "Platform Team", from: "2026-01-01", to: "2026-01-31" },
      "ripple-acme-2026-01-01_2026-01-31-team-platform-team-channel-chat-tag-onboarding-cycle-reframing-xapi.json",
    ],
    ["unsafe characters become hyphens", "csv", "ACME Ltd.", { tag: "../../etc/passwd", team: 'R&D "core"' }, "ripple-acme-ltd-team-r-d-core-tag-etc-passwd.csv"],
    ["accented letters keep their base letter", "csv", "société-générale", { tag: "Café crème" }, "ripple-societe-generale-tag-cafe-creme.csv"],
    ["a value with nothing safe in it is left out", "csv", "acme", { tag: "💡💡" }, "ripple-acme.csv"],
    ["an empty slug still gives a name", "csv", "", {}, "ripple-organisation.csv"],
  ])("%s", (_label, kind, slug, filters, expected) => {
    const name = exportFileName(kind, slug, filters);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-z0-9._-]+$/);
  });

  it("long values are cut, without a trailing hyphen", () => {
    expect(fileNamePart("a".repeat(39) + " b" + "c".repeat(20))).toBe("a".repeat(39));
    expect(fileNamePart("x".repeat(100))).toHaveLength(40);
  });
});

describe("filtersHeader", () => {
  it.each<[string, ExportFilters, { team?: string; channel?: string }, string]>([
    ["nothing set", {}, {}, "All time"],
    ["a period", { from: "2026-01-01", to: "2026-03-31" }, {}, "From 1 Jan 2026 to 31 Mar 2026"],
    ["dates in the wrong order", { from: "2026-03-31", to: "2026-01-01" }, {}, "From 1 Jan 2026 to 31 Mar 2026"],
    ["one day", { from: "2026-03-07", to: "2026-03-07" }, {}, "On 7 Mar 2026"],
    ["start only", { from: "2026-03-07" }, {}, "From 7 Mar 2026"],
    ["end only", { to: "2026-03-07" }, {}, "Until 7 Mar 2026"],
    [
      "every filter, with labels for team and channel",
      { from: "2026-01-01", to: "2026-03-31", team: "t-123", channel: "chat", tag: "onboarding", cycle: "APPLIED" },
      { team: "Platform", channel: "Internal chat" },
      "From 1 Jan 2026 to 31 Mar 2026 · team Platform · channel Internal chat · tag “onboarding” · cycle Applied value",
    ],
    ["keys when no label is given", { channel: "chat", team: "platform" }, {}, "All time · team platform · channel chat"],
    ["always one line", { tag: "two\nlines" }, { }, "All time · tag “two lines”"],
  ])("%s", (_label, filters, labels, expected) => {
    expect(filtersHeader(filters, labels)).toBe(expected);
  });
});
