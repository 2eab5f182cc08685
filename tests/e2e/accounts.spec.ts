import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signInAs } from "./helpers";

// Accounts people run themselves: a password reset link made by an admin (the test server has
// no SMTP, so "Forgot password" says to ask the admin), the profile page at desktop and phone
// width in both themes, and the capture channel that follows a person to another browser.

const PASSWORD = "a-long-enough-password";

/** A new person joins the demo organisation through an invitation link (so demo logins stay as they are). */
async function newPerson(browser: Browser, label: string, joinFrom: Parameters<Browser["newContext"]>[0] = {}): Promise<{ name: string; email: string }> {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1000)}`;
  const person = { name: `${label} ${stamp}`, email: `${label.toLowerCase()}-${stamp}@accounts.test` };
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await signInAs(page, DEMO.admin);
  await page.goto("/admin/invites");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Employee" });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  await admin.close();
  // The person's first visit is here: their time zone is guessed from this browser.
  const context = await browser.newContext(joinFrom);
  const join = await context.newPage();
  await join.goto(link);
  await join.getByLabel("Your name").fill(person.name);
  await join.getByLabel("Work email").fill(person.email);
  await join.getByLabel("Password").fill(PASSWORD);
  await join.getByRole("button", { name: "Join" }).click();
  await expect(join.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
  await context.close();
  return person;
}

async function signedInContext(
  browser: Browser,
  email: string,
  password: string,
  opts: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  await signInAs(page, email, password);
  return { context, page };
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

test("sign-in offers 'Forgot your password?'; without e-mail it says to ask the admin (both widths and themes)", async ({ browser }) => {
  for (const theme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await expect(page.getByRole("link", { name: "Forgot your password?" })).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screens/sign-in-${width}-${theme}.png`, fullPage: true });
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
      await expect(page.getByText(/Ask your organisation's admin: they can make you a link/)).toBeVisible();
      await expectAccessible(page);
      await noSidewaysScroll(page);
      await context.close();
    }
  }
});

