import { describe, expect, it } from "vitest";
import {
  CRLF,
  CSV_COLUMNS,
  XLSX_CELL_MAX,
  contributorsSummary,
  csvEscape,
  csvLine,
  csvPreamble,
  cycleEntryCsvRow,
  rfcUuid,
  xlsxText,
  exportFileName,
  fileNamePart,
  filtersHeader,
  neutralizeFormula,
  type CsvEntry,
  type CsvStory,
  type ExportKind,
} from "@/lib/domain/exports";
import { reportPeriod, type ReportFilters } from "@/lib/domain/report-filters";

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
    tags: ["billing", "pairing"],
    contributors: [{ name: "Ava Jones", insideOrg: true, platform: null, tie: "STRONG" }],
  };
  const entry: CsvEntry = {
    cycle: "REALIZED",
    narrative: "We shipped the fix.\nSupport tickets dropped.",
    indicators: ["Personal performance", "Organisational performance"],
    figureValue: "12.50",
    figureUnit: "hours saved",
    confirmed: true,
    confirmedBy: "Marco Manager",
    confirmedAt: new Date("2026-03-02T10:00:00Z"),
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
      "tags",
      "contributors",
      "cycle",
      "narrative",
      "indicators",
      "figureValue",
      "figureUnit",
      "confirmed",
      "confirmedBy",
      "confirmedAt",
      "recordedAt",
    ]);
    expect(csvLine(CSV_COLUMNS)).toBe(
      "storyId,title,author,team,occurredAt,channel,visibility,status,tags,contributors,cycle,narrative,indicators,figureValue,figureUnit,confirmed,confirmedBy,confirmedAt,recordedAt\r\n",
    );
  });

  it("one record per cycle entry, story columns repeated, written as RFC 4180", () => {
    const row = cycleEntryCsvRow(story, entry);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(csvLine(row)).toBe(
      "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b," +
        '"Pairing on the ""billing"" bug, finally",' +
        "Zoë Martin,Platform,2026-02-10T00:00:00.000Z,Internal chat,TEAM,PUBLISHED," +
        'billing; pairing,"Ava Jones (colleague, strong tie)",REALIZED,' +
        '"We shipped the fix.\nSupport tickets dropped.",' +
        "Personal performance; Organisational performance," +
        "12.50,hours saved,true,Marco Manager,2026-03-02T10:00:00.000Z,2026-03-01T09:30:00.000Z\r\n",
    );
  });

  it("missing team, channel and figure are empty fields; confirmed is empty without a figure", () => {
    const row = cycleEntryCsvRow(
      { ...story, team: null, channel: null, visibility: "PRIVATE", status: "DRAFT", tags: undefined, contributors: [] },
      { ...entry, cycle: "IMMEDIATE", narrative: "", indicators: [], figureValue: null, figureUnit: null, confirmed: false },
    );
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toMatchObject({
      tags: "",
      contributors: "",
      confirmedBy: "",
      confirmedAt: "",
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
    // Who confirmed is only written for a confirmed figure.
    expect(byColumn.confirmedBy).toBe("");
    expect(byColumn.confirmedAt).toBe("");
  });

  it("a story without cycle entries is one record with the entry columns empty", () => {
    const row = cycleEntryCsvRow(story, null);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toMatchObject({ storyId: story.id, title: story.title, tags: "billing; pairing" });
    for (const c of ["cycle", "narrative", "indicators", "figureValue", "figureUnit", "confirmed", "confirmedBy", "confirmedAt", "recordedAt"]) {
      expect(byColumn[c], c).toBe("");
    }
  });

  it("the first record names the organisation and the filters, as wide as the table", () => {
    const row = csvPreamble("Acme, Inc.", "From 1 Jan 2026 to 31 Mar 2026 · cycle Applied value", new Date("2026-04-01T08:00:00Z"));
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[0]).toBe("Ripple export · Acme, Inc. · From 1 Jan 2026 to 31 Mar 2026 · cycle Applied value · exported 2026-04-01T08:00:00.000Z");
    expect(row.slice(1).every((f) => f === "")).toBe(true);
    expect(csvLine(row)).toMatch(/^"Ripple export · Acme, Inc\. · .*",{18}\r\n$/);
    expect(csvPreamble("Two\nlines", "All time", new Date(0))[0]).toBe("Ripple export · Two lines · All time · exported 1970-01-01T00:00:00.000Z");
  });

  it("free text that a spreadsheet would run as a formula is neutralised", () => {
    const row = cycleEntryCsvRow(
      {
        ...story,
        title: '=HYPERLINK("http://evil")',
        author: "+Bob",
        team: "@ops",
        channel: "-chat",
        tags: ["=tag"],
        contributors: [{ name: "@eve", insideOrg: false, platform: null, tie: "WEAK" }],
      },
      { ...entry, narrative: "=1+1", indicators: ["-x"], figureUnit: "=unit", confirmedBy: "=boss" },
    );
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toMatchObject({
      title: '\'=HYPERLINK("http://evil")',
      author: "'+Bob",
      team: "'@ops",
      channel: "'-chat",
      narrative: "'=1+1",
      indicators: "'-x",
      figureUnit: "'=unit",
      tags: "'=tag",
      contributors: "'@eve (outside, weak tie)",
      confirmedBy: "'=boss",
    });
  });
});

