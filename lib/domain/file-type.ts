// Evidence files: what may be uploaded, how a file's type is decided, and how its name is
// shown and served. Pure: no I/O. The declared MIME type and the file name's extension are
// never trusted; only the file's first bytes decide what it is.

export const EVIDENCE_MIME_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"] as const;
export type EvidenceMime = (typeof EVIDENCE_MIME_TYPES)[number];

export type SniffedFileType = { mime: EvidenceMime; ext: string };

/** 10 MB, in bytes. A file of exactly this size is accepted. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The one message for a file that is empty, too large or of a type we do not take. */
export const EVIDENCE_FILE_MESSAGE = "Upload an image (PNG, JPEG, GIF, WebP) or a PDF of at most 10 MB.";

/** For `<input type="file" accept>`: a hint to the file picker, not a check. */
export const EVIDENCE_ACCEPT = EVIDENCE_MIME_TYPES.join(",");

/** A stored evidence file as the interface shows it. */
export type EvidenceFileItem = { id: string; fileName: string; mimeType: string; sizeBytes: number };

const EXTENSIONS: Record<EvidenceMime, readonly string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
};

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const SIGNATURES: { mime: EvidenceMime; test: (b: Uint8Array) => boolean }[] = [
  { mime: "image/png", test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: "image/jpeg", test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mime: "image/gif", test: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")) },
  { mime: "image/webp", test: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8) },
  { mime: "application/pdf", test: (b) => startsWith(b, ascii("%PDF-")) },
];

/** What a file is, by its magic bytes, or null when it is none of the types we take. */
export function sniffFileType(bytes: Uint8Array): SniffedFileType | null {
  const hit = SIGNATURES.find((s) => s.test(bytes));
  return hit ? { mime: hit.mime, ext: EXTENSIONS[hit.mime][0]! } : null;
}

export function isEvidenceMime(value: string): value is EvidenceMime {
  return (EVIDENCE_MIME_TYPES as readonly string[]).includes(value);
}

export function isImageMime(value: string): boolean {
  return value.startsWith("image/") && isEvidenceMime(value);
}

/** More than 0 bytes and at most MAX_EVIDENCE_BYTES. */
export function isAllowedEvidenceSize(sizeBytes: number): boolean {
  return Number.isInteger(sizeBytes) && sizeBytes > 0 && sizeBytes <= MAX_EVIDENCE_BYTES;
}

/** The type of an acceptable evidence file, or null (empty, too large, or not a type we take). */
export function checkEvidenceFile(bytes: Uint8Array): SniffedFileType | null {
  if (!isAllowedEvidenceSize(bytes.byteLength)) return null;
  return sniffFileType(bytes);
}

export const MAX_FILE_NAME_LENGTH = 120;

// C0 and C1 control characters, and the bidirectional overrides and isolates that can make
// "invoice‮fdp.png" read as "invoice.pdf".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is stored and served under: the last path part of what the browser sent,
 * without control characters, at most 120 characters, and ending in an extension that matches
 * the sniffed type ("notes.html" holding a PDF becomes "notes.html.pdf"), so that a download
 * never opens as something else. Falls back to "evidence.<ext>".
 */
export function evidenceFileName(declared: string, type: SniffedFileType): string {
  const fallback = `evidence.${type.ext}`;
  const lastPart = declared.split(/[/\\]/).pop() ?? "";
  const name = lastPart.normalize("NFC").replace(UNSAFE_CHARS, "").trim();
  const dot = name.lastIndexOf(".");
  const declaredExt = dot >= 0 ? name.slice(dot + 1).toLowerCase() : "";
  const keepsExt = EXTENSIONS[type.mime].includes(declaredExt);
  // No leading dots (hidden files) and no trailing dots or spaces (Windows drops them).
  const stem = Array.from((keepsExt ? name.slice(0, dot) : name).replace(/^[.\s]+|[.\s]+$/g, ""));
  if (!stem.length) return fallback;
  const suffix = `.${keepsExt ? declaredExt : type.ext}`;
  return (
    stem
      .slice(0, MAX_FILE_NAME_LENGTH - suffix.length)
      .join("")
      .trimEnd() + suffix
  );
}

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Content-Disposition header for serving an evidence file: images inline, everything
 * else (PDF) as a download. An ASCII fallback name plus the exact name as `filename*`.
 */
export function contentDisposition(fileName: string, mime: string): string {
  const kind = isImageMime(mime) ? "inline" : "attachment";
  const fallback =
    fileName
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "_")
      .replace(/[;%]/g, "_") || "evidence";
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** A short label for the type: "PNG image", "PDF". */
export function fileTypeLabel(mime: string): string {
  switch (mime) {
    case "image/png":
      return "PNG image";
    case "image/jpeg":
      return "JPEG image";
    case "image/gif":
      return "GIF image";
    case "image/webp":
      return "WebP image";
    case "application/pdf":
      return "PDF";
    default:
      return "File";
  }
}
