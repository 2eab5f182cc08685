// Lin (L&D) filters the reports to the applied cycle and downloads the CSV, XLSX and xAPI
// exports from the page; each file is opened with a reader Ripple did not write (csv-parse,
// SheetJS, Learning Locker's xapi-validation) and its name carries the filter. An employee
// cannot download any of them.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import xapiValidation from "xapi-validation";
import * as XLSX from "xlsx";
import { DEMO, signInAs } from "./helpers";

const QUERY = "?cycle=applied";
// xapi-validation is CommonJS with an ES default export: Playwright's loader hands over the module.
const validateXapi = (xapiValidation as unknown as { default?: typeof xapiValidation }).default ?? xapiValidation;
const SLUG = "northwind-demo";

/**
 * Downloads one export from the reports page: through the export panel when the page has it
 * (the link is fetched as a stream, then saved under the server's name), else by visiting the
 * route the panel links to.
 */
async function downloadExport(page: Page, kind: "csv" | "xlsx" | "xapi"): Promise<{ name: string; bytes: Buffer; viaPanel: boolean }> {
  const link = page.locator(`a[data-export-kind="${kind}"]`);
  if ((await link.count()) > 0) {
    // The link carries the page's filters (the page may add its default period).
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(new RegExp(`^/api/reports/${kind}\\?`));
    expect(new URL(href, "http://x").searchParams.get("cycle")).toBe("applied");
    await expect(link).toHaveAttribute("download", "");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path), viaPanel: true };
  }
  const res = await page.request.get(`/api/reports/${kind}${QUERY}`);
  expect(res.status()).toBe(200);
  const name = /filename="([^"]+)"/.exec(res.headers()["content-disposition"] ?? "")?.[1] ?? "";
  return { name, bytes: await res.body(), viaPanel: false };
}

/** "ripple-northwind-demo[-<from>_<to>]-cycle-applied": the name the filters give. */
function expectedBase(): RegExp {
  return new RegExp(`^ripple-${SLUG}(-\\d{4}-\\d\\d-\\d\\d_\\d{4}-\\d\\d-\\d\\d)?-cycle-applied`);
}

test("L&D downloads the CSV, XLSX and xAPI exports of a filtered report, and each opens in an outside reader", async ({ page }) => {
  await signInAs(page, DEMO.lnd);
  await page.goto(`/reports${QUERY}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // CSV: RFC 4180, read by csv-parse.
  const csv = await downloadExport(page, "csv");
  expect(csv.name).toMatch(new RegExp(`${expectedBase().source}\\.csv$`));
  const records = parse(csv.bytes, { bom: true }) as string[][];
  const [preamble, header, ...rows] = records;
  expect(preamble![0]).toContain("cycle Applied value");
  const base = csv.name.replace(/\.csv$/, "");
  expect(header).toContain("storyId");
  expect(rows.length).toBeGreaterThan(0);
  for (const r of records) expect(r).toHaveLength(header!.length);
  const col = (name: string) => header!.indexOf(name);
  // Every story in the file reached the applied cycle; no private story is there.
  const byStory = new Map<string, string[]>();
  for (const r of rows) byStory.set(r[col("storyId")]!, [...(byStory.get(r[col("storyId")]!) ?? []), r[col("cycle")]!]);
  for (const cycles of byStory.values()) expect(cycles).toContain("APPLIED");
  for (const r of rows) expect(r[col("visibility")]).not.toBe("PRIVATE");
  if (csv.viaPanel) await expect(page.getByTestId("export-done")).toContainText(`Saved ${csv.name}`);

  // XLSX: read by SheetJS.
  const xlsx = await downloadExport(page, "xlsx");
  expect(xlsx.name).toBe(`${base}.xlsx`);
  const wb = XLSX.read(xlsx.bytes, { type: "buffer", cellDates: true });
  expect(wb.SheetNames).toEqual(["About", "Stories", "Cycle entries", "Matrix", "Figures"]);
  const about = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.About!, { header: 1 });
  expect(about[1]![0]).toBe("Filters");
  expect(String(about[1]![1])).toMatch(/cycle Applied value$/);
  const stories = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Stories!);
  expect(stories.map((s) => s["Story ID"]).sort()).toEqual([...byStory.keys()].sort());
  expect(XLSX.utils.sheet_to_json(wb.Sheets["Cycle entries"]!)).toHaveLength(rows.filter((r) => r[col("cycle")] !== "").length);

  // xAPI: every statement valid for Learning Locker's validator, one per cycle entry.
  const xapi = await downloadExport(page, "xapi");
  expect(xapi.name).toBe(`${base}-xapi.json`);
  const statements = JSON.parse(xapi.bytes.toString("utf8")) as Record<string, unknown>[];
  expect(statements).toHaveLength(rows.filter((r) => r[col("cycle")] !== "").length);
  for (const s of statements) expect(validateXapi(s), JSON.stringify(s)).toEqual([]);
});

test("on a phone, the export panel fits the screen and downloads by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, DEMO.lnd);
  await page.goto(`/reports${QUERY}`);
  const csvLink = page.locator('a[data-export-kind="csv"]');
  test.skip((await csvLink.count()) === 0, "the reports page does not show the export panel");
  const panel = page.getByRole("region", { name: "Export" });
  await expect(panel).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await expect(panel.getByRole("link", { name: /Spreadsheet \(XLSX\)/ })).toBeVisible();
  await expect(panel.getByRole("link", { name: /xAPI statements/ })).toBeVisible();
  await csvLink.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await expect(page.getByTestId("export-done")).toContainText("Saved");
  await panel.screenshot({ path: "test-results/export-panel-375.png" });
});

test("an employee cannot download the exports", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  for (const kind of ["csv", "xlsx", "xapi"]) {
    const res = await page.request.get(`/api/reports/${kind}`);
    expect(res.status(), kind).toBe(404);
  }
  await page.goto("/reports");
  await expect(page.locator("a[data-export-kind]")).toHaveCount(0);
});
