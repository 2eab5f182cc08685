// The CSV, XLSX and xAPI exports, called through their route handlers on a real database, and
// every file opened with a reader Ripple did not write: csv-parse, SheetJS (xlsx) and Learning
// Locker's xapi-validation. The session is the only stand-in (the routes read the signed-in
// person from next-auth); everything else is the code the app runs.
import { parse } from "csv-parse/sync";
import validateXapi from "xapi-validation";
import * as XLSX from "xlsx";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { makeOrganization, makeReportOrganization, makeStory } from "../factories";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));

const { getDatabase } = await import("@/lib/db/registry");
const { CSV_COLUMNS } = await import("@/lib/domain/exports");
const { validateStatement } = await import("@/lib/domain/xapi");
const { countExportRows, exportStoryBatches } = await import("@/lib/db/report-export");
const csvRoute = await import("@/app/api/reports/csv/route");
const xlsxRoute = await import("@/app/api/reports/xlsx/route");
const xapiRoute = await import("@/app/api/reports/xapi/route");
const { logger } = await import("@/lib/platform/logger");

/*
 * Teams T1 > T1a, and T2. lnd (L&D, no team), mgr (manager, T1), e1 (T1, reports to mgr),
 * e2 (T1a, reports to e1), e3 (T2, no manager), and the organisation's admin.
 *
 *  story  author vis      occurred    entries                                    lnd  mgr
 *  S1     e1     ORG      2025-01-10  IMM (2 lines, comma), POT, APP, REAL (conf) yes  yes
 *  S2     e2     TEAM     2025-02-05  IMM ("+1 more"), POT; title is a formula    -    yes
 *  S3     e3     ORG      2025-03-01  IMM, APP                                    yes  -   (outside mgr's subtree)
 *  S4     e3     PRIVATE  2025-01-20  IMM                                         -    -
 *  S5     e1     PRIVATE  2025-02-10  IMM                                         -    -
 *  S6     e1     ORG      draft       IMM                                         -    -
 *  S7     e2     MANAGER  2025-03-01  IMM, REAL (self-reported)                   -    yes
 *  S8     e1     ORG      2025-03-01  none                                        yes  yes
 * Another organisation has an ORG story: it never appears.
 */
let lnd: Actor, mgr: Actor, e1: Actor, e2: Actor, e3: Actor, admin: Actor;
const ids: Record<string, string> = {};
let slug = "";

beforeAll(async () => {
  const prisma = getDatabase().prisma;
  const a = await makeReportOrganization("Exports Ltd", {
    teams: { T1: "Platform", T1a: "Platform Sub", T2: "Sales" },
    names: { lnd: "Lin Learning", mgr: "Marco Manager", e1: "Zoë Martin", e2: "Eve Two", e3: "Sam Three" },
  });
  ({ admin, lnd, mgr, e1, e2, e3 } = a);
  slug = (await prisma.organization.findUniqueOrThrow({ where: { id: a.organizationId } })).slug;

  ids.S1 = await makeStory({
    title: 'Pairing on "billing", finally',
    author: e1,
    visibility: "ORG",
    at: "2025-01-10",
    channel: "social",
    tags: ["ai", "pairing"],
    entries: [
      { cycle: "IMMEDIATE", at: "2025-01-10", keys: ["participation", "networking"], narrative: "Line one\nLine two, with a comma" },
      { cycle: "POTENTIAL", at: "2025-01-14", keys: ["capital-human"] },
      { cycle: "APPLIED", at: "2025-01-24", keys: ["tools-used"], narrative: 'She said "try it"\r\nand I did' },
      { cycle: "REALIZED", at: "2025-02-03", keys: ["personal-performance"], figure: { value: 120, unit: "minutes saved", confirmedBy: mgr.membershipId } },
    ],
    contributors: [
      { membershipId: e3.membershipId, tie: "STRONG" },
      { externalName: "Sam Ext", platform: "LinkedIn", tie: "WEAK" },
    ],
  });
  ids.S2 = await makeStory({
    title: '=HYPERLINK("http://evil.example","click")',
    author: e2,
    visibility: "TEAM",
    at: "2025-02-05",
    channel: "chat",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-02-05", keys: ["participation"], narrative: "+1 more" },
      { cycle: "POTENTIAL", at: "2025-02-07", keys: ["capital-human"], narrative: "@everyone -read this" },
    ],
  });
  ids.S3 = await makeStory({
    title: "S3 other team",
    author: e3,
    visibility: "ORG",
    at: "2025-03-01",
    channel: "social",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-03-01", keys: ["engagement"] },
      { cycle: "APPLIED", at: "2025-03-11", keys: ["advice-implemented"] },
    ],
  });
  ids.S4 = await makeStory({
    title: "S4 private secret",
    author: e3,
    visibility: "PRIVATE",
    at: "2025-01-20",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-20", narrative: "secret narrative" }],
  });
  ids.S5 = await makeStory({
    title: "S5 private secret",
    author: e1,
    visibility: "PRIVATE",
    at: "2025-02-10",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-02-10" }],
  });
  ids.S6 = await makeStory({
    title: "S6 draft",
    author: e1,
    visibility: "ORG",
    status: "DRAFT",
    at: "2025-01-11",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-11" }],
  });
  ids.S7 = await makeStory({
    title: "S7 for my manager",
    author: e2,
    visibility: "MANAGER",
    at: "2025-03-01",
    channel: "social",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-03-01" },
      { cycle: "REALIZED", at: "2025-03-21", keys: ["org-performance"], figure: { value: 2, unit: "hours saved" } },
    ],
  });
  ids.S8 = await makeStory({ title: "S8 no entries yet", author: e1, visibility: "ORG", at: "2025-03-01", channel: "social", entries: [] });

  const b = await makeOrganization("Other Org");
  ids.B = await makeStory({
    title: "B other org",
    author: b.admin,
    visibility: "ORG",
    at: "2025-01-15",
    channel: "social",
    entries: [{ cycle: "APPLIED", at: "2025-01-15" }],
  });
});

