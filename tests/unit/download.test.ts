import { describe, expect, it } from "vitest";
import { csvRecordCounter, fileNameFromContentDisposition, jsonLinesCounter, progressLabel } from "@/lib/domain/download";
import { formatBytes } from "@/lib/domain/format";

describe("fileNameFromContentDisposition", () => {
  it.each<[string, string | null | undefined, string | null]>([
    ["quoted", 'attachment; filename="ripple-acme-cycle-applied.csv"', "ripple-acme-cycle-applied.csv"],
    ["bare", "attachment; filename=ripple.xlsx", "ripple.xlsx"],
    ["RFC 5987 wins over the fallback", `attachment; filename="caf_.csv"; filename*=UTF-8''caf%C3%A9.csv`, "café.csv"],
    ["escaped quote inside", 'attachment; filename="a\\"b.csv"', 'a"b.csv'],
    ["path parts are dropped", 'attachment; filename="../../etc/passwd"', "passwd"],
    ["windows path parts too", 'attachment; filename="..\\\\x.csv"', "x.csv"],
    ["a bad percent escape falls back", `attachment; filename="ok.csv"; filename*=UTF-8''%E0%A4%A.csv`, "ok.csv"],
    ["no file name", "attachment", null],
    ["no header", null, null],
    ["a name that is only dots", 'attachment; filename=".."', null],
  ])("%s", (_label, header, expected) => {
    expect(fileNameFromContentDisposition(header)).toBe(expected);
  });
});

describe("csvRecordCounter", () => {
  const file = '\uFEFF"Ripple export · Acme",,\r\nstoryId,title,narrative\r\n1,"a, b","line1\r\nline2"\r\n2,"say ""hi""\n",x\r\n3,plain,y\r\n';

  it("counts records, not line breaks inside quoted fields, after the preamble and column names", () => {
    const counter = csvRecordCounter(2);
    expect(counter.push(file)).toBe(3);
    expect(counter.records).toBe(3);
  });

  it.each([1, 2, 3, 7])("gives the same count when the text arrives in pieces of %i characters", (size) => {
    const counter = csvRecordCounter(2);
    const seen: number[] = [];
    for (let i = 0; i < file.length; i += size) seen.push(counter.push(file.slice(i, i + size)));
    expect(counter.records).toBe(3);
    // Never goes backwards.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("nothing yet while the header arrives", () => {
    const counter = csvRecordCounter(2);
    expect(counter.push('"Ripple",\r\nstoryId,')).toBe(0);
  });
});

describe("jsonLinesCounter", () => {
  it("counts one statement per line, also when split mid-line", () => {
    const text = '[\n{"id":"a","x":"{not a new line}"},\n{"id":"b"}\n]\n';
    const whole = jsonLinesCounter();
    expect(whole.push(text)).toBe(2);
    const pieces = jsonLinesCounter();
    for (const ch of text) pieces.push(ch);
    expect(pieces.records).toBe(2);
    expect(jsonLinesCounter().push("[\n]\n")).toBe(0);
  });
});

describe("progressLabel and formatBytes", () => {
  it.each<[string, Parameters<typeof progressLabel>[0], string]>([
    ["rows of rows", { records: 12000, expected: 40000, bytes: 0 }, "12,000 of 40,000 rows"],
    ["never more than expected", { records: 41, expected: 40, bytes: 0 }, "40 of 40 rows"],
    ["one", { records: 1, expected: 1, bytes: 0 }, "1 of 1 row"],
    ["no total known", { records: 5, expected: null, bytes: 0 }, "5 rows"],
    ["another noun", { records: 3, expected: 8, bytes: 0, noun: "statement" }, "3 of 8 statements"],
    ["bytes only", { records: null, expected: null, bytes: 3 * 1024 * 1024 + 400 * 1024 }, "3.4 MB received"],
  ])("%s", (_label, input, expected) => {
    expect(progressLabel(input)).toBe(expected);
  });

  it.each<[number, string]>([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1536, "1.5 KB"],
    [5 * 1024 ** 3, "5.0 GB"],
  ])("%i bytes → %s", (n, expected) => {
    expect(formatBytes(n, "progress")).toBe(expected);
  });
});
