import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, freePort, TINY_PNG, captureOnHome, expectAccessible, signInAs, startServer, waitForSaved } from "./helpers";

test("quick capture: a person who has used it once captures a moment in three keyboard interactions", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  // First time: no channel is needed; this person chooses one, and it is remembered.
  await captureOnHome(page, `First capture ${Date.now()}`, "Community of practice");

  const what = `Asked a community about incident reviews ${Date.now()}`;
  const started = Date.now();
  let interactions = 0;
  await page.keyboard.press("c");
  interactions++;
  const dialog = page.getByRole("dialog", { name: "Capture a learning moment" });
  await expect(dialog.getByLabel("What happened?")).toBeFocused();
  await page.keyboard.type(what);
  interactions++;
  await expect(dialog.getByLabel("Where?")).toHaveValue("community"); // remembered from last time
  await page.keyboard.press("Enter");
  interactions++;
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Saved “${what}”` })).toBeVisible();
  const elapsed = Date.now() - started;
  test
    .info()
    .annotations.push({ type: "quick-capture", description: `${interactions} interactions, ${elapsed} ms including typing ${what.length} characters` });
  console.log(`quick capture: ${interactions} interactions, ${elapsed} ms including typing ${what.length} characters`);
  expect(interactions).toBeLessThanOrEqual(3);
  await page.goto("/stories");
  await expect(page.getByRole("link", { name: what })).toBeVisible();
});

test("grow a story through all five cycles with an indicator, a figure and a file; reload keeps everything", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const title = `Template from my network ${Date.now()}`;
  await page.goto(await captureOnHome(page, title));
  await expect(page.getByRole("heading", { level: 1, name: "Edit story" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Background", { exact: true }).fill("An agency phoned with an urgent question.\nI asked my network: https://example.org/thread");
  await page.getByLabel("Time saved (minutes)").fill("116");
  await page.getByLabel("Tags").fill("gdpr");
  await page.keyboard.press("Enter");

  const section = (name: string) => page.getByRole("region", { name });
  // One cycle at a time: the step (or "Next") opens the cycle.
  const open = (name: string) =>
    page
      .getByRole("navigation", { name: "Cycles of this story" })
      .getByRole("link", { name: new RegExp(`^${name.replace(".", "\\.")}`) })
      .click();
  await section("1. Immediate value").getByLabel("What happened, and what was it like for me?").fill("Answers arrived within two minutes.");
  await open("2. Potential value");
  await section("2. Potential value").getByLabel("What has this produced that I can draw on?").fill("A data-sharing template and three new contacts.");
  await section("2. Potential value").getByRole("button", { name: "Tangible capital" }).click();
  await expect(section("2. Potential value").getByRole("button", { name: "Tangible capital" })).toHaveAttribute("aria-pressed", "true");
  await open("3. Applied value");
  await section("3. Applied value").getByLabel("What difference has it made to what I do?").fill("I sent the template to the agency.");
  await section("3. Applied value")
    .getByLabel(/Attach a file/)
    .setInputFiles({ name: "template.png", mimeType: "image/png", buffer: TINY_PNG });
  await expect(section("3. Applied value").getByRole("link", { name: /template\.png/ })).toBeVisible();
  await open("4. Realized value");
  await section("4. Realized value")
    .getByLabel("What difference has it made to results that matter to me or others?")
    .fill("The customer had an answer in four minutes.");
  await section("4. Realized value").getByLabel("Figure (optional)").fill("116");
  await section("4. Realized value").getByLabel("Unit").fill("minutes saved");
  await open("5. Reframing value");
  await section("5. Reframing value").getByLabel("Has it changed how I, or others, define what matters?").fill("My manager asks for stories like this now.");
  await waitForSaved(page);

  await page.reload();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Background", { exact: true })).toHaveValue(/I asked my network/);
  await open("2. Potential value");
  await expect(section("2. Potential value").getByRole("button", { name: "Tangible capital" })).toHaveAttribute("aria-pressed", "true");
  await open("4. Realized value");
  await expect(section("4. Realized value").getByLabel("Figure (optional)")).toHaveValue("116");
  await open("3. Applied value");
  await expect(section("3. Applied value").getByRole("link", { name: /template\.png/ })).toBeVisible();
  for (const name of ["1. Immediate value", "2. Potential value", "3. Applied value", "4. Realized value", "5. Reframing value"]) {
    await expect(page.getByRole("link", { name: `${name}, reached` })).toBeVisible();
  }

  await page.getByRole("link", { name: "View" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("116 minutes saved", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "https://example.org/thread" })).toBeVisible();
  await expectAccessible(page);
});

test("offline: changes stay in the browser and reach the server when it is back", async ({ page, context }) => {
  await signInAs(page, DEMO.employee);
  const editor = await captureOnHome(page, `Offline story ${Date.now()}`);
  await page.goto(editor);
  await context.setOffline(true);
  await page.getByLabel("Background", { exact: true }).fill("Typed on the train without a connection.");
  await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "offline", { timeout: 15_000 });
  await page.close();

  // Back online in a new tab: the draft comes back from this browser and is saved.
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(editor);
  await expect(again.getByText("We restored changes you made on this device")).toBeVisible();
  await expect(again.getByLabel("Background", { exact: true })).toHaveValue("Typed on the train without a connection.");
  await waitForSaved(again);
  await again.evaluate(() => window.localStorage.clear());
  await again.reload();
  await expect(again.getByLabel("Background", { exact: true })).toHaveValue("Typed on the train without a connection.");
});

test("two tabs: the second save is refused, both versions are shown when the person asks, and the person chooses", async ({ context }) => {
  const a = await context.newPage();
  await signInAs(a, DEMO.employee);
  const editor = await captureOnHome(a, `Two tabs ${Date.now()}`);
  const b = await context.newPage();
  await a.goto(editor);
  await b.goto(editor);

  await a.getByLabel("Background", { exact: true }).fill("Written in tab A.");
  await waitForSaved(a);
  await b.getByLabel("Background", { exact: true }).fill("Written in tab B.");
  await expect(b.locator("[data-save-state]")).toHaveAttribute("data-save-state", "conflict", { timeout: 15_000 });
  await b.getByRole("button", { name: "Compare versions" }).click();
  const dialog = b.getByRole("dialog", { name: "Two versions of this story" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("[data-version=mine]")).toContainText("Written in tab B.");
  await expect(dialog.locator("[data-version=saved]")).toContainText("Written in tab A.");
  await dialog.getByRole("button", { name: "Keep only mine" }).click();
  await waitForSaved(b);

  await a.reload();
  await expect(a.getByLabel("Background", { exact: true })).toHaveValue("Written in tab B.");
});

test("trash, restore, and erase for good", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const title = `To the trash ${Date.now()}`;
  const editor = await captureOnHome(page, title);
  const storyUrl = editor.replace(/\/edit$/, "");
  await page.goto(editor);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();
  await page.goto("/stories");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  await page.goto("/stories/trash");
  await page.getByRole("button", { name: `Restore “${title}”` }).click();
  await expect(page.getByText(title)).toHaveCount(0);
  await page.goto("/stories");
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  await page.goto(editor);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await page.getByRole("button", { name: `Erase “${title}” for good` }).click();
  const confirm = page.getByRole("dialog", { name: "Erase this story for good?" });
  await confirm.getByRole("button", { name: "Erase for good" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("listitem").filter({ hasText: title })).toHaveCount(0);
  const res = await page.goto(storyUrl);
  expect(res?.status()).toBe(404);
});

test("a follow-up comes due weeks later and leads to the right section of the editor", async ({ page }) => {
  test.setTimeout(180_000); // starts its own server twice
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ripple-followup-"));
  const port = await freePort();
  let server = await startServer(port, dataDir);
  const base = `http://localhost:${port}`;
  try {
    await signInAs(page, DEMO.employee, DEMO.password, base);
    await page.goto(`${base}/stories`);
    await page.getByRole("link", { name: "Community of practice call on escalation playbooks" }).click();
    await page.getByLabel("Remind me to add applied value").selectOption("2");
    await page.getByRole("button", { name: "Set reminder" }).click();
    await expect(page.getByText(/We will remind you on/)).toBeVisible();
    await page.goto(`${base}/`);
    await expect(page.getByText("Stories waiting for their next cycle")).toHaveCount(0);

    await server.stop();
    server = await startServer(port, dataDir, { RIPPLE_CLOCK_OFFSET_DAYS: "15" });
    // Two weeks on, the 12-hour session has ended: sign in again, as the person would.
    await signInAs(page, DEMO.employee, DEMO.password, base);
    await page.goto(`${base}/`);
    const link = page.getByRole("link", { name: "Add applied value to “Community of practice call on escalation playbooks”" });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/edit#cycle-applied$/);
    await expect(page.getByRole("region", { name: "3. Applied value" })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