beforeEach(() => {
  session.actor = null;
});

type RouteModule = { GET: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> };

async function call(route: RouteModule, kind: string, actor: Actor | null, query = ""): Promise<Response> {
  session.actor = actor;
  return route.GET(new Request(`http://localhost:3000/api/reports/${kind}${query}`), { params: Promise.resolve({}) });
}

async function csvOf(actor: Actor, query = "") {
  const res = await call(csvRoute, "csv", actor, query);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const records = parse(text, { bom: true }) as string[][];
  const [preamble, header, ...rows] = records;
  const objects = rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!])) as Record<(typeof CSV_COLUMNS)[number], string>);
  return { res, text, records, preamble: preamble!, header: header!, rows: objects };
}

async function xapiOf(actor: Actor, query = "") {
  const res = await call(xapiRoute, "xapi", actor, query);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { res, text, statements: JSON.parse(text) as Record<string, any>[] };
}

async function xlsxOf(actor: Actor, query = "") {
  const res = await call(xlsxRoute, "xlsx", actor, query);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const wb = XLSX.read(bytes, { type: "buffer", cellDates: true, bookFiles: true });
  const rows = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[name]!, { defval: null });
  return { res, bytes, wb, rows };
}

const storyIdsOf = (rows: { storyId: string }[]) => [...new Set(rows.map((r) => r.storyId))].sort();

