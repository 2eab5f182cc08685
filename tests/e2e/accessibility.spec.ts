import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// axe-core (WCAG 2.1 A and AA) on every page of the capture flow, and no sideways scrolling
// at 375 px, in both themes.
for (const theme of ["light", "dark"] as const) {
  test(`capture pages are accessible and fit a 375 px phone (${theme} theme)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme: theme });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expectAccessible(page);
    await page.goto("/sign-up");
    await expectAccessible(page);
    await signInAs(page, DEMO.employee);
    await page.goto("/stories");
    const story = await page.locator("a[href^='/stories/']:not([href='/stories/trash'])").first().getAttribute("href");
    for (const path of ["/", "/stories", "/stories?q=template&cycle=REFRAMING", story!, `${story}/edit`, "/reflect", "/stories/trash"]) {
      await page.goto(path);
      await expect(page.locator("h1")).toBeVisible();
      await expectAccessible(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto("/");
    // The shortcut listens once the page is hydrated: press again until the dialog opens.
    await expect(async () => {
      await page.keyboard.press("c");
      await expect(page.getByRole("dialog")).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expectAccessible(page);
    await context.close();
  });
}
