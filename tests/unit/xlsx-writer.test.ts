// The streaming XLSX writer, read back by a reader Ripple did not write (SheetJS): values, dates,
// styles, frozen header, auto-filter, and text that XML would otherwise break on.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { XlsxWriter, columnLetters, excelSerial, xmlEscape } from "@/lib/jobs/exports/xlsx-writer";

let pending: Promise<void> = Promise.resolve();

async function build(write: (wb: XlsxWriter) => void, before?: () => Promise<void>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let ended = false;
  const wb = new XlsxWriter({ title: "T & <t>", subject: "s", creator: "Ripple", created: new Date("2025-03-04T05:06:07Z") }, (chunk, final) => {
    chunks.push(chunk);
    if (final) ended = true;
  });
  write(wb);
  await before?.();
  await wb.close();
  expect(ended).toBe(true);
  return Buffer.concat(chunks);
}

const text = (f: unknown) => {
  const file = f as { content?: unknown; _data?: unknown };
  const c = file.content ?? file._data;
  return typeof c === "string" ? c : Buffer.from(c as Uint8Array).toString("utf8");
};

describe("xlsx writer", () => {
  it("column letters and Excel serial dates", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    expect(excelSerial(new Date("1970-01-01T00:00:00Z"))).toBe(25569);
    expect(excelSerial(new Date("2025-01-10T12:00:00Z"))).toBe(45667.5);
    expect(xmlEscape(`a & b <c> "d"`)).toBe("a &amp; b &lt;c&gt; &quot;d&quot;");
  });

  it("text, numbers, dates and empty cells read back; header bold, filled, frozen and filtered; money formats kept", async () => {
    const bytes = await build((wb) => {
      const header = wb.style({ font: "bold", fill: "FFE8EEF6", numFmt: "@" });
      const date = wb.style({ numFmt: "yyyy-mm-dd hh:mm" });
      const euro = wb.style({ numFmt: '"€"#,##0.00' });
      const s = wb.sheet("Data & more", { widths: [10, 20, 15, 12], frozenHeader: true, autoFilter: true });
      s.row(["Name", "When", "Amount", "Note"], [header, header, header, header]);
      s.row(["=1+1 <b>&amp;", new Date("2025-01-10T09:00:00Z"), 25750, null], [0, date, euro, 0]);
      s.row(['Zoë "quoted"\nline two', null, 1.5, ""], [0, date, 0, 0]);
      s.close();
      const t = wb.sheet("Second", { widths: [8] });
      t.row([42], [0]);
      t.close();
    });
    const wb = XLSX.read(bytes, { type: "buffer", cellDates: true, cellNF: true, cellStyles: true, bookFiles: true });
    expect(wb.SheetNames).toEqual(["Data & more", "Second"]);
    const sheet = wb.Sheets["Data & more"]!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: null });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.Name).toBe("=1+1 <b>&amp;");
    expect(sheet.A2!.t).toBe("s");
    expect(sheet.A2!.f).toBeUndefined();
    expect((rows[0]!.When as Date).toISOString().slice(0, 16)).toBe("2025-01-10T09:00");
    expect(sheet.C2).toMatchObject({ v: 25750, z: '"€"#,##0.00' });
    expect(rows[1]).toEqual({ Name: 'Zoë "quoted"\nline two', When: null, Amount: 1.5, Note: null });
    expect(sheet.D2).toBeUndefined();
    expect(XLSX.utils.sheet_to_json(wb.Sheets.Second!, { header: 1 })).toEqual([[42]]);
    expect(sheet["!cols"]?.map((c) => c.wch ?? c.width)).toHaveLength(4);
    expect(sheet["!autofilter"]).toEqual({ ref: "A1:D1" });

    const files = (wb as unknown as { files: Record<string, unknown> }).files;
    const xml = (name: string) => text(Object.entries(files).find(([n]) => n.endsWith(name))![1]);
    expect(xml("xl/worksheets/sheet1.xml")).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml("xl/worksheets/sheet2.xml")).not.toMatch(/<pane/);
    const styles = xml("xl/styles.xml");
    expect(styles).toContain('formatCode="&quot;€&quot;#,##0.00"');
    expect(styles).toContain('<fgColor rgb="FFE8EEF6"/>');
    expect(xml("docProps/core.xml")).toContain("<dc:title>T &amp; &lt;t&gt;</dc:title>");
    expect(xml("docProps/core.xml")).toContain("2025-03-04T05:06:07Z");
  });

  it("a spooled sheet fills beside the open one and lands in its place in the sheet order; its temporary file is removed", async () => {
    const spools = () => readdirSync(tmpdir()).filter((n) => n.startsWith("ripple-xlsx-")).length;
    const before = spools();
    let wbRef: XlsxWriter | null = null;
    const bytes = await build(
      (wb) => {
        wbRef = wb;
        const a = wb.sheet("Live", { widths: [10] });
        const b = wb.spooledSheet("Spooled", { widths: [10, 10] });
        for (let i = 1; i <= 3000; i++) {
          a.row([`live ${i}`], [0]);
          b.row([`spooled ${i}`, i], [0, 0]);
        }
        a.close();
        b.close();
        expect(spools()).toBe(before + 1);
        pending = wb.append(b, async () => {});
      },
      async () => {
        await pending;
      },
    );
    await wbRef!.dispose();
    expect(spools()).toBe(before);
    const wb = XLSX.read(bytes, { type: "buffer" });
    expect(wb.SheetNames).toEqual(["Live", "Spooled"]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Spooled!, { header: 1 });
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual(["spooled 3000", 3000]);
    expect(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Live!, { header: 1 })[0]).toEqual(["live 1"]);
  });

  it("refuses a second open sheet", async () => {
    await build((wb) => {
      wb.sheet("A", { widths: [1] });
      expect(() => wb.sheet("B", { widths: [1] })).toThrow(/still open/);
    });
  });
});
