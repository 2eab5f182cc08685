// The leadership summary PDF over HTTP against the production build: Lin (L&D) downloads it
// with a filter, the file is named after the filter and reads back with pdf.js (a reader Ripple
// did not write) with the organisation, the filters and a story she may read; stories she may
// not read never appear; an employee gets a 404.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, signInAs } from "./helpers";
import { flat, readPdfText } from "../support/pdf-text";

const AGENCY = "An agency's urgent question answered by my network in four minutes";

test("Lin downloads the leadership summary for applied value; it is named after the filter and readable", async ({ page }) => {
  await signInAs(page, DEMO.lnd);
  const [download] = await Promise.all([page.waitForEvent("download"), page.goto("/api/reports/pdf?cycle=applied").catch(() => null)]);
  expect(download.suggestedFilename()).toBe("ripple-northwind-demo-cycle-applied.pdf");
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const pdf = await readPdfText(bytes);
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
  expect(pdf.pages).toBeLessThanOrEqual(3);
  const text = flat(pdf.text);
  expect(text).toContain("Value created through social learning");
  expect(text).toContain("Northwind (demo data)");
  expect(text).toContain("All time · cycle Applied value");
  expect(text).toContain(AGENCY);
});

test("the unfiltered summary holds only what Lin may read; an employee has no PDF", async ({ page, browser }) => {
  await signInAs(page, DEMO.lnd);
  const res = await page.request.get("/api/reports/pdf");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toBe('attachment; filename="ripple-northwind-demo.pdf"');
  const text = flat((await readPdfText(new Uint8Array(await res.body()))).text);
  expect(text).toContain(AGENCY);
  // Ava's TEAM and MANAGER stories are not Lin's to read: counted, never shown.
  expect(text).not.toContain("Community of practice call on escalation playbooks");
  expect(text).not.toContain("Tip from a colleague");

  const ava = await browser.newPage();
  await signInAs(ava, DEMO.employee);
  expect((await ava.request.get("/api/reports/pdf")).status()).toBe(404);
  await ava.close();
});
