import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, captureOnHome, expectAccessible, signInAs, waitForSaved } from "./helpers";

// Managers pulled in (issue 11 §3): a report shares a story; the manager's Home leads with it,
// marked new; the review actions sit at the top of the story, one click each; the author sees
// the question, the thanks and the pick. At desktop and phone width, with axe checks, and
// screenshots of both pages in both themes (test-results/managers-*.png).

async function shareWithManager(browser: Browser, title: string): Promise<{ storyUrl: string; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const employee = await context.newPage();
  await signInAs(employee, DEMO.employee);
  const editorUrl = await captureOnHome(employee, title);
  await employee.goto(editorUrl);
  await employee.getByRole("radio", { name: /My manager/ }).check();
  await employee.getByRole("link", { name: /^4\. Realized value/ }).click();
  const realized = employee.getByRole("region", { name: "4. Realized value" });
  await realized.getByLabel("What difference has it made to results that matter to me or others?").fill("The customer renewed early.");
  await realized.getByLabel("Figure (optional)").fill("90");
  await realized.getByLabel("Unit").fill("minutes saved");
  await waitForSaved(employee);
  await employee.getByRole("button", { name: /^Share with/ }).click();
  await expect(employee.getByRole("button", { name: "Back to draft" })).toBeVisible();
  await context.close();
  return { storyUrl: editorUrl.replace(/\/edit$/, ""), close: () => context.close() };
}