describe("CSV export", () => {
  it("RFC 4180: every record has every column; quotes, commas and line breaks survive a real parser", async () => {
    const { records, preamble, header, rows, text, res } = await csvOf(lnd);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    for (const r of records) expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(preamble[0]).toMatch(/^Ripple export · Exports Ltd · All time · exported \d{4}-\d\d-\d\dT/);
    // Records end in CRLF; the file starts with a byte order mark.
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);

    const s1 = rows.filter((r) => r.storyId === ids.S1);
    expect(s1.map((r) => r.cycle)).toEqual(["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED"]);
    expect(s1[0]).toMatchObject({
      title: 'Pairing on "billing", finally',
      author: "Zoë Martin",
      team: "Platform",
      channel: expect.any(String),
      visibility: "ORG",
      status: "PUBLISHED",
      tags: "ai; pairing",
      contributors: "Sam Three (colleague, strong tie); Sam Ext on LinkedIn (outside, weak tie)",
      narrative: "Line one\nLine two, with a comma",
      occurredAt: "2025-01-10T09:00:00.000Z",
      recordedAt: "2025-01-10T09:00:00.000Z",
      figureValue: "",
      confirmed: "",
    });
    expect(s1[0]!.indicators).toMatch(/; /);
    expect(s1[2]!.narrative).toBe('She said "try it"\r\nand I did');
    expect(s1[3]).toMatchObject({
      figureValue: "120.00",
      figureUnit: "minutes saved",
      confirmed: "true",
      confirmedBy: "Marco Manager",
      confirmedAt: "2025-02-03T09:00:00.000Z",
    });
    // The story's columns are repeated on each of its entries.
    for (const r of s1) expect([r.title, r.author, r.team, r.tags]).toEqual([s1[0]!.title, s1[0]!.author, s1[0]!.team, s1[0]!.tags]);
  });

  it("one record per cycle entry; a story without entries keeps one record; X-Ripple-Rows says how many", async () => {
    const { rows, res } = await csvOf(lnd);
    // L&D reads the ORG stories: S1 (4 entries), S3 (2), S8 (none).
    expect(rows).toHaveLength(7);
    expect(res.headers.get("x-ripple-rows")).toBe("7");
    expect(storyIdsOf(rows)).toEqual([ids.S1, ids.S3, ids.S8].sort());
    expect(rows.filter((r) => r.storyId === ids.S8)).toEqual([expect.objectContaining({ title: "S8 no entries yet", cycle: "", recordedAt: "" })]);
    // In the order the stories happened (S3 and S8 share a moment: then by id).
    expect(rows.map((r) => r.occurredAt)).toEqual([...rows.map((r) => r.occurredAt)].sort());
  });

  it("free text a spreadsheet would run as a formula is neutralised", async () => {
    const { rows } = await csvOf(mgr);
    const s2 = rows.filter((r) => r.storyId === ids.S2);
    expect(s2.map((r) => r.title)).toEqual(['\'=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")']);
    expect(s2.map((r) => r.narrative)).toEqual(["'+1 more", "'@everyone -read this"]);
    for (const r of rows) for (const c of CSV_COLUMNS) if (c !== "figureValue") expect(r[c], `${c} of ${r.storyId}`).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("a manager's export holds only the readable stories of their subtree; PRIVATE stories never appear", async () => {
    const { rows, text } = await csvOf(mgr);
    expect(storyIdsOf(rows)).toEqual([ids.S1, ids.S2, ids.S7, ids.S8].sort());
    expect(rows).toHaveLength(4 + 2 + 2 + 1);
    for (const who of [lnd, mgr, admin]) {
      const { text: t } = await csvOf(who);
      for (const hidden of ["S4 private secret", "S5 private secret", "secret narrative", "S6 draft", "B other org"]) expect(t).not.toContain(hidden);
    }
    expect(text).not.toContain(ids.S3);
  });

  it("filters apply, and the file name and first record carry them", async () => {
    const { rows, preamble, res } = await csvOf(lnd, "?cycle=applied&from=2025-01-01&to=2025-12-31");
    expect(storyIdsOf(rows)).toEqual([ids.S1, ids.S3].sort());
    expect(rows).toHaveLength(6);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ripple-${slug}-2025-01-01_2025-12-31-cycle-applied.csv"`);
    expect(preamble[0]).toContain("From 1 Jan 2025 to 31 Dec 2025 · cycle Applied value");
  });

  it("records an export.created audit event with the kind and filters, never story text", async () => {
    const prisma = getDatabase().prisma;
    const before = new Date(Date.now() - 1000);
    await csvOf(lnd, "?cycle=realized&tag=ai");
    const events = await prisma.auditEvent.findMany({
      where: { organizationId: lnd.organizationId, action: "export.created", actorId: lnd.membershipId, createdAt: { gte: before } },
    });
    const event = events.find((e) => (e.meta as { filters?: { cycle?: string } }).filters?.cycle === "REALIZED");
    expect(event?.meta).toEqual({ kind: "csv", filters: { cycle: "REALIZED", tag: "ai" } });
    expect(JSON.stringify(events)).not.toMatch(/Pairing|billing|secret/);
  });
});

describe("who may export", () => {
  it.each([
    ["csv", csvRoute],
    ["xlsx", xlsxRoute],
    ["xapi", xapiRoute],
  ] as const)("%s: an employee is refused like a missing page, a signed-out visitor is asked to sign in, nothing is recorded", async (kind, route) => {
    const prisma = getDatabase().prisma;
    const asEmployee = await call(route, kind, e1);
    expect(asEmployee.status).toBe(404);
    expect(await asEmployee.text()).not.toContain("Pairing");
    expect((await call(route, kind, null)).status).toBe(401);
    expect(await prisma.auditEvent.count({ where: { action: "export.created", actorId: e1.membershipId } })).toBe(0);
  });

  it("an admin exports the whole organisation like L&D", async () => {
    const { rows } = await csvOf(admin);
    expect(storyIdsOf(rows)).toEqual([ids.S1, ids.S3, ids.S8].sort());
  });
});

describe("XLSX export", () => {
  it("has the About, Stories, Cycle entries, Matrix and Figures sheets, read back by SheetJS", async () => {
    const { wb, rows, res } = await xlsxOf(lnd, "?cycle=applied");
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ripple-${slug}-cycle-applied.xlsx"`);
    expect(wb.SheetNames).toEqual(["About", "Stories", "Cycle entries", "Matrix", "Figures"]);

    const about = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.About!, { header: 1 });
    expect(about[0]).toEqual(["Ripple export", "Exports Ltd"]);
    expect(about[1]).toEqual(["Filters", "All time · cycle Applied value"]);

    const stories = rows("Stories");
    expect(stories.map((s) => s["Story ID"]).sort()).toEqual([ids.S1, ids.S3].sort());
    const s1 = stories.find((s) => s["Story ID"] === ids.S1)!;
    expect(s1).toMatchObject({
      Title: 'Pairing on "billing", finally',
      Author: "Zoë Martin",
      Team: "Platform",
      Visibility: expect.any(String),
      "Cycle entries": 4,
      "Furthest cycle": "Realized value",
    });
    // Dates are real dates, not text.
    expect(s1["Occurred (UTC)"]).toBeInstanceOf(Date);
    expect((s1["Occurred (UTC)"] as Date).toISOString().slice(0, 16)).toBe("2025-01-10T09:00");

    const entries = rows("Cycle entries");
    expect(entries).toHaveLength(6);
    const realized = entries.find((e) => e["Story ID"] === ids.S1 && e.Cycle === "Realized value")!;
    expect(realized).toMatchObject({ Figure: 120, Unit: "minutes saved", "Figure status": "Confirmed", "Confirmed by": "Marco Manager" });
    expect(realized["Recorded (UTC)"]).toBeInstanceOf(Date);
    // Text that looks like a formula stays text in a spreadsheet cell.
    const cell = wb.Sheets["Cycle entries"]!.A2!;
    expect(cell.t).toBe("s");
    expect(cell.f).toBeUndefined();

    const matrix = rows("Matrix");
    expect(matrix.at(-1)).toMatchObject({ Indicator: "Total (indicator mentions)" });
    expect(matrix.find((m) => m.Indicator && String(m.Indicator).length > 0 && m["Applied value"] === 1)).toBeTruthy();

    const figures = rows("Figures");
    expect(figures).toEqual([
      { Cycle: "Realized value", Unit: "hours saved", Confirmed: 2, "Confirmed figures": 1, "Self-reported": 0, "Self-reported figures": 0 },
    ]);

    // Header rows are frozen (read in the sheets' own XML, which SheetJS hands over with bookFiles).
    const files = (wb as unknown as { files: Record<string, { content?: unknown; _data?: unknown }> }).files;
    for (const n of [2, 3, 4, 5]) {
      const xml = Object.entries(files).find(([name]) => name.endsWith(`xl/worksheets/sheet${n}.xml`));
      expect(xml, `sheet${n}.xml`).toBeDefined();
      expect(fileText(xml![1])).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    }
  });

  it("a manager's workbook: their subtree only, figures confirmed and self-reported kept apart", async () => {
    const { rows, bytes } = await xlsxOf(mgr);
    expect(
      rows("Stories")
        .map((s) => s["Story ID"])
        .sort(),
    ).toEqual([ids.S1, ids.S2, ids.S7, ids.S8].sort());
    expect(rows("Cycle entries")).toHaveLength(8);
    expect(rows("Figures")).toEqual([
      { Cycle: "Realized value", Unit: "hours saved", Confirmed: 2, "Confirmed figures": 1, "Self-reported": 2, "Self-reported figures": 1 },
    ]);
    const all = JSON.stringify(XLSX.utils.sheet_to_json(XLSX.read(bytes, { type: "buffer" }).Sheets["Cycle entries"]!));
    expect(all).not.toMatch(/private secret|S3 other team|B other org/);
  });
});

