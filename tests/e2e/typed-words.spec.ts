// Nothing typed is ever lost: a conflict never takes the focus or discards a word, a reload
// mid-save is not a conflict, the weekly reflection keeps its drafts, and a retried quick
// capture stores one story.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, captureOnHome, expectAccessible, signInAs, waitForSaved } from "./helpers";

const narrative = (page: Page) => page.getByLabel("Background", { exact: true });
const saveState = (page: Page) => page.locator("[data-save-state]");

/** A story open in two tabs of one browser, tab A having saved words that tab B has not seen. */
async function storyChangedInTabA(context: BrowserContext, words = "Written in tab A.") {
  const a = await context.newPage();
  await signInAs(a, DEMO.employee);
  const editor = await captureOnHome(a, `Two tabs ${Date.now()}`);
  const b = await context.newPage();
  await a.goto(editor);
  await b.goto(editor);
  await narrative(a).fill(words);
  await waitForSaved(a);
  return { a, b, editor };
}

test("typing straight through a conflict: the notice never takes the focus, and every word survives, in the field and stored", async ({ context }) => {
  const { a, b } = await storyChangedInTabA(context);
  const words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split(" ");
  await narrative(b).click();
  // The person types, pauses mid-sentence (the autosave goes out and meets tab A's version),
  // then goes on typing, spaces included, without looking up.
  await b.keyboard.type(`${words.slice(0, 5).join(" ")} `, { delay: 30 });
  await b.waitForTimeout(1600);
  await b.keyboard.type(`${words.slice(5, 12).join(" ")} `, { delay: 30 });
  await expect(saveState(b)).toHaveAttribute("data-save-state", "conflict");
  await b.keyboard.type(words.slice(12).join(" "), { delay: 30 });

  const typed = await narrative(b).inputValue();
  const survived = words.filter((w) => typed.split(/\s+/).includes(w));
  console.log(`typed-through conflict: ${survived.length} of ${words.length} words survived in the field`);
  expect(survived).toEqual(words);
  await expect(narrative(b)).toBeFocused();
  await expect(b.getByRole("dialog")).toHaveCount(0);
  // Announced politely, never as an alert (Next.js's route announcer is the page's only alert).
  await expect(b.getByRole("status").filter({ hasText: "Also changed somewhere else" })).toHaveAttribute("aria-live", "polite");
  await expect(b.getByRole("alert").filter({ hasText: /changed|version/i })).toHaveCount(0);

  // When ready: compare, and keep both.
  await b.getByRole("button", { name: "Compare versions" }).click();
  const dialog = b.getByRole("dialog", { name: "Two versions of this story" });
  await expect(dialog.locator("[data-version=mine]")).toContainText(words.join(" "));
  await expect(dialog.locator("[data-version=saved]")).toContainText("Written in tab A.");
  await dialog.getByRole("button", { name: "Keep both" }).click();
  // Back where the person was writing.
  await expect(narrative(b)).toBeFocused();
  await waitForSaved(b);
  await expect(narrative(b)).toHaveValue(`${words.join(" ")}\n\nWritten in tab A.`);

  // Stored: every word, as the other tab and a fresh load (nothing from this browser) see it.
  await a.reload();
  await expect(narrative(a)).toHaveValue(`${words.join(" ")}\n\nWritten in tab A.`);
  await b.evaluate(() => window.localStorage.clear());
  await b.reload();
  const stored = await narrative(b).inputValue();
  expect(words.filter((w) => stored.includes(w))).toEqual(words);
  expect(stored).toContain("Written in tab A.");
});

