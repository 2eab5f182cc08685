import "server-only";
// A streaming SpreadsheetML (.xlsx) writer: each sheet's XML is written as text straight into a
// zip entry, row by row, with no object per cell and no table of strings. The zip container is
// fflate's; the deflating is Node's own zlib (native, and off the main thread: about ten times
// fflate's JavaScript deflate), fed through fflate's documented custom-entry interface.
// It knows what Ripple's exports need and nothing more: text (inline strings), numbers, dates,
// cell styles (bold or title font, a header fill, a number format, alignment), column widths, a
// frozen header row and an auto-filter. Sheets are written one after the other; the workbook's
// parts that name every sheet and style (workbook.xml, styles.xml) are written at the end.
import { createReadStream, createWriteStream, mkdtempSync, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDeflateRaw, crc32, type DeflateRaw } from "node:zlib";
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";

/** A cell's look. Equal styles share one entry of styles.xml. */
export type CellStyle = {
  font?: "bold" | "title";
  fill?: string;
  numFmt?: string;
  wrap?: boolean;
  vertical?: "top";
  horizontal?: "left";
};

export type CellValue = string | number | Date | null | undefined;

export type SheetOptions = {
  /** Column widths, in characters. */
  widths: number[];
  /** Freeze the first row. */
  frozenHeader?: boolean;
  /** An auto-filter over the first row's columns. */
  autoFilter?: boolean;
  showGridLines?: boolean;
};

export type WorkbookProps = { title: string; subject: string; creator: string; created: Date };

const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial day (1900 date system)
const DAY_MS = 86_400_000;
/** Sheet text collected before it is encoded and deflated. */
const FLUSH_CHARS = 256 * 1024;

const ZIP_MIN_TIME = Date.UTC(1980, 0, 2);
const ZIP_MAX_TIME = Date.UTC(2099, 11, 30);

const encoder = new TextEncoder();

/** Text for an XML text node or attribute. Callers remove the control characters XML forbids (xlsxText). */
export function xmlEscape(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "A", "B", … "Z", "AA", …: a column's letters (0-based index). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A date as Excel's serial number (days since 1899-12-30, UTC). */
export function excelSerial(d: Date): number {
  return d.getTime() / DAY_MS + EXCEL_EPOCH_DAYS;
}

/** Counts an uncompressed chunk into the entry's CRC and size, and deflates it. */
function pushDeflated(entry: { crc: number; size: number; readonly deflate: DeflateRaw }, chunk: Uint8Array, final: boolean): void {
  entry.size += chunk.length;
  entry.crc = crc32(chunk, entry.crc);
  if (chunk.length > 0) entry.deflate.write(chunk);
  if (final) entry.deflate.end();
}

/** A zip entry deflated by Node's zlib: fflate's Zip reads `crc` and `size` when the entry ends. */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag = 0 as const;
  crc = 0;
  size = 0;
  ondata: AsyncFlateStreamHandler = () => {};
  readonly deflate: DeflateRaw;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    level: number,
  ) {
    this.deflate = createDeflateRaw({ level });
    this.deflate.on("data", (chunk: Buffer) => this.ondata(null, chunk as Uint8Array<ArrayBuffer>, false));
    this.deflate.on("end", () => this.ondata(null, new Uint8Array(0), true));
    this.deflate.on("error", (error) => this.ondata(Object.assign(error, { code: 0 }), new Uint8Array(0), true));
  }

  push(chunk: Uint8Array, final = false): void {
    pushDeflated(this, chunk, final);
  }

  terminate(): void {
    this.deflate.destroy();
  }
}

/**
 * A sheet deflated into a temporary file while another sheet is being written into the zip, so
 * two sheets fill from one pass over the data; `XlsxWriter.append` copies it into the zip after.
 */
class SpooledEntry {
  crc = 0;
  size = 0;
  readonly deflate: DeflateRaw;
  private readonly file: WriteStream;
  readonly written: Promise<void>;
  private stop = () => {};