test("an admin makes a reset link: the person sets a new password with it, once, and every other session ends", async ({ browser }) => {
  test.setTimeout(180_000);
  const person = await newPerson(browser, "Rosa");
  // The person is signed in on another browser.
  const other = await signedInContext(browser, person.email, PASSWORD);

  const admin = await signedInContext(browser, DEMO.admin, DEMO.password);
  // The People page: find the person, open their Edit dialog, and from it the reset link's.
  await admin.page.goto(`/admin?q=${encodeURIComponent(person.email)}`);
  await admin.page
    .locator(`[data-person="${person.email}"]:visible`)
    .getByRole("button", { name: `Edit ${person.name}` })
    .click();
  await admin.page
    .getByRole("dialog", { name: person.name })
    .getByRole("button", { name: `Password reset link for ${person.name}` })
    .click();
  const dialog = admin.page.getByRole("dialog", { name: `Password reset link for ${person.name}` });
  await expect(dialog).toContainText("Using it signs them out everywhere");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const field = dialog.getByLabel("Reset link");
  await expect(field).toHaveValue(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(admin.page);
  const link = await field.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await admin.page.goto("/admin/audit");
  await expect(admin.page.getByText("Password reset link created").first()).toBeVisible();

  const fresh = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await fresh.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(`For ${person.email}.`)).toBeVisible();
  await expectAccessible(page);
  // Refused first (the two differ): nothing is set, the form says why.
  await page.locator("input[name=newPassword]").fill("a-new-long-password");
  await page.getByLabel("New password, again").fill("a-new-long-passwore");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await page.locator("input[name=newPassword]").fill("a-new-long-password");
  await page.getByLabel("New password, again").fill("a-new-long-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();

  // The other browser's session has ended.
  await other.page.goto("/stories");
  await expect(other.page).toHaveURL(/\/sign-in/);
  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  // The old password no longer works; the new one does.
  const check = await browser.newContext();
  const p = await check.newPage();
  await signIn(p, person.email, PASSWORD);
  await expect(p.locator("#sign-in-error")).toBeVisible();
  await signInAs(p, person.email, "a-new-long-password");
  for (const c of [check, fresh, admin.context, other.context]) await c.close();
});

test("the profile: name, time zone guessed then chosen, notifications, reminder day, default channel and password (1280 and 375 px, both themes)", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // First visit from a browser in Los Angeles: the zone is guessed from it.
  const person = await newPerson(browser, "Pia", { timezoneId: "America/Los_Angeles" });
  const { context, page } = await signedInContext(browser, person.email, PASSWORD, {
    viewport: { width: 1280, height: 900 },
    timezoneId: "America/Los_Angeles",
  });
  await page.getByRole("button", { name: `Account: ${person.name}` }).click();
  await page.getByRole("menuitem", { name: "Profile and settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile and settings" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expectAccessible(page);

  // An empty name is refused; what else was chosen is kept.
  await page.getByLabel("Display name").fill("");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");

  const renamed = `${person.name} Okafor`;
  await page.getByLabel("Display name").fill(renamed);
  await page.getByLabel("E-mail me a daily digest").uncheck();
  await page.getByLabel("Weekly reflection reminder").selectOption({ label: "Monday" });
  await page.getByLabel("Default channel").selectOption({ label: "Conference or event" });
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue(renamed);
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await expect(page.getByLabel("E-mail me a daily digest")).not.toBeChecked();
  await expect(page.getByLabel("Show new notifications on the bell")).toBeChecked();
  await expect(page.getByLabel("Weekly reflection reminder")).toHaveValue("1");
  await expect(page.getByText(/in Asia \/ Tokyo\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: `Account: ${renamed}` })).toBeVisible();
  // The same reminder day as /reflect.
  await page.goto("/reflect");
  await expect(page.getByLabel("Reminder day")).toHaveValue("1");
  // Quick capture starts from the default channel.
  await page.keyboard.press("c");
  await expect(page.getByRole("dialog").getByLabel("Where?").locator("option:checked")).toHaveText("Conference or event");
  await page.keyboard.press("Escape");

  // Password: a wrong current password is refused; the right one changes it.
  await page.goto("/profile");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("another-long-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("another-long-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/^Password changed\./)).toBeVisible();
  await context.close();

  for (const theme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      const view = await signedInContext(browser, person.email, "another-long-password", { viewport: { width, height: 900 }, colorScheme: theme });
      await view.page.goto("/profile");
      await expect(view.page.getByRole("heading", { level: 1, name: "Profile and settings" })).toBeVisible();
      await expectAccessible(view.page);
      await noSidewaysScroll(view.page);
      await view.page.screenshot({ path: `test-results/screens/profile-${width}-${theme}.png`, fullPage: true });
      await view.context.close();
    }
  }
});

test("the last channel used follows the person to another browser", async ({ browser }) => {
  test.setTimeout(120_000);
  const person = await newPerson(browser, "Cato");
  const first = await signedInContext(browser, person.email, PASSWORD);
  const form = first.page
    .locator("form")
    .filter({ has: first.page.getByRole("button", { name: "Save moment" }) })
    .first();
  await form.getByLabel("What happened?").fill("Asked the community about flaky tests");
  await form.getByLabel("Where?").selectOption({ label: "Community of practice" });
  await form.getByRole("button", { name: "Save moment" }).click();
  await expect(form.getByRole("link", { name: "Grow this story" })).toBeVisible();
  await first.context.close();

  const second = await signedInContext(browser, person.email, PASSWORD, { viewport: { width: 375, height: 800 } });
  await second.page.keyboard.press("c");
  const dialog = second.page.getByRole("dialog");
  await expect(dialog.getByLabel("Where?").locator("option:checked")).toHaveText("Community of practice");
  await dialog.getByLabel("What happened?").fill("A second tip, from the same community");
  await dialog.getByLabel("What happened?").press("Enter");
  await expect(dialog).toBeHidden();
  await second.context.close();
});
