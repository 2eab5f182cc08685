import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAs } from "./helpers";

const AGENCY = "An agency's urgent question answered by my network in four minutes";
const COMMUNITY = "Community of practice call on escalation playbooks";

/** Every story link in the result lists (one list, or one per month on the timeline). */
const storyLinks = (page: Page) => page.getByRole("main").getByRole("list").getByRole("link");

test("an employee searches their stories, filters by furthest cycle, shares the view and clears it", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  await page.getByRole("link", { name: "My stories" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My stories" })).toBeVisible();

  // "template" is only in the cycle narratives of the agency story, never in a title.
  await page.getByRole("searchbox", { name: "Search my stories" }).fill("template");
  await page.getByRole("searchbox", { name: "Search my stories" }).press("Enter");
  await expect(page).toHaveURL(/\/stories\?q=template$/);
  await expect(page.getByRole("status").filter({ hasText: "matching" })).toHaveText("1 story · matching “template”");
  await expect(storyLinks(page)).toHaveCount(1);
  await expect(storyLinks(page)).toHaveText(AGENCY);
  const snippet = page.locator("[data-slot=search-snippet]");
  await expect(snippet).toHaveCount(1);
  await expect(snippet.locator("mark").first()).toHaveText("template");

  // A new search from the box, then the furthest-cycle filter.
  await page.getByRole("searchbox", { name: "Search my stories" }).fill("");
  await page.getByLabel("Furthest cycle", { exact: true }).selectOption({ label: "Potential value" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/stories\?cycle=POTENTIAL$/);
  await expect(page.getByRole("status").filter({ hasText: "reaching" })).toHaveText("1 story · reaching Potential value");
  await expect(storyLinks(page)).toHaveCount(1);
  await expect(storyLinks(page)).toHaveText(COMMUNITY);
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toHaveValue("POTENTIAL");

  // The back button returns to the search; forward to the filter.
  await page.goBack();
  await expect(page).toHaveURL(/\/stories\?q=template$/);
  await expect(page.getByRole("searchbox", { name: "Search my stories" })).toHaveValue("template");
  await expect(storyLinks(page)).toHaveText(AGENCY);
  await page.goForward();
  await expect(page).toHaveURL(/\/stories\?cycle=POTENTIAL$/);
  await expect(storyLinks(page)).toHaveText(COMMUNITY);

  // The address is the view: opened in another tab, it shows the same.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(storyLinks(other)).toHaveText(COMMUNITY);
  await expect(other.getByLabel("Furthest cycle", { exact: true })).toHaveValue("POTENTIAL");
  await other.close();

  // Clear filters: every story again, and nothing narrows the list.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole("searchbox", { name: "Search my stories" })).toHaveValue("");
  await expect(page.getByRole("link", { name: "Clear filters" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: AGENCY })).toBeVisible();
  await expect(page.getByRole("link", { name: COMMUNITY })).toBeVisible();
});

test("invalid filters in an address are dropped, and an empty result offers a way back", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  // Nobody has stories from before 2001, whatever other tests created.
  await page.goto("/stories?cycle=AMAZING&to=2000-12-31&sort=random&from=2020-02-30");
  // Only the valid filter is applied, and the address says so.
  await expect(page).toHaveURL(/\/stories\?to=2000-12-31$/);
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("2000-12-31");
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toHaveValue("");
  await expect(page.getByText("No stories match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Show all my stories" }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole("link", { name: AGENCY })).toBeVisible();
});

test("on a phone the filters fold behind a disclosure that counts them", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(page, DEMO.employee);
  await page.goto("/stories?cycle=POTENTIAL&channel=community");
  const summary = page.locator("summary", { hasText: "Filters" });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("2 active");
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toBeHidden();
  await expect(page.getByRole("searchbox", { name: "Search my stories" })).toBeVisible();
  await summary.click();
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("community");
  await expect(storyLinks(page)).toHaveText(COMMUNITY);
  // Nothing overflows the narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