  constructor(
    readonly filePath: string,
    level: number,
  ) {
    this.deflate = createDeflateRaw({ level });
    this.file = createWriteStream(filePath);
    this.written = new Promise<void>((resolve, reject) => {
      this.file.once("finish", () => resolve());
      this.file.once("error", reject);
      this.deflate.once("error", reject);
      this.stop = () => reject(new Error("the workbook was aborted"));
    });
    this.written.catch(() => {});
    this.deflate.pipe(this.file);
  }

  push(chunk: Uint8Array, final = false): void {
    pushDeflated(this, chunk, final);
  }

  terminate(): void {
    this.stop();
    this.deflate.destroy();
    this.file.destroy();
  }
}

/** A zip entry whose deflated bytes, CRC and size are known already (a spooled sheet). */
class PrecompressedEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag = 0 as const;
  ondata: AsyncFlateStreamHandler = () => {};
  constructor(
    readonly filename: string,
    readonly mtime: Date,
    readonly crc: number,
    readonly size: number,
  ) {}
}

class Styles {
  private readonly keys = new Map<string, number>();
  private readonly list: CellStyle[] = [{}];
  private readonly formats = new Map<string, number>();

  constructor() {
    this.keys.set(JSON.stringify({}), 0);
  }

  id(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify([style.font, style.fill, style.numFmt, style.wrap, style.vertical, style.horizontal]);
    let id = this.keys.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(style);
      this.keys.set(key, id);
      if (style.numFmt && style.numFmt !== "@" && !this.formats.has(style.numFmt)) this.formats.set(style.numFmt, 164 + this.formats.size);
    }
    return id;
  }

  xml(): string {
    const fonts = [
      '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
      '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
    ];
    const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
    const fillIds = new Map<string, number>();
    for (const s of this.list) {
      if (s.fill && !fillIds.has(s.fill)) {
        fillIds.set(s.fill, fills.length);
        fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${xmlEscape(s.fill)}"/><bgColor indexed="64"/></patternFill></fill>`);
      }
    }
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    const xfs = this.list.map((s) => {
      const numFmtId = s.numFmt === "@" ? 49 : s.numFmt ? this.formats.get(s.numFmt)! : 0;
      const fontId = s.font === "bold" ? 1 : s.font === "title" ? 2 : 0;
      const fillId = s.fill ? fillIds.get(s.fill)! : 0;
      const align = s.wrap || s.vertical || s.horizontal;
      const attrs =
        `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
        (numFmtId ? ' applyNumberFormat="1"' : "") +
        (fontId ? ' applyFont="1"' : "") +
        (fillId ? ' applyFill="1"' : "") +
        (align ? ' applyAlignment="1"' : "");
      if (!align) return `<xf ${attrs}/>`;
      const a = (s.horizontal ? ` horizontal="${s.horizontal}"` : "") + (s.vertical ? ` vertical="${s.vertical}"` : "") + (s.wrap ? ' wrapText="1"' : "");
      return `<xf ${attrs}><alignment${a}/></xf>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="${fonts.length}">${fonts.join("")}</fonts>` +
      `<fills count="${fills.length}">${fills.join("")}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>"
    );
  }
}

/**
 * One sheet being written. Rows go in with `row(values, styles)`; `styles` are style ids from
 * `workbook.style(...)`, one per column (a cell without a value is left out).
 */
export class SheetWriter {
  private text = "";
  private rowNumber = 0;
  private readonly letters: string[];
  private closed = false;

  constructor(
    private readonly book: XlsxWriter,
    private readonly file: { push(chunk: Uint8Array, final?: boolean): void },
    readonly name: string,
    private readonly options: SheetOptions,
  ) {
    this.letters = options.widths.map((_, i) => columnLetters(i));
    const cols = options.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
    const pane = options.frozenHeader
      ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
      : "";
    const grid = options.showGridLines === false ? ' showGridLines="0"' : "";
    this.text =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheetViews><sheetView workbookViewId="0"${grid}>${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : "") +
      "<sheetData>";
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowNumber;
  }

