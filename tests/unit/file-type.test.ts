import { describe, expect, it } from "vitest";
import {
  EVIDENCE_ACCEPT,
  MAX_EVIDENCE_BYTES,
  MAX_FILE_NAME_LENGTH,
  checkEvidenceFile,
  contentDisposition,
  evidenceFileName,
  isAllowedEvidenceSize,
  isEvidenceMime,
  isImageMime,
  sniffFileType,
  type SniffedFileType,
} from "@/lib/domain/file-type";
import { formatBytes } from "@/lib/domain/format";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? Array.from(new TextEncoder().encode(p)) : p)));

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG: SniffedFileType = { mime: "image/png", ext: "png" };
const JPEG: SniffedFileType = { mime: "image/jpeg", ext: "jpg" };
const PDF: SniffedFileType = { mime: "application/pdf", ext: "pdf" };

describe("sniffFileType", () => {
  it.each<[string, Uint8Array, SniffedFileType | null]>([
    ["a PNG", bytes(PNG_MAGIC, [0, 0, 0, 13], "IHDR"), PNG],
    ["a JPEG (JFIF)", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), JPEG],
    ["a JPEG (Exif)", bytes([0xff, 0xd8, 0xff, 0xe1]), JPEG],
    ["a GIF87a", bytes("GIF87a", [1, 0, 1, 0]), { mime: "image/gif", ext: "gif" }],
    ["a GIF89a", bytes("GIF89a", [1, 0, 1, 0]), { mime: "image/gif", ext: "gif" }],
    ["a WebP", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), { mime: "image/webp", ext: "webp" }],
    ["a PDF", bytes("%PDF-1.7\n%âãÏÓ\n"), PDF],
    ["an HTML page renamed .png", bytes("<!DOCTYPE html><html><script>alert(1)</script>"), null],
    ["an SVG (which can hold script)", bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ["an SVG with an XML declaration", bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ["an empty file", new Uint8Array(0), null],
    ["plain text", bytes("just some notes"), null],
    ["a RIFF file that is not WebP (WAV)", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), null],
    ["RIFF cut short before the WEBP mark", bytes("RIFF", [0x24, 0, 0, 0], "WEB"), null],
    ["a truncated PNG signature", bytes(PNG_MAGIC.slice(0, 7)), null],
    ["a PNG signature not at the start", bytes([0], PNG_MAGIC), null],
    ["two JPEG bytes only", bytes([0xff, 0xd8]), null],
    ["GIF90a (no such version)", bytes("GIF90a"), null],
    ["%PDF without the dash", bytes("%PDF1.4"), null],
    ["a PDF marker after leading text", bytes("hello %PDF-1.4"), null],
    ["a ZIP (e.g. .docx)", bytes([0x50, 0x4b, 0x03, 0x04]), null],
    ["a Windows executable", bytes("MZ", [0x90, 0]), null],
  ])("%s", (_label, input, expected) => {
    expect(sniffFileType(input)).toEqual(expected);
  });
});

describe("sizes", () => {
  it("is 10 MB", () => {
    expect(MAX_EVIDENCE_BYTES).toBe(10 * 1024 * 1024);
  });

  it.each<[string, number, boolean]>([
    ["empty", 0, false],
    ["one byte", 1, true],
    ["exactly 10 MB", MAX_EVIDENCE_BYTES, true],
    ["10 MB + 1 byte", MAX_EVIDENCE_BYTES + 1, false],
    ["negative", -1, false],
    ["not a whole number", 12.5, false],
    ["not a number", Number.NaN, false],
  ])("isAllowedEvidenceSize: %s", (_label, size, allowed) => {
    expect(isAllowedEvidenceSize(size)).toBe(allowed);
  });

  it("checkEvidenceFile accepts a PNG of exactly 10 MB and refuses one byte more", () => {
    const exact = new Uint8Array(MAX_EVIDENCE_BYTES);
    exact.set(PNG_MAGIC);
    expect(checkEvidenceFile(exact)).toEqual(PNG);
    const over = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    over.set(PNG_MAGIC);
    expect(checkEvidenceFile(over)).toBeNull();
  });

  it("checkEvidenceFile refuses an empty file and a file of the wrong type", () => {
    expect(checkEvidenceFile(new Uint8Array(0))).toBeNull();
    expect(checkEvidenceFile(bytes("<html></html>"))).toBeNull();
  });
});

