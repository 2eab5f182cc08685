import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

const AGENCY = "An agency's urgent question answered by my network in four minutes";
const COMMUNITY = "Community of practice call on escalation playbooks";

/** Every story link in the result lists (one list, or one per month on the timeline). */
// Each story's title link (its cycle circles link into the editor, and are not counted).
const storyLinks = (page: Page) => page.getByRole("main").getByRole("list").getByRole("link").and(page.locator('a:not([href*="/edit"])'));

test("an employee searches their stories, filters by furthest cycle, shares the view and clears it", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  await page.getByRole("link", { name: "My stories" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My stories" })).toBeVisible();

  // "template" is only in the cycle narratives of the agency story, never in a title. Enter
  // searches at once (and makes a history entry).
  await page.getByRole("searchbox", { name: "Search my stories" }).fill("template");
  await page.getByRole("searchbox", { name: "Search my stories" }).press("Enter");
  await expect(page).toHaveURL(/\/stories\?q=template$/);
  await expect(page.getByRole("status").filter({ hasText: "matching" })).toHaveText("1 story · matching “template”");
  await expect(storyLinks(page)).toHaveCount(1);
  await expect(storyLinks(page)).toHaveText(AGENCY);
  const snippet = page.locator("[data-slot=search-snippet]");
  await expect(snippet).toHaveCount(1);
  await expect(snippet.locator("mark").first()).toHaveText("template");

  // The furthest-cycle filter applies as it is chosen (no button), the search kept.
  await page.getByLabel("Furthest cycle", { exact: true }).focus();
  await page.getByLabel("Furthest cycle", { exact: true }).selectOption({ label: "Potential value" });
  await expect(page).toHaveURL(/\/stories\?q=template&cycle=POTENTIAL$/);
  await expect(page.getByText("No stories match these filters.")).toBeVisible();
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toBeFocused();

  // The back button returns to the search alone; forward to the filter.
  await page.goBack();
  await expect(page).toHaveURL(/\/stories\?q=template$/);
  await expect(page.getByRole("searchbox", { name: "Search my stories" })).toHaveValue("template");
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toHaveValue("");
  await expect(storyLinks(page)).toHaveText(AGENCY);
  await page.goForward();
  await expect(page).toHaveURL(/\/stories\?q=template&cycle=POTENTIAL$/);
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toHaveValue("POTENTIAL");

  // The address is the view: opened in another tab, it shows the same.
  await page.goto("/stories?cycle=POTENTIAL");
  await expect(storyLinks(page)).toHaveText(COMMUNITY);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(storyLinks(other)).toHaveText(COMMUNITY);
  await expect(other.getByLabel("Furthest cycle", { exact: true })).toHaveValue("POTENTIAL");
  await other.close();

  // Clear filters: every story again, and nothing narrows the list.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole("searchbox", { name: "Search my stories" })).toHaveValue("");
  await expect(page.getByLabel("Furthest cycle", { exact: true })).toHaveValue("");
  await expect(page.getByRole("link", { name: "Clear filters" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: AGENCY })).toBeVisible();
  await expect(page.getByRole("link", { name: COMMUNITY })).toBeVisible();
});

for (const width of [1280, 375]) {
  test(`search as you type finds tags and who helped, keeping the results on screen until the new ones arrive (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, DEMO.employee);
    await page.goto("/stories");
    const box = page.getByRole("searchbox", { name: "Search my stories" });
    const results = page.locator("#stories-results");

    // A tag: typed, not submitted; the box keeps the focus and what was typed.
    await box.fill("incident-response");
    await expect(page).toHaveURL(/\/stories\?q=incident-response$/);
    await expect(storyLinks(page)).toHaveText(COMMUNITY);
    await expect(page.getByRole("status").filter({ hasText: "matching" })).toHaveText("1 story · matching “incident-response”");
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("incident-response");

    // A platform of someone who helped, with a snippet saying who.
    await box.fill("Mastodon");
    await expect(page).toHaveURL(/\/stories\?q=Mastodon$/);
    await expect(storyLinks(page)).toHaveText(AGENCY);
    await expect(page.locator("[data-slot=search-snippet]")).toContainText("Helped by @opendata_jo (Mastodon)");
    await expect(page.locator("[data-slot=search-snippet] mark")).toHaveText("Mastodon");

    // While the next results load (held back here for 1.5 s), the old ones stay, marked busy.
    let held = 0;
    await page.route(/\/stories(\?|$)/, async (route) => {
      if (route.request().headers()["rsc"]) {
        held++;
        await new Promise((r) => setTimeout(r, 1500));
      }
      await route.continue();
    });
    await box.fill("");
    await expect(results).toHaveAttribute("aria-busy", "true");
    await expect(page.getByRole("status").filter({ hasText: "Searching" })).toHaveText("Searching…");
    await expect(storyLinks(page)).toHaveText(AGENCY);
    await expect(page).toHaveURL(/\/stories$/);
    await expect(results).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("link", { name: COMMUNITY })).toBeVisible();
    await expect(page.getByRole("link", { name: AGENCY })).toBeVisible();
    expect(held).toBeGreaterThanOrEqual(1);
    await page.unroute(/\/stories(\?|$)/);

    // A filter applies as it changes; on a phone the filters first unfold.
    if (width < 640) await page.locator("summary", { hasText: "Filters" }).click();
    await page.getByLabel("Channel", { exact: true }).selectOption({ label: "Community of practice" });
    await expect(page).toHaveURL(/\/stories\?channel=community$/);
    await expect(storyLinks(page)).toHaveText(COMMUNITY);
    await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("without JavaScript the filters still apply with a button", async ({ browser }) => {
  const signedIn = await browser.newContext();
  await signInAs(await signedIn.newPage(), DEMO.employee);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, storageState: await signedIn.storageState() });
  await signedIn.close();
  const page = await context.newPage();
  await page.goto("/stories");
  await page.locator("summary", { hasText: "Filters" }).click();
  await page.getByLabel("Tag", { exact: true }).selectOption("incident-response");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/stories\?tag=incident-response$/);
  await expect(storyLinks(page)).toHaveText(COMMUNITY);
  await context.close();
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
