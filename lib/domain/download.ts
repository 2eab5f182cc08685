// Following an export download in the browser: the file name the server chose, and how many
// records have arrived so far (to show "12,000 of 40,000 rows"). Pure: no I/O, no DOM.
import { formatBytes, formatNumber, plural } from "./format";

/**
 * The file name in a Content-Disposition header: `filename*=UTF-8''…` (RFC 6266 / 5987) when
 * present, else `filename="…"` or a bare `filename=…`. Path parts are dropped. Null when there
 * is none.
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ""));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    if (quoted) name = quoted[1]!.replace(/\\(.)/g, "$1");
    else {
      const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
      if (bare) name = bare[1]!;
    }
  }
  if (!name) return null;
  const base = name.split(/[\\/]/).pop()!.trim();
  return base === "" || base === "." || base === ".." ? null : base;
}

export type RecordCounter = {
  /** Feed the next piece of text; returns the records completed so far. */
  push(text: string): number;
  readonly records: number;
};

/**
 * Counts the records of an RFC 4180 CSV as it arrives: line breaks outside quoted fields.
 * Quotes toggle the state (a doubled quote toggles twice), so text split anywhere, even inside
 * a field or between CR and LF, counts the same. `skip` records at the start (a preamble and the
 * column names) are not counted.
 */
export function csvRecordCounter(skip = 0): RecordCounter {
  let inQuotes = false;
  let lines = 0;
  return {
    push(text: string) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) inQuotes = !inQuotes;
        else if (c === 10 && !inQuotes) lines++;
      }
      return Math.max(0, lines - skip);
    },
    get records() {
      return Math.max(0, lines - skip);
    },
  };
}

/**
 * Counts the statements of the xAPI export as it arrives: it writes one JSON statement per line
 * between "[" and "]" (JSON escapes line breaks inside strings), so each line that starts with
 * "{" is one statement.
 */
export function jsonLinesCounter(): RecordCounter {
  let records = 0;
  let atLineStart = true;
  return {
    push(text: string) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (atLineStart && c === 123) records++;
        atLineStart = c === 10;
      }
      return records;
    },
    get records() {
      return records;
    },
  };
}

/** "12,000 of 40,000 rows", "1 row", "3.4 MB received". */
export function progressLabel(p: { records: number | null; expected: number | null; bytes: number; noun?: string }): string {
  const noun = p.noun ?? "row";
  if (p.records !== null && p.expected !== null) return `${formatNumber(Math.min(p.records, p.expected))} of ${plural(p.expected, noun, `${noun}s`)}`;
  if (p.records !== null) return plural(p.records, noun, `${noun}s`);
  return `${formatBytes(p.bytes, "progress")} received`;
}
