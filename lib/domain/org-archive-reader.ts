// Reading an organisation archive incrementally: JSON text in chunks of any size in, the header
// values and section records out, one record at a time. The JSON itself is tokenised by
// @streamparser/json; this module only says what an archive's shape must be (lib/domain/org-archive.ts).
import { JSONParser } from "@streamparser/json";
import { HEADER_KEYS, SECTION_SCHEMAS, SECTIONS, type ArchiveSection, type HeaderKey } from "./org-archive";

export type ArchiveEvent =
  | { type: "header"; key: HeaderKey; value: unknown }
  | { type: "sectionStart"; section: ArchiveSection }
  | { type: "record"; section: ArchiveSection; value: unknown }
  | { type: "sectionEnd"; section: ArchiveSection };

export class ArchiveSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveSyntaxError";
  }
}

const PARTS: readonly string[] = [...HEADER_KEYS, ...SECTIONS];
const isHeaderKey = (k: string): k is HeaderKey => (HEADER_KEYS as readonly string[]).includes(k);
const isSection = (k: string): k is ArchiveSection => Object.hasOwn(SECTION_SCHEMAS, k);
type Key = string | number | undefined;

/**
 * Reads archive JSON text in chunks and returns, for each chunk, the header values and section
 * records it completed. The parser keeps no record once it is handed on, so memory holds one
 * record at a time (a file's base64 at most), never the archive. Any valid JSON layout is read
 * (pretty-printed or not); the top level must be the archive's object, and each section an array.
 * Keys must come in the written order (HEADER_KEYS, then SECTIONS), so that parents are loaded
 * before children.
 */
export class ArchiveReader {
  // Values one and two levels down: a header value or a section (level 1), a record (level 2).
  private parser = new JSONParser({ paths: ["$.*", "$.*.*"], keepStack: false });
  private events: ArchiveEvent[] = [];
  private seen = new Set<string>();
  private order = 0;
  private section: ArchiveSection | null = null;
  /** A header value's members, handed on one by one by the parser, put back together. */
  private headerParts: { key: string; entries: [Key, unknown][] } | null = null;
  private started = false;
  private finished = false;
  private offset = 0;

  constructor() {
    this.parser.onValue = ({ value, key, stack }) => {
      if (stack.length === 1) this.topLevel(String(key), value);
      else this.member(String(stack[1]!.key), key, value);
    };
    this.parser.onEnd = () => {
      this.finished = true;
    };
  }

  push(chunk: string): ArchiveEvent[] {
    this.events = [];
    let text = this.offset === 0 && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    if (!this.started) {
      const first = /\S/.exec(text);
      if (first) {
        if (text[first.index] !== "{") throw this.error(first.index, "an archive is one JSON object: expected {");
        this.started = true;
      }
    }
    if (this.finished) {
      const extra = /\S/.exec(text);
      if (extra) throw this.error(extra.index, "text after the end of the archive");
      text = "";
    }
    if (text) {
      try {
        this.parser.write(text);
      } catch (error) {
        if (error instanceof ArchiveSyntaxError) throw error;
        if (this.finished) throw new ArchiveSyntaxError("Not a Ripple archive: there is text after the end of the archive.");
        const detail = error instanceof Error ? ` (${error.message})` : "";
        throw new ArchiveSyntaxError(
          `Not a Ripple archive: the text near character ${this.offset + 1} to ${this.offset + chunk.length} is not valid JSON${detail}.`,
        );
      }
    }
    this.offset += chunk.length;
    return this.events;
  }

  /** The header keys and sections read so far. */
  get keys(): ReadonlySet<string> {
    return this.seen;
  }

  /** Call once the text has ended: refuses an archive that stopped half-way. */
  end(): ArchiveEvent[] {
    if (!this.finished) throw new ArchiveSyntaxError("The archive ends too early: it is incomplete (was the file cut short?).");
    return [];
  }

  /** A complete value at the top level: a header value, or the end of a section. */
  private topLevel(key: string, value: unknown) {
    if (isSection(key)) {
      if (!Array.isArray(value)) throw new ArchiveSyntaxError(`Not a Ripple archive: "${key}" must be an array.`);
      if (this.section !== key) this.openSection(key); // an empty section
      this.events.push({ type: "sectionEnd", section: key });
      this.section = null;
      return;
    }
    const parts = this.headerParts?.key === key ? this.headerParts.entries : null;
    this.headerParts = null;
    if (!parts) this.claim(key);
    if (parts && Array.isArray(value)) value = parts.map(([, v]) => v);
    else if (parts) value = Object.fromEntries(parts);
    this.events.push({ type: "header", key: key as HeaderKey, value });
  }

  /** A complete value one level down: a section's record, or a member of a header value. */
  private member(parent: string, key: Key, value: unknown) {
    if (isSection(parent)) {
      if (typeof key !== "number") throw new ArchiveSyntaxError(`Not a Ripple archive: "${parent}" must be an array.`);
      if (this.section !== parent) this.openSection(parent);
      this.events.push({ type: "record", section: parent, value });
      return;
    }
    if (this.headerParts?.key !== parent) {
      this.claim(parent);
      this.headerParts = { key: parent, entries: [] };
    }
    this.headerParts.entries.push([key, value]);
  }

  private openSection(section: ArchiveSection) {
    this.claim(section);
    this.section = section;
    this.events.push({ type: "sectionStart", section });
  }

  /** A part of the archive, seen for the first time: known, not repeated, and in order. */
  private claim(key: string) {
    if (this.seen.has(key)) throw new ArchiveSyntaxError(`The archive has "${key}" twice.`);
    if (!isHeaderKey(key) && !isSection(key)) throw new ArchiveSyntaxError(`The archive has an unknown part "${key}".`);
    const position = PARTS.indexOf(key);
    if (position < this.order) throw new ArchiveSyntaxError(`"${key}" comes too late in the archive: the parts must come in the order ${PARTS.join(", ")}.`);
    this.order = position;
    this.seen.add(key);
  }

  private error(i: number, message: string): ArchiveSyntaxError {
    return new ArchiveSyntaxError(`Not a Ripple archive at character ${this.offset + i + 1}: ${message}.`);
  }
}