test("a reload while a save is in flight is never a conflict, at any delay after the last keystroke", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, DEMO.employee);
  const results: string[] = [];
  for (const delay of [100, 250, 400, 550, 700, 800]) {
    const editor = await captureOnHome(page, `Reload after ${delay} ms ${Date.now()}`);
    await page.goto(editor);
    await narrative(page).click();
    const text = `Typed just before a reload, ${delay} ms after the last key `;
    await page.keyboard.type(text, { delay: 20 });
    await page.waitForTimeout(delay);
    await page.reload();
    await expect(narrative(page)).toHaveValue(text);
    // Going on typing at once, while the old page's save may still be arriving.
    await narrative(page).press("End");
    await page.keyboard.type("and more.", { delay: 20 });
    await waitForSaved(page);
    await expect(saveState(page)).toHaveAttribute("data-save-state", "saved");
    results.push(`${delay} ms: ${await saveState(page).getAttribute("data-save-state")}`);
    await expect(page.getByRole("button", { name: "Compare versions" })).toHaveCount(0);
    // Stored, as a fresh load with nothing in this browser sees it.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await expect(narrative(page)).toHaveValue(`${text}and more.`);
  }
  console.log(`reloads mid-save: ${results.join(", ")}`);
});

test("the conflict notice is reachable by keyboard; comparing takes no decision; the saved version can be undone", async ({ context }) => {
  const { b } = await storyChangedInTabA(context);
  await narrative(b).fill("Written in tab B.");
  await expect(saveState(b)).toHaveAttribute("data-save-state", "conflict");
  await expect(narrative(b)).toBeFocused();

  // From the field, Shift+Tab reaches the notice's button (it sits in the bar above the fields).
  const compare = b.getByRole("button", { name: "Compare versions" });
  for (let i = 0; i < 20 && !(await compare.evaluate((el) => el === document.activeElement)); i++) await b.keyboard.press("Shift+Tab");
  await expect(compare).toBeFocused();
  await b.keyboard.press("Enter");
  const dialog = b.getByRole("dialog", { name: "Two versions of this story" });
  await expect(dialog).toBeVisible();
  // Focus lands on the comparison, not on a button: a stray Space or Enter decides nothing.
  await expect(dialog.getByRole("group", { name: "What differs" })).toBeFocused();
  await b.keyboard.press("Space");
  await b.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(saveState(b)).toHaveAttribute("data-save-state", "conflict");
  await expect(narrative(b)).toHaveValue("Written in tab B.");

  // "Use the saved version" is a choice the person makes, and it can be taken back.
  await compare.click();
  await dialog.getByRole("button", { name: "Use the saved version" }).click();
  await expect(narrative(b)).toHaveValue("Written in tab A.");
  await expect(b.getByRole("button", { name: "Bring my version back" })).toBeFocused();
  await b.keyboard.press("Enter");
  await expect(narrative(b)).toHaveValue("Written in tab B.");
  await waitForSaved(b);
  await b.evaluate(() => window.localStorage.clear());
  await b.reload();
  await expect(narrative(b)).toHaveValue("Written in tab B.");
});

async function conflictPage(browser: Browser, theme: "light" | "dark", width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
  const { b } = await storyChangedInTabA(context);
  await narrative(b).fill("Written in tab B.");
  await expect(saveState(b)).toHaveAttribute("data-save-state", "conflict");
  return { context, b };
}

for (const theme of ["light", "dark"] as const) {
  for (const width of [1280, 375]) {
    test(`the conflict notice and comparison are accessible (${theme} theme, ${width} px)`, async ({ browser }) => {
      const { context, b } = await conflictPage(browser, theme, width);
      await expectAccessible(b);
      const overflow = await b.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, "the editor scrolls sideways").toBeLessThanOrEqual(0);
      await b.getByRole("button", { name: "Compare versions" }).click();
      await expect(b.getByRole("dialog")).toBeVisible();
      await expectAccessible(b);
      await context.close();
    });
  }
}

