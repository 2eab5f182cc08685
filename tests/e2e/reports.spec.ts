import { expect, test, type Page } from "@playwright/test";
import { DEMO, captureOnHome, expectAccessible, signInAs, waitForSaved } from "./helpers";

// The reports page as each role sees it, on the demo organisation: Ava (employee, Support EMEA)
// wrote its three stories (one for the organisation, one for her team, one for her manager);
// Marco manages Ava and Priya; Lin is L&D. Other specs may add stories, so counts are compared,
// not fixed.

const AGENCY = /An agency's urgent question answered by my network/;
const TIP = /Tip from a colleague: saved searches/;

async function storiesInReport(page: Page): Promise<number> {
  const text = await page.getByTestId("stories-in-report").innerText();
  return Number(text.replace(/[^\d]/g, ""));
}

/** Opens the filters (wide screens open them once the page is interactive; phones on a tap). */
async function openFilters(page: Page) {
  const details = page.locator("details[data-slot='filters-disclosure']");
  const apply = page.getByRole("button", { name: "Apply filters" });
  await expect(async () => {
    if (!(await apply.isVisible())) await details.locator("summary").click();
    await expect(apply).toBeVisible({ timeout: 1000 });
  }).toPass();
}

/** Waits for the charts (drawn on the server, so they are in the page as it arrives). */
async function chartsDrawn(page: Page) {
  await expect(page.locator("[data-chart]").first()).toBeVisible();
}

/** The authors named in a list of report stories. */
async function authorsListed(page: Page, listName: string): Promise<string[]> {
  const lists = page.getByRole("list", { name: listName, exact: true }).locator(":scope > li");
  // count() does not wait: the list streams in after the page's shell.
  await expect(lists.first()).toBeVisible();
  const count = await lists.count();
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push((await lists.nth(i).locator("p").first().locator("span").first().innerText()).trim());
  return out;
}