describe("xAPI export", () => {
  it("one statement per cycle entry, each valid for Learning Locker's validator and Ripple's", async () => {
    const { statements, res, text } = await xapiOf(mgr);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ripple-${slug}-xapi.json"`);
    expect(statements).toHaveLength(8);
    expect(res.headers.get("x-ripple-rows")).toBe("8");
    // One statement per line: the page counts them as they arrive.
    expect(text.split("\n").filter((l) => l.startsWith("{"))).toHaveLength(8);
    for (const s of statements) {
      expect(validateXapi(s), JSON.stringify(s)).toEqual([]);
      expect(validateStatement(s)).toEqual([]);
    }
    expect(new Set(statements.map((s) => s.id)).size).toBe(8);
  });

  it("actor, ADL verb, the story as the object, cycle and indicators in context extensions", async () => {
    const { statements } = await xapiOf(lnd, "?cycle=realized");
    expect(statements).toHaveLength(4);
    const realized = statements.find((s) => s.context.extensions["http://localhost:3000/xapi/extensions/cycle"].key === "REALIZED")!;
    expect(realized).toMatchObject({
      version: "1.0.3",
      actor: { objectType: "Agent", name: "Zoë Martin", mbox: `mailto:${e1.email}` },
      verb: { id: "http://adlnet.gov/expapi/verbs/progressed" },
      object: { objectType: "Activity", id: `http://localhost:3000/stories/${ids.S1}`, definition: { name: { "en-GB": 'Pairing on "billing", finally' } } },
      context: {
        extensions: {
          "http://localhost:3000/xapi/extensions/indicators": ["personal-performance"],
          "http://localhost:3000/xapi/extensions/figure": { value: 120, unit: "minutes saved" },
        },
      },
      timestamp: "2025-02-03T09:00:00.000Z",
    });
    expect(statements.map((s) => s.verb.id)).toEqual(expect.arrayContaining(["http://adlnet.gov/expapi/verbs/experienced"]));
  });

  it("an export with nothing in it is an empty JSON array", async () => {
    const { statements } = await xapiOf(lnd, "?from=2001-01-01&to=2001-01-31");
    expect(statements).toEqual([]);
  });
});

