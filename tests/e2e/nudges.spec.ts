// The profile's "Reminders outside Ripple" section: per kind e-mail or only in Ripple, the hour
// in the person's time zone and the days; refused and saved; accessible, at 1280 and 375 px, in
// both themes (screenshots in test-results/screens/profile-nudges-*.png).
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

test("reminders outside Ripple: choose per kind, the hour and the days; saved; accessible at 1280 and 375 px in both themes", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, DEMO.lnd);
  await page.goto("/profile#nudges");
  const section = page.getByRole("form", { name: "Reminders outside Ripple" });
  await expect(section).toBeVisible();
  // The defaults: every kind by e-mail, at 09:00, Monday to Friday. No Slack choice without a linked account.
  await expect(section.getByLabel("Follow-ups as they come due")).toHaveValue("email");
  await expect(section.getByLabel("The weekly reflection")).toHaveValue("email");
  await expect(section.getByLabel("Shared with you")).toHaveValue("email");
  await expect(section.getByLabel("Time of day")).toHaveValue("9");
  await expect(section.getByLabel("Follow-ups and shared stories on")).toHaveValue("weekdays");
  await expect(section.locator("option[value=slack]")).toHaveCount(0);
  // The demo server sends no e-mail: the section says so.
  await expect(section.getByText(/does not send e-mail yet/)).toBeVisible();

  await section.getByLabel("Shared with you").selectOption({ label: "Only in Ripple" });
  await section.getByLabel("Time of day").selectOption({ label: "07:00" });
  await section.getByLabel("Follow-ups and shared stories on").selectOption({ label: "Every day" });
  await section.getByRole("button", { name: "Save reminders" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(section.getByLabel("Shared with you")).toHaveValue("off");
  await expect(section.getByLabel("Follow-ups as they come due")).toHaveValue("email");
  await expect(section.getByLabel("Time of day")).toHaveValue("7");
  await expect(section.getByLabel("Follow-ups and shared stories on")).toHaveValue("every_day");
  // The profile form above it is untouched by this save.
  await expect(page.getByLabel("Weekly reflection reminder")).toBeVisible();
  await context.close();

  for (const theme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      const view = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      const p = await view.newPage();
      await signInAs(p, DEMO.lnd);
      await p.goto("/profile#nudges");
      const s = p.getByRole("form", { name: "Reminders outside Ripple" });
      await expect(s).toBeVisible();
      await expectAccessible(p);
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `sideways scroll at ${width}px`).toBe(true);
      await p.locator("#nudges").screenshot({ path: `test-results/screens/profile-nudges-${width}-${theme}.png` });
      await view.close();
    }
  }
});

test("an unsubscribe link that was tampered with says so, with the way to the profile", async ({ page }) => {
  await page.goto("/unsubscribe/0193a6f0-0000-7000-8000-000000000000.0193a6f0-0000-7000-8000-000000000001.shared.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open your profile" })).toBeVisible();
  await expectAccessible(page);
});