test("the weekly reflection keeps its answers: on reload, offline, and on another device; a draft is not a reflection", async ({ browser }) => {
  const learned = `Draft answer about runbooks ${Date.now()}`;
  const device1 = await browser.newContext();
  const page = await device1.newPage();
  await signInAs(page, DEMO.employee);
  await page.goto("/reflect");
  const form = page.getByRole("form", { name: "This week's reflection" });
  await form.getByLabel("What did you learn this week?").fill(learned);
  await form.getByLabel("How has it affected your performance?").fill("Fewer escalations.");
  await expect(saveState(page)).toHaveAttribute("data-save-state", "saved", { timeout: 15_000 });
  await expect(saveState(page)).toContainText("Draft kept");

  // Reload: the answers come back.
  await page.reload();
  await expect(form.getByLabel("What did you learn this week?")).toHaveValue(learned);
  await expect(form.getByLabel("How has it affected your performance?")).toHaveValue("Fewer escalations.");

  // Offline: typed answers stay in this browser and reach the server when it is back.
  await device1.setOffline(true);
  await form.getByLabel("How does it help the organisation?").fill("Typed on the train.");
  await expect(saveState(page)).toHaveAttribute("data-save-state", "offline", { timeout: 15_000 });
  await device1.setOffline(false);
  await page.reload();
  await expect(form.getByLabel("How does it help the organisation?")).toHaveValue("Typed on the train.");
  await expect(saveState(page)).toHaveAttribute("data-save-state", "saved", { timeout: 15_000 });

  // Another device (nothing in its browser): the draft comes from the server.
  const device2 = await browser.newContext();
  const other = await device2.newPage();
  await signInAs(other, DEMO.employee);
  await other.goto("/reflect");
  const otherForm = other.getByRole("form", { name: "This week's reflection" });
  await expect(otherForm.getByLabel("What did you learn this week?")).toHaveValue(learned);
  await expect(otherForm.getByLabel("How does it help the organisation?")).toHaveValue("Typed on the train.");

  // Not a reflection: not in the history, and not on the manager's team page.
  await expect(other.getByRole("region", { name: "Your reflections" })).not.toContainText(learned);
  const manager = await browser.newContext();
  const marco = await manager.newPage();
  await signInAs(marco, DEMO.manager);
  await marco.goto("/team");
  await expect(marco.getByRole("heading", { name: "Latest weekly reflections" })).toBeVisible();
  await expect(marco.locator("main")).not.toContainText(learned);

  // Saved as the reflection: now it counts, and a reload shows the saved answers.
  await otherForm.getByRole("button", { name: "Save reflection" }).click();
  await expect(otherForm.getByRole("status").filter({ hasText: "Reflection saved" })).toBeVisible();
  await other.reload();
  await expect(other.getByRole("region", { name: "Your reflections" })).toContainText(learned);
  await marco.reload();
  await expect(marco.locator("main")).toContainText(learned);
  for (const c of [device1, device2, manager]) await c.close();
});

test("quick capture: a submission whose answer is lost, retried, stores one story", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const what = `Answer lost on the way back ${Date.now()}`;
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save moment" }) })
    .first();
  await form.getByLabel("What happened?").fill(what);
  await form.getByLabel("Where?").selectOption({ label: "Colleague" });

  // The server gets the submission and stores it; the answer never reaches the page.
  let reached = 0;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      reached++;
      await route.fetch();
      await route.abort("connectionreset");
    } else await route.continue();
  });
  await form.getByRole("button", { name: "Save moment" }).click();
  await expect(form.getByText("We could not reach Ripple")).toBeVisible();
  expect(reached).toBe(1);
  await page.unroute("**/*");

  // What was typed is still there; a reload keeps it too (with the moment's id).
  await expect(form.getByLabel("What happened?")).toHaveValue(what);
  await page.reload();
  await expect(form.getByLabel("What happened?")).toHaveValue(what);
  await expect(form.getByLabel("Where?")).toHaveValue("colleague");

  // The retry answers with the story the first submission stored.
  await form.getByRole("button", { name: "Save moment" }).click();
  await expect(form.getByRole("link", { name: "Grow this story" })).toBeVisible();
  await expect(form.getByLabel("What happened?")).toHaveValue("");

  await page.goto(`/stories?q=${encodeURIComponent(what)}`);
  await expect(page.getByRole("link", { name: what })).toHaveCount(1);
  // The next moment gets a new id: the same words again are a second story.
  await page.goto("/");
  await form.getByLabel("What happened?").fill(what);
  await form.getByRole("button", { name: "Save moment" }).click();
  await expect(form.getByRole("link", { name: "Grow this story" })).toBeVisible();
  await page.goto(`/stories?q=${encodeURIComponent(what)}`);
  await expect(page.getByRole("link", { name: what })).toHaveCount(2);
});