describe("the batches behind the exports", () => {
  it("keyset paging gives the same stories in the same order whatever the batch size", async () => {
    const filters = {};
    const collect = async (batchSize: number) => {
      const out: string[] = [];
      let batches = 0;
      for await (const batch of exportStoryBatches(mgr, filters, { batchSize })) {
        batches += 1;
        expect(batch.length).toBeLessThanOrEqual(batchSize);
        out.push(...batch.map((s) => s.id));
      }
      return { out, batches };
    };
    const one = await collect(1);
    const two = await collect(2);
    const all = await collect(500);
    expect(one.out).toEqual(all.out);
    expect(two.out).toEqual(all.out);
    expect(one.batches).toBe(4);
    expect(all.batches).toBe(1);
    expect(await countExportRows(mgr, filters)).toEqual({ stories: 4, entries: 8, rows: 9 });
  });
});

describe("a reader that stops early", () => {
  it.each([
    ["csv", csvRoute],
    ["xlsx", xlsxRoute],
    ["xapi", xapiRoute],
  ] as const)("%s: cancelling the download ends the export quietly", async (kind, route) => {
    const levels = ["fatal", "error", "warn", "info", "debug"] as const;
    const spies = Object.fromEntries(levels.map((level) => [level, vi.spyOn(logger, level)])) as Record<(typeof levels)[number], ReturnType<typeof vi.spyOn>>;
    try {
      const res = await call(route, kind, lnd);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      await reader.cancel();
      // The stream has ended for the reader...
      expect(await reader.read()).toEqual({ done: true, value: undefined });
      await expect(reader.closed).resolves.toBeUndefined();
      // ...and for the export, which stopped reading and said so, at debug level.
      await vi.waitFor(() => expect(spies.debug).toHaveBeenCalledWith({ export: kind, organizationId: lnd.organizationId }, "export cancelled by the reader"));
      // A moment later still, nothing was logged as an error or a warning: the reader leaving is no fault.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const level of ["fatal", "error", "warn"] as const) expect(spies[level]).not.toHaveBeenCalled();
    } finally {
      for (const spy of Object.values(spies)) spy.mockRestore();
    }
  });
});

function fileText(file: { content?: unknown; _data?: unknown }): string {
  const c = file.content ?? file._data;
  if (typeof c === "string") return c;
  if (c instanceof Uint8Array) return Buffer.from(c).toString("utf8");
  return "";
}