describe("evidenceFileName", () => {
  it.each<[string, string, SniffedFileType, string]>([
    ["a plain name", "screenshot.png", PNG, "screenshot.png"],
    ["a Windows path", "C:\\Users\\ava\\Desktop\\board.png", PNG, "board.png"],
    ["a Unix path", "../../etc/passwd.png", PNG, "passwd.png"],
    ["control characters", "bad\u0000na\u001fme\u007f.png", PNG, "badname.png"],
    ["a right-to-left override", "invoice\u202Egnp.pdf", PDF, "invoicegnp.pdf"],
    ["surrounding spaces", "  notes.pdf  ", PDF, "notes.pdf"],
    ["a hidden-file dot", ".secret.png", PNG, "secret.png"],
    ["an upper-case extension", "Photo.JPG", JPEG, "Photo.jpg"],
    ["the other JPEG extension", "photo.jpeg", JPEG, "photo.jpeg"],
    ["an extension that does not match the bytes", "page.html", PDF, "page.html.pdf"],
    ["an image named .pdf", "scan.pdf", PNG, "scan.pdf.png"],
    ["no extension", "whiteboard", PNG, "whiteboard.png"],
    ["empty", "", PNG, "evidence.png"],
    ["only a path", "folder/", PDF, "evidence.pdf"],
    ["only dots", "...", PDF, "evidence.pdf"],
    ["only an extension", ".png", PNG, "evidence.png"],
    ["only control characters", "\u0001\u0002", JPEG, "evidence.jpg"],
    ["accents kept", "Présentation équipe.pdf", PDF, "Présentation équipe.pdf"],
  ])("%s", (_label, declared, type, expected) => {
    expect(evidenceFileName(declared, type)).toBe(expected);
  });

  it(`keeps at most ${MAX_FILE_NAME_LENGTH} characters, and the extension`, () => {
    const name = evidenceFileName(`${"a".repeat(300)}.pdf`, PDF);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith("a.pdf")).toBe(true);
  });

  it("does not split a character made of two UTF-16 units", () => {
    const name = evidenceFileName(`${"😀".repeat(200)}.png`, PNG);
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(() => encodeURIComponent(name)).not.toThrow(); // throws on a lone surrogate
  });
});

describe("contentDisposition", () => {
  it.each<[string, string, string, string]>([
    ["an image inline", "board.png", "image/png", `inline; filename="board.png"; filename*=UTF-8''board.png`],
    ["a PDF as a download", "report.pdf", "application/pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ["anything unknown as a download", "x.bin", "application/octet-stream", `attachment; filename="x.bin"; filename*=UTF-8''x.bin`],
    [
      "spaces and accents",
      "Présentation équipe.pdf",
      "application/pdf",
      `attachment; filename="Pr_sentation _quipe.pdf"; filename*=UTF-8''Pr%C3%A9sentation%20%C3%A9quipe.pdf`,
    ],
    ["quotes, backslashes and semicolons", `a"b\\c;d.png`, "image/png", `inline; filename="a_b_c_d.png"; filename*=UTF-8''a%22b%5Cc%3Bd.png`],
    [
      "characters RFC 5987 does not allow bare",
      "it's (final)*.pdf",
      "application/pdf",
      `attachment; filename="it's (final)*.pdf"; filename*=UTF-8''it%27s%20%28final%29%2A.pdf`,
    ],
    ["a percent sign", "100%.png", "image/png", `inline; filename="100_.png"; filename*=UTF-8''100%25.png`],
  ])("%s", (_label, name, mime, expected) => {
    expect(contentDisposition(name, mime)).toBe(expected);
  });
});

describe("formatBytes (a file's size)", () => {
  it.each<[number, string]>([
    [0, "0 bytes"],
    [1, "1 byte"],
    [512, "512 bytes"],
    [1024, "1 KB"],
    [1536, "1.5 KB"],
    [20 * 1024, "20 KB"],
    [1.2 * 1024 * 1024, "1.2 MB"],
    [MAX_EVIDENCE_BYTES, "10 MB"],
    [3 * 1024 ** 3, "3 GB"],
  ])("%i bytes reads %s", (size, expected) => {
    expect(formatBytes(size)).toBe(expected);
  });
});

describe("MIME helpers", () => {
  it("accepts exactly the five types in the file picker hint", () => {
    expect(EVIDENCE_ACCEPT).toBe("image/png,image/jpeg,image/gif,image/webp,application/pdf");
  });

  it.each<[string, boolean, boolean]>([
    ["image/png", true, true],
    ["image/webp", true, true],
    ["application/pdf", true, false],
    ["image/svg+xml", false, false],
    ["text/html", false, false],
  ])("%s: evidence type %s, image %s", (mime, evidence, image) => {
    expect(isEvidenceMime(mime)).toBe(evidence);
    expect(isImageMime(mime)).toBe(image);
  });
});