  row(values: readonly CellValue[], styles: readonly number[]): void {
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === "") continue;
      const s = styles[i] ?? 0;
      const sAttr = s ? ` s="${s}"` : "";
      const ref = (this.letters[i] ?? columnLetters(i)) + r;
      if (typeof v === "string") xml += `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`;
      else if (typeof v === "number") {
        if (Number.isFinite(v)) xml += `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
      } else xml += `<c r="${ref}"${sAttr}><v>${excelSerial(v)}</v></c>`;
    }
    this.text += `${xml}</row>`;
    if (this.text.length >= FLUSH_CHARS) this.flush();
  }

  private flush(final = false): void {
    this.file.push(encoder.encode(this.text), final);
    this.text = "";
  }

  /** Ends the sheet (its XML is complete once this returns). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.text += "</sheetData>";
    const cols = this.options.widths.length;
    if (this.options.autoFilter && cols > 0) this.text += `<autoFilter ref="A1:${this.letters[cols - 1]}1"/>`;
    this.text += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.flush(true);
    this.book.sheetClosed(this);
  }
}

/**
 * The workbook: `sheet(...)` opens the next sheet (the previous one must be closed), `close()`
 * writes the remaining parts and ends the zip, resolving once its last byte went to `onData`.
 * Bytes go to `onData` as they are made; between batches of rows the caller awaits `drained()`
 * so that no more than a little text waits for the compressor (see `xlsx.ts`).
 */
export class XlsxWriter {
  private readonly zip: Zip;
  private readonly styles = new Styles();
  private readonly sheets: { name: string; filter: boolean; cols: number }[] = [];
  private open: SheetWriter | null = null;
  private entries: DeflatedEntry[] = [];
  private readonly spooled: SpooledEntry[] = [];
  private spoolDir: string | null = null;
  private failed: Error | null = null;
  private finished!: { resolve: () => void; reject: (error: Error) => void };
  private readonly done = new Promise<void>((resolve, reject) => {
    this.finished = { resolve, reject };
  });

  constructor(
    private readonly props: WorkbookProps,
    onData: (chunk: Uint8Array, final: boolean) => void,
    /** zlib's level: 1 is what a spreadsheet's repetitive XML needs (6 saves ~15% for 3× the time). */
    private readonly level = 1,
  ) {
    // Nothing waits on `done` until close(): keep an early failure from being "unhandled".
    this.done.catch(() => {});
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failed ??= error;
        this.finished.reject(error);
        return;
      }
      onData(chunk, final);
      if (final) this.finished.resolve();
    });
  }

  /** Resolves when the compressor has taken the text written so far (or at once). */
  async drained(): Promise<void> {
    this.check();
    for (const deflate of [this.entries.at(-1)?.deflate, ...this.spooled.map((e) => e.deflate)]) {
      if (!deflate || !deflate.writableNeedDrain || deflate.destroyed) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          deflate.off("drain", done);
          deflate.off("close", done);
          resolve();
        };
        deflate.once("drain", done);
        deflate.once("close", done);
      });
    }
    this.check();
  }

  /** Stops compressing (the reader has gone away): `close()` and `drained()` then fail. */
  abort(): void {
    this.failed ??= new Error("the workbook was aborted");
    this.finished.reject(this.failed);
    for (const e of this.entries) e.terminate();
    for (const e of this.spooled) e.terminate();
  }

  /** The style id of a look (0 is the default). */
  style(style: CellStyle | undefined): number {
    return this.styles.id(style);
  }

  sheet(name: string, options: SheetOptions): SheetWriter {
    if (this.open) throw new Error(`sheet "${this.open.name}" is still open`);
    const n = this.register(name, options);
    const file = this.entry(`xl/worksheets/sheet${n}.xml`);
    this.open = new SheetWriter(this, file, name, options);
    return this.open;
  }

  /**
   * A sheet written beside the open one, into a temporary file (deflated), in the workbook's
   * sheet order where it is opened; `append(sheet)` puts it into the zip once it is closed.
   */
  spooledSheet(name: string, options: SheetOptions): SheetWriter {
    this.spoolDir ??= mkdtempSync(path.join(tmpdir(), "ripple-xlsx-"));
    const n = this.register(name, options);
    const file = new SpooledEntry(path.join(this.spoolDir, `sheet${n}.xml.deflated`), this.level);
    this.spooled.push(file);
    const sheet = new SheetWriter(this, file, name, options);
    this.spools.set(sheet, { entry: file, n });
    return sheet;
  }

  private readonly spools = new Map<SheetWriter, { entry: SpooledEntry; n: number }>();

  /** Copies a closed spooled sheet into the zip (after the sheet written before it has gone through), as fast as `wait` allows. */
  async append(sheet: SheetWriter, wait: () => Promise<void>): Promise<void> {
    const spool = this.spools.get(sheet);
    if (!spool) throw new Error(`sheet "${sheet.name}" is not spooled`);
    if (this.open) throw new Error(`sheet "${this.open.name}" is still open`);
    await spool.entry.written;
    // The zip writes one entry at a time and holds back a later one's bytes in memory: wait
    // for the entries before this one to finish first.
    await Promise.all(this.entries.map((e) => (e.deflate.closed ? null : new Promise((resolve) => e.deflate.once("close", resolve)))));
    this.check();
    const file = new PrecompressedEntry(`xl/worksheets/sheet${spool.n}.xml`, this.mtime(), spool.entry.crc, spool.entry.size);
    this.zip.add(file);
    for await (const chunk of createReadStream(spool.entry.filePath, { highWaterMark: 256 * 1024 })) {
      this.check();
      file.ondata(null, chunk as Uint8Array<ArrayBuffer>, false);
      await wait();
    }
    file.ondata(null, new Uint8Array(0), true);
    this.spools.delete(sheet);
    await rm(spool.entry.filePath, { force: true });
  }

  private register(name: string, options: SheetOptions): number {
    this.sheets.push({ name, filter: options.autoFilter === true, cols: options.widths.length });
    return this.sheets.length;
  }

  /** Removes the temporary files (always call it: after close, abort or a failure). */
  async dispose(): Promise<void> {
    for (const e of this.spooled) e.terminate();
    if (this.spoolDir) await rm(this.spoolDir, { recursive: true, force: true });
    this.spoolDir = null;
  }

  /** @internal called by SheetWriter.close */
  sheetClosed(sheet: SheetWriter): void {
    if (this.open === sheet) this.open = null;
    this.check();
  }

  private mtime(): Date {
    // A zip's dates run from 1980 to 2099 (DOS time): a date outside is clamped.
    return new Date(Math.min(Math.max(this.props.created.getTime(), ZIP_MIN_TIME), ZIP_MAX_TIME));
  }

  async close(): Promise<void> {
    this.open?.close();
    if (this.spools.size > 0) throw new Error("a spooled sheet was not appended");
    const sheets = this.sheets;
    const iso = this.props.created.toISOString().replace(/\.\d{3}Z$/, "Z");
    this.part(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join("") +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        "</Types>",
    );
    this.part(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        "</Relationships>",
    );
    this.part(
      "docProps/app.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Ripple</Application></Properties>',
    );
    this.part(
      "docProps/core.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${xmlEscape(this.props.title)}</dc:title><dc:subject>${xmlEscape(this.props.subject)}</dc:subject>` +
        `<dc:creator>${xmlEscape(this.props.creator)}</dc:creator><cp:lastModifiedBy>${xmlEscape(this.props.creator)}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
        "</cp:coreProperties>",
    );
    this.part(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        "</Relationships>",
    );
    const names = sheets
      .map((s, i) =>
        s.filter
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlEscape(s.name.replace(/'/g, "''"))}'!$A$1:$${columnLetters(s.cols - 1)}$1</definedName>`
          : "",
      )
      .join("");
    this.part(
      "xl/workbook.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="24000"/></bookViews>' +
        `<sheets>${sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
        (names ? `<definedNames>${names}</definedNames>` : "") +
        "</workbook>",
    );
    this.part("xl/styles.xml", this.styles.xml());
    this.zip.end();
    await this.done;
  }

  private entry(filename: string): DeflatedEntry {
    const file = new DeflatedEntry(filename, this.mtime(), this.level);
    this.entries = this.entries.filter((e) => !e.deflate.writableFinished);
    this.entries.push(file);
    this.zip.add(file);
    return file;
  }

  private part(filename: string, xml: string): void {
    this.entry(filename).push(encoder.encode(xml), true);
  }

  private check(): void {
    if (this.failed) throw this.failed;
  }
}