async function shoot(browser: Browser, width: number, url: string, name: string) {
  for (const theme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
    const page = await context.newPage();
    await signInAs(page, DEMO.manager);
    await page.goto(url);
    await expect(page.locator("h1")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/managers-${name}-${width}-${theme}.png`, fullPage: false });
    await context.close();
  }
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

for (const width of [1280, 375]) {
  test(`a manager is told of a shared story, reviews it from the top in one click each, and the author hears back (${width} px)`, async ({ browser }) => {
    test.setTimeout(180_000);
    const title = `Renewal playbook from the forum ${width} ${Date.now()}`;
    const { storyUrl } = await shareWithManager(browser, title);

    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const manager = await context.newPage();
    let interactions = 0;
    await signInAs(manager, DEMO.manager);

    // Home leads with what the team shared, the new story marked; the capture comes after.
    const shared = manager.getByRole("region", { name: "Shared by your team" });
    await expect(shared).toBeVisible();
    await expect(shared.getByTestId("team-shared-summary")).toContainText(/new stor(y|ies) since your last visit/);
    const item = shared.getByRole("listitem").filter({ hasText: title });
    await expect(item.getByText("New", { exact: true })).toBeVisible();
    const sharedBox = (await shared.boundingBox())!;
    const captureBox = (await manager.getByText("Capture a learning moment").boundingBox())!;
    expect(sharedBox.y).toBeLessThan(captureBox.y);
    await expectAccessible(manager);
    await noSidewaysScroll(manager);
    // The bell says so too.
    await expect(manager.getByRole("link", { name: /^Notifications, \d+ unread/ })).toBeVisible();

    // Open the story: the Team tab is the current one, and the review bar is on the first screen.
    await item.getByRole("link", { name: title }).click();
    interactions++;
    await expect(manager.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(manager.locator('nav[aria-label="Main"] a[aria-current="page"]').first()).toHaveText("Team");
    await expect(manager.locator('nav[aria-label="Main"] a[aria-current="page"]', { hasText: "My stories" })).toHaveCount(0);
    const bar = manager.getByRole("region", { name: "Review this story" });
    await expect(bar).toBeVisible();
    const barBox = (await bar.boundingBox())!;
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(900);
    const readingTop = await manager.locator("#review").evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    await manager.screenshot({ path: `test-results/managers-story-before-review-${width}-light.png` });
    console.log(
      `[${width}px] review bar bottom at ${Math.round(barBox.y + barBox.height)} px; "Your reading" panel (where the whole review panel used to be) at ${Math.round(readingTop)} px`,
    );

    // One click each: thank, ask (a question), confirm, pick.
    await bar.getByRole("button", { name: "Thank Ava" }).click();
    interactions++;
    await expect(bar.getByRole("button", { name: "You thanked Ava" })).toBeDisabled();
    await bar.getByRole("button", { name: "What happened next?" }).click();
    interactions++;
    await expect(manager.getByLabel("Ask “what happened next?”")).toBeFocused();
    await manager.keyboard.type("Did the team adopt the playbook?");
    interactions++;
    await bar.getByRole("button", { name: "Ask what happened next" }).click();
    interactions++;
    await expect(bar.getByText("Asked. The author gets a reminder")).toBeVisible();
    await bar.getByRole("button", { name: "Confirm this figure" }).click();
    interactions++;
    await expect(manager.getByText(/confirmed by Marco Rossi on/)).toBeVisible();
    await bar.getByRole("button", { name: "Pick for leadership" }).click();
    interactions++;
    await expect(bar.getByRole("button", { name: "Picked for leadership" })).toHaveAttribute("aria-pressed", "true");
    const scrolled = await manager.evaluate(() => window.scrollY);
    console.log(`[${width}px] a manager reviewing a story: ${interactions} interactions from Home, ${scrolled} px scrolled`);
    expect(scrolled).toBe(0);
    await expectAccessible(manager);
    await noSidewaysScroll(manager);

    // Back on Home, the story is no longer new.
    await manager.goto("/");
    await expect(
      manager.getByRole("region", { name: "Shared by your team" }).getByRole("listitem").filter({ hasText: title }).getByText("New", { exact: true }),
    ).toHaveCount(0);
    await context.close();

    // The author: the question on Home, on the story and in one notification; the thanks; the pick.
    const authorContext = await browser.newContext({ viewport: { width, height: 900 } });
    const author = await authorContext.newPage();
    await signInAs(author, DEMO.employee);
    const asked = author.getByRole("region", { name: "Stories waiting for their next cycle" }).getByRole("listitem").filter({ hasText: title });
    await expect(asked).toContainText(/Asked by Marco Rossi: .?Did the team adopt the playbook\?/);
    await author.goto("/notifications");
    const mine = author.locator("li").filter({ hasText: title });
    await expect(mine.filter({ hasText: `Marco Rossi asked what happened next on “${title}”: “Did the team adopt the playbook?”` })).toHaveCount(1);
    await expect(mine.filter({ hasText: "Time to add what happened next" })).toHaveCount(0);
    await expect(mine.filter({ hasText: `Marco Rossi thanked you for “${title}”` })).toHaveCount(1);
    await expect(mine.filter({ hasText: `Marco Rossi picked “${title}” for leadership` })).toHaveCount(1);
    await expectAccessible(author);
    await author.goto(storyUrl);
    await expect(author.getByTestId("thanked-by")).toHaveText(/Thanked you: Marco Rossi/);
    await expect(author.getByRole("list", { name: "Questions for you" })).toContainText("Did the team adopt the playbook?");
    await expect(author.locator('nav[aria-label="Main"] a[aria-current="page"]').first()).toHaveText("My stories");
    await expect(author.getByRole("region", { name: "Review this story" })).toHaveCount(0);
    await author.screenshot({ path: `test-results/managers-story-author-${width}-light.png` });
    await expectAccessible(author);
    await noSidewaysScroll(author);
    await authorContext.close();

    // On the demo's story that reaches all five cycles: the review bar is still on the first
    // screen; the reading panel (where the whole review panel used to be) is far below.
    const full = await browser.newContext({ viewport: { width, height: 900 } });
    const fullPage = await full.newPage();
    await signInAs(fullPage, DEMO.manager);
    await fullPage.getByRole("link", { name: "An agency's urgent question answered by my network in four minutes" }).click();
    const fullBar = (await fullPage.getByRole("region", { name: "Review this story" }).boundingBox())!;
    expect(fullBar.y + fullBar.height).toBeLessThanOrEqual(900);
    const fullReading = await fullPage.locator("#review").evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    console.log(
      `[${width}px] five-cycle story: review bar bottom at ${Math.round(fullBar.y + fullBar.height)} px; reading panel (the old review panel's place) at ${Math.round(fullReading)} px`,
    );
    await full.close();

    // Screenshots, both themes: the manager's Home and the story they reviewed.
    await shoot(browser, width, "/", "home");
    await shoot(browser, width, storyUrl, "story");
  });
}