test("L&D filters a report through the address, and reads the stories behind a matrix cell", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, DEMO.lnd);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByText(/broken down by team/)).toBeVisible();
  const all = await storiesInReport(page);
  expect(all).toBeGreaterThanOrEqual(1);
  // Ava's team and manager stories exist but are not shared with L&D: counted anonymously only.
  await expect(page.getByTestId("anonymous-counts")).toContainText(/not shared with you/);
  await expect(page.getByRole("link", { name: TIP })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Value-creation matrix" })).toBeVisible();
  await chartsDrawn(page);
  await expectAccessible(page);

  // Only stories that reached reframing: the address says so, and so does the page.
  await openFilters(page);
  await page.getByLabel("Reached the cycle").selectOption({ label: "5. Reframing value" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  // The address is the clean, shareable one (no empty fields).
  await expect(page).toHaveURL(/[?&]cycle=reframing/);
  expect(page.url()).not.toMatch(/=&|=$/);
  await expect(page.getByRole("list", { name: "Filters applied" })).toContainText("Reached: Reframing value");
  const reframing = await storiesInReport(page);
  expect(reframing).toBeGreaterThanOrEqual(1);
  expect(reframing).toBeLessThanOrEqual(all);

  // The same view opened from its address (a shared link) shows the same figures.
  const shared = page.url();
  await page.goto("/reports");
  await page.goto(shared);
  expect(await storiesInReport(page)).toBe(reframing);

  // A period in the future: nothing to report, and the figures say so.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await openFilters(page);
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByLabel("From", { exact: true }).fill(tomorrow);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${tomorrow}`));
  await expect(page.getByTestId("stories-in-report")).toHaveText("0 stories");
  await expect(page.getByText("Nothing to report for these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear", exact: true }).click();
  await expect(page).toHaveURL(/\/reports$/);
  expect(await storiesInReport(page)).toBe(all);

  // The page opens on the last 90 days; all time is one click away.
  await expect(page.getByRole("list", { name: "Filters applied" })).toContainText("Period: last 90 days");
  await openFilters(page);
  await page.getByRole("link", { name: "All time" }).click();
  await expect(page).toHaveURL(/[?&]period=all/);
  await expect(page.getByRole("list", { name: "Filters applied" })).toHaveCount(0);
  expect(await storiesInReport(page)).toBeGreaterThanOrEqual(all);
  await page.goto("/reports");

  // A matrix cell leads to the stories behind it.
  const cell = page.getByRole("link", { name: /stor(y|ies): New criteria or metrics of success, Reframing value/ });
  await cell.click();
  await expect(page).toHaveURL(/\/reports\/stories\?.*at=reframing.*indicator=new-criteria/);
  await expect(page.getByRole("heading", { level: 1, name: /New criteria or metrics of success/ })).toBeVisible();
  await expect(page.getByRole("link", { name: AGENCY })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: AGENCY }).click();
  await expect(page.getByRole("heading", { level: 1, name: AGENCY })).toBeVisible();
});

test("a manager reports on their own teams and the people who report to them", async ({ page }) => {
  // L&D's team filter lists every team; the manager's only theirs.
  await signInAs(page, DEMO.lnd);
  await page.goto("/reports");
  await openFilters(page);
  const lndTeams = await page.getByLabel("Team and the teams below").locator("option").allTextContents();
  expect(lndTeams).toEqual(expect.arrayContaining(["All teams", "Customer Success", "Customer Success › Support EMEA", "Learning & Development"]));
  const otherTeam = await page.getByLabel("Team and the teams below").locator("option", { hasText: "Learning & Development" }).getAttribute("value");
  await page.context().clearCookies();

  await signInAs(page, DEMO.manager);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await openFilters(page);
  const teams = await page.getByLabel("Team and the teams below").locator("option").allTextContents();
  expect(teams).toEqual(["All my teams", "Customer Success", "Customer Success › Support EMEA"]);
  // Ava's story shared only with her manager is in Marco's report.
  await expect(page.getByRole("link", { name: TIP }).first()).toBeVisible();
  const mine = await storiesInReport(page);

  // Another team's id in the address is not applied.
  await page.goto(`/reports?team=${otherTeam}`);
  await expect(page.getByRole("list", { name: "Filters applied" })).not.toContainText("Team");
  expect(await storiesInReport(page)).toBe(mine);

  // Every story behind the report is by Marco or someone reporting to him.
  await page.goto("/reports/stories");
  await expect(page.getByRole("heading", { level: 1, name: "All stories in this report" })).toBeVisible();
  const authors = await authorsListed(page, "All stories in this report");
  expect(authors.length).toBe(Math.min(mine, 25));
  for (const a of authors) expect(["Ava Patel", "Priya Shah", "Marco Rossi"]).toContain(a);
});

test("an employee's report holds only her own stories", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your reports" })).toBeVisible();
  await openFilters(page);
  await expect(page.getByLabel("Team and the teams below")).toHaveCount(0);
  await expect(page.getByTestId("anonymous-counts")).toHaveCount(0);
  await expect(page.getByRole("link", { name: AGENCY }).first()).toBeVisible();
  await page.goto("/reports/stories");
  const authors = await authorsListed(page, "All stories in this report");
  expect(authors.length).toBeGreaterThanOrEqual(3);
  for (const a of authors) expect(a).toBe("Ava Patel");
  await page.goto("/reports");
  await chartsDrawn(page);
  await expectAccessible(page);
});

test("the headline says what a manager confirmed; other cycles' figures are shown per cycle, not as realized value", async ({ browser }) => {
  test.setTimeout(120_000);
  // Ava records 4 minutes to answer (immediate) and 25,000 EUR avoided (realized) and shares the
  // story with the organisation; Marco confirms the realized figure.
  const employee = await (await browser.newContext()).newPage();
  await signInAs(employee, DEMO.employee);
  const editorUrl = await captureOnHome(employee, `Vendor clause spotted by a peer ${Date.now()}`);
  await employee.goto(editorUrl);
  await employee.getByRole("radio", { name: /My organisation/ }).check();
  const immediate = employee.getByRole("region", { name: "1. Immediate value" });
  await immediate.getByLabel("Figure (optional)").fill("4");
  await immediate.getByLabel("Unit").fill("minutes to answer");
  await employee.getByRole("link", { name: /^4\. Realized value/ }).click();
  const realized = employee.getByRole("region", { name: "4. Realized value" });
  await realized.getByLabel("What difference has it made to results that matter to me or others?").fill("We avoided a contract penalty.");
  await realized.getByLabel("Figure (optional)").fill("25000");
  await realized.getByLabel("Unit").fill("EUR avoided");
  await waitForSaved(employee);
  await employee.getByRole("button", { name: /^Share with/ }).click();
  await expect(employee.getByRole("button", { name: "Back to draft" })).toBeVisible();
  const storyUrl = editorUrl.replace(/\/edit$/, "");

  const manager = await (await browser.newContext()).newPage();
  await signInAs(manager, DEMO.manager);
  await manager.goto(storyUrl);
  await manager.getByRole("button", { name: "Confirm this figure" }).click();
  await expect(manager.getByText(/confirmed by Marco Rossi on/)).toBeVisible();

  // Lin's report: the confirmed euros lead the headline (it used to say "0 hours saved"), as money.
  const lnd = await (await browser.newContext()).newPage();
  await signInAs(lnd, DEMO.lnd);
  await lnd.goto("/reports");
  await expect(lnd.getByTestId("stat-realized")).toContainText("€25,000 avoided");
  await expect(lnd.getByTestId("stat-realized")).not.toContainText("0 hours saved");
  const value = lnd.getByTestId("realized-value");
  await expect(value.getByRole("row", { name: /EUR avoided/ })).toContainText("€25,000");
  await expect(value).not.toContainText(/minutes to answer/i);
  await expect(lnd.getByTestId("figures-by-cycle").getByRole("row", { name: /minutes to answer/ })).toContainText("4");
  await expectAccessible(lnd);
  for (const p of [employee, manager, lnd]) await p.context().close();
});

test("the reports fit a 375 px phone without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, DEMO.lnd);
  for (const path of ["/reports", "/reports?unit=week", "/reports/stories?at=immediate"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (path.startsWith("/reports?") || path === "/reports") await chartsDrawn(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.goto("/reports");
  await chartsDrawn(page);
  await expectAccessible(page);
  await context.close();
});
