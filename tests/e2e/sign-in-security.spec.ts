import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signInAs } from "./helpers";

/** A new organisation whose admin nobody else's test signs in as. */
async function newFounder(page: Page): Promise<{ email: string; password: string; name: string }> {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const founder = { email: `founder-${stamp}@security.test`, password: "a-long-enough-password", name: "Ada Lovelace" };
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(`Security Co ${stamp}`);
  await page.getByLabel("Your name").fill(founder.name);
  await page.getByLabel("Work email").fill(founder.email);
  await page.getByLabel("Password").fill(founder.password);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Ada" })).toBeVisible();
  return founder;
}

async function signOutHere(page: Page, name: RegExp) {
  await page.getByRole("button", { name }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("signing out ends the session: a copy of the cookie taken before no longer opens anything", async ({ browser }) => {
  const { context, page } = await freshPage(browser);
  await signInAs(page, DEMO.manager);
  await page.goto("/team");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const copied = (await context.cookies()).filter((c) => c.name.includes("session-token"));
  expect(copied).toHaveLength(1);

  await signOutHere(page, /Account: Marco/);

  // Someone who copied the cookie before sign-out replays it in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/team");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await expect(stolen.getByRole("heading", { level: 1, name: "Sign in to Ripple" })).toBeVisible();
  await thief.close();
  await context.close();
});

test("guessing slows down without locking the owner out of the browser they use", async ({ browser }) => {
  // The owner creates an account, signs out: this browser is now known to the account.
  const owner = await freshPage(browser);
  const founder = await newFounder(owner.page);
  await signOutHere(owner.page, /Account: Ada Lovelace/);

  // An attacker elsewhere: five guesses are answered as wrong; after that each waits twice as
  // long as the one before (1 s, 2 s, 4 s …), so a guesser soon meets "Try again in …".
  const attacker = await freshPage(browser);
  for (let i = 0; i < 5; i++) {
    await signIn(attacker.page, founder.email, `guess number ${i}`);
    await expect(attacker.page.locator("#sign-in-error")).toContainText("That email and password do not match");
  }
  let told = false;
  for (let i = 5; i < 15 && !told; i++) {
    await signIn(attacker.page, founder.email, `guess number ${i}`);
    const error = attacker.page.locator("#sign-in-error");
    await expect(error).toBeVisible();
    told = /Too many attempts\. Try again in \d+ seconds?\./.test((await error.textContent()) ?? "");
  }
  expect(told, "the guesser was told to wait").toBe(true);

  // The owner, on their own browser, signs in at once, with the right password.
  await signInAs(owner.page, founder.email, founder.password);
  await expectAccessible(attacker.page);
  await attacker.context.close();
  await owner.context.close();
});

test("a sign-up link that is not valid says so, accessibly", async ({ page }) => {
  await page.goto("/sign-up/confirm/not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await expectAccessible(page);
});
