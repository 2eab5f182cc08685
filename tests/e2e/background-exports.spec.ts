// Lin (L&D) asks for the applied-cycle CSV to be prepared in the background: the page shows the
// file being made (a progress bar, rows written of the total) without a reload, keeps it after
// she leaves the page and comes back, and offers the ready file, whose records are the streamed
// download's. Checked with axe in both themes, at phone width. Nobody else can download it.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO, expectAccessible, signInAs } from "./helpers";

const QUERY = "?cycle=applied";

test("L&D prepares a CSV in the background, follows its progress, comes back to it, and downloads it", async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 900 });
  await signInAs(page, DEMO.lnd);
  await page.goto(`/reports${QUERY}`);
  const panel = page.getByRole("region", { name: "Export" });
  await expect(panel).toBeVisible();
  const jobs = panel.getByTestId("export-jobs");
  await expect(jobs).toBeVisible();
  const before = await jobs.getByTestId("export-job").count();

  // The demo's report is small, so the box starts unticked; ticking it sends the CSV to the background.
  const box = panel.getByTestId("export-background");
  await expect(box).not.toBeChecked();
  await box.check();
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await panel.locator('a[data-export-kind="csv"]').click();

  // A new file appears at the top of the list, while or after it is made, without a reload.
  const job = jobs.getByTestId("export-job").first();
  await expect(jobs.getByTestId("export-job")).toHaveCount(before + 1);
  await expect(job).toHaveAttribute("data-status", /queued|running|ready/);
  const status = await job.getAttribute("data-status");
  if (status !== "ready") {
    const bar = job.getByRole("progressbar", { name: "CSV file" });
    // Either still waiting for the worker, or counting rows: the bar says which, in words.
    await expect(bar).toHaveAttribute("aria-valuetext", /Waiting to start|Counting rows|of [\d,]+ rows? written/);
  }
  await expect(job).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  expect(downloaded, "asking for a background file downloads nothing by itself").toBe(false);
  await expect(job).toContainText(/available until/);
  await expect(page.getByRole("status").filter({ hasText: "Your CSV file is ready to download." })).toHaveCount(1);

  // The panel fits a phone, and passes axe in both themes.
  const area = (await panel.boundingBox())!;
  expect(area.x).toBeGreaterThanOrEqual(0);
  expect(area.x + area.width).toBeLessThanOrEqual(375);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAccessible(page);
    await panel.screenshot({ path: `test-results/background-export-375-${theme}.png` });
  }

  // Away and back: the file is still there, ready.
  await page.goto("/");
  await page.goto(`/reports${QUERY}`);
  const again = page.getByRole("region", { name: "Export" }).getByTestId("export-job").first();
  await expect(again).toHaveAttribute("data-status", "ready");
  const link = again.getByTestId("export-job-download");
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/reports\/exports\/[0-9a-f-]{36}$/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^ripple-northwind-demo.*-cycle-applied\.csv$/);
  const file = parse(await readFile((await download.path())!), { bom: true }) as string[][];
  // The same records as the streamed download of the same view (the first line differs only in its "exported" time).
  const streamed = parse(await (await page.request.get(`/api/reports/csv${QUERY}`)).body(), { bom: true }) as string[][];
  expect(file.slice(1)).toEqual(streamed.slice(1));
  expect(file.length).toBeGreaterThan(2);

  // Someone else (the admin, a manager, an employee) gets not-found for the same address.
  for (const who of [DEMO.admin, DEMO.manager, DEMO.employee]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInAs(other, who);
    expect((await other.request.get(href)).status(), who).toBe(404);
    await context.close();
  }
});