describe("exportFileName", () => {
  it.each<[string, ExportKind, string, ReportFilters, string]>([
    [
      "the example: period and cycle",
      "csv",
      "acme",
      { ...reportPeriod("2026-01-01", "2026-03-31"), cycle: "APPLIED" },
      "ripple-acme-2026-01-01_2026-03-31-cycle-applied.csv",
    ],
    ["no filters", "pdf", "acme", {}, "ripple-acme.pdf"],
    ["start only", "xlsx", "acme", reportPeriod("2026-01-01"), "ripple-acme-from-2026-01-01.xlsx"],
    ["end only", "json", "acme", reportPeriod(undefined, "2026-03-31"), "ripple-acme-to-2026-03-31.json"],
    ["dates given the wrong way round are put in order", "csv", "acme", reportPeriod("2026-03-31", "2026-01-01"), "ripple-acme-2026-01-01_2026-03-31.csv"],
    ["invalid dates are left out", "csv", "acme", { from: new Date(Number.NaN), to: new Date("yesterday") }, "ripple-acme.csv"],
    [
      "every filter, in a fixed order",
      "xapi",
      "acme",
      { cycle: "REFRAMING", tag: "Onboarding", channel: "chat", teamId: "Platform Team", ...reportPeriod("2026-01-01", "2026-01-31") },
      "ripple-acme-2026-01-01_2026-01-31-team-platform-team-channel-chat-tag-onboarding-cycle-reframing-xapi.json",
    ],
    [
      "unsafe characters become hyphens",
      "csv",
      "ACME Ltd.",
      { tag: "../../etc/passwd", teamId: 'R&D "core"' },
      "ripple-acme-ltd-team-r-d-core-tag-etc-passwd.csv",
    ],
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
  it.each<[string, ReportFilters, { team?: string; channel?: string }, string]>([
    ["nothing set", {}, {}, "All time"],
    ["a period", reportPeriod("2026-01-01", "2026-03-31"), {}, "From 1 Jan 2026 to 31 Mar 2026"],
    ["dates in the wrong order", reportPeriod("2026-03-31", "2026-01-01"), {}, "From 1 Jan 2026 to 31 Mar 2026"],
    ["one day", reportPeriod("2026-03-07", "2026-03-07"), {}, "On 7 Mar 2026"],
    ["start only", reportPeriod("2026-03-07"), {}, "From 7 Mar 2026"],
    ["end only", reportPeriod(undefined, "2026-03-07"), {}, "Until 7 Mar 2026"],
    [
      "every filter, with labels for team and channel",
      { ...reportPeriod("2026-01-01", "2026-03-31"), teamId: "t-123", channel: "chat", tag: "onboarding", cycle: "APPLIED" },
      { team: "Platform", channel: "Internal chat" },
      "From 1 Jan 2026 to 31 Mar 2026 · team Platform · channel Internal chat · tag “onboarding” · cycle Applied value",
    ],
    ["keys when no label is given", { channel: "chat", teamId: "platform" }, {}, "All time · team platform · channel chat"],
    ["always one line", { tag: "two\nlines" }, {}, "All time · tag “two lines”"],
  ])("%s", (_label, filters, labels, expected) => {
    expect(filtersHeader(filters, labels)).toBe(expected);
  });
});

describe("contributorsSummary", () => {
  it.each<[string, Parameters<typeof contributorsSummary>[0], string]>([
    ["nobody", [], ""],
    ["a colleague", [{ name: "Ava Jones", insideOrg: true, platform: null, tie: "STRONG" }], "Ava Jones (colleague, strong tie)"],
    ["an outsider on a platform", [{ name: "Sam Ext", insideOrg: false, platform: "LinkedIn", tie: "WEAK" }], "Sam Ext on LinkedIn (outside, weak tie)"],
    ["an outsider without a name", [{ name: null, insideOrg: false, platform: "Slack", tie: "WEAK" }], "someone on Slack (outside, weak tie)"],
    ["a colleague whose name is missing", [{ name: "  ", insideOrg: true, platform: "ignored", tie: "WEAK" }], "a colleague (colleague, weak tie)"],
    [
      "several, in order, on one line",
      [
        { name: "Ava\nJones", insideOrg: true, platform: null, tie: "WEAK" },
        { name: "Bo", insideOrg: false, platform: null, tie: "STRONG" },
      ],
      "Ava Jones (colleague, weak tie); Bo (outside, strong tie)",
    ],
  ])("%s", (_label, input, expected) => {
    expect(contributorsSummary(input)).toBe(expected);
  });
});

describe("xlsxText", () => {
  it.each<[string, string | null | undefined, string]>([
    ["plain text", "Hello, world", "Hello, world"],
    ["null and undefined are empty", null, ""],
    ["undefined", undefined, ""],
    ["line breaks and tabs stay", "a\nb\tc\r\nd", "a\nb\tc\r\nd"],
    ["control characters XML forbids go", "a\u0000b\u0007c\u000Bd\u001Fe\uFFFE", "abcde"],
    ["a formula stays text (the cell is written as a string)", "=1+1", "=1+1"],
  ])("%s", (_label, input, expected) => {
    expect(xlsxText(input)).toBe(expected);
  });

  it("cuts at the cell limit with an ellipsis", () => {
    const long = xlsxText("x".repeat(XLSX_CELL_MAX + 10));
    expect(long).toHaveLength(XLSX_CELL_MAX);
    expect(long.endsWith("…")).toBe(true);
    expect(xlsxText("y".repeat(XLSX_CELL_MAX))).toHaveLength(XLSX_CELL_MAX);
  });
});

describe("rfcUuid", () => {
  it.each<[string, string, string | null]>([
    ["a UUIDv7 comes back as it is", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"],
    ["lower-cased", "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"],
    ["a hash-made id gets version 8 and the RFC variant", "5d41402a-bc4b-2a76-f971-9d911017c592", "5d41402a-bc4b-8a76-b971-9d911017c592"],
    ["version 0, variant 0", "00000000-0000-0000-0000-000000000000", "00000000-0000-8000-8000-000000000000"],
    ["without hyphens", "5d41402abc4b2a76f9719d911017c592", "5d41402a-bc4b-8a76-b971-9d911017c592"],
    ["not an id", "entry-42", null],
    ["too short", "5d41402a-bc4b-2a76-f971-9d911017c59", null],
  ])("%s", (_label, input, expected) => {
    const out = rfcUuid(input);
    expect(out).toBe(expected);
    if (out) expect(out).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("different ids stay different", () => {
    expect(rfcUuid("5d41402a-bc4b-2a76-f971-9d911017c592")).not.toBe(rfcUuid("5d41402a-bc4b-2a76-f971-9d911017c593"));
  });
});
