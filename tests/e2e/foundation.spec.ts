import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, freePort, signIn, signInAs, startServer } from "./helpers";

test("a newcomer creates an organisation and lands on their home page as its admin", async ({ page }) => {
  const email = `founder-${Date.now()}@acme.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("Acme Learning");
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organisation" }).click();
  // A clear message, and nothing typed is lost.
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 10 characters for your password\./);
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Organisation")).toHaveValue("Acme Learning");
  await expect(page.getByLabel("Work email")).toHaveValue(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Grace" })).toBeVisible();
  await page.getByRole("button", { name: /Account: Grace Hopper/ }).click();
  await expect(page.getByText("Admin · Acme Learning")).toBeVisible();
});

test("a demo employee signs in and sees their stories", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  await page.getByRole("link", { name: "My stories" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My stories" })).toBeVisible();
  await expect(page.getByRole("link", { name: /urgent question answered by my network/ })).toBeVisible();
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await signIn(page, DEMO.manager, "not-the-password");
  await expect(page.locator("#sign-in-error")).toContainText("That email and password do not match");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.manager);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("quick capture from the keyboard shortcut, then the story is in My stories", async ({ page }) => {
  await signInAs(page, DEMO.lnd);
  const what = `Conference hallway tip on peer coaching ${Date.now()}`;
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "Capture a learning moment" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("What happened?").fill(what);
  await dialog.getByLabel("Where?").selectOption({ label: "Conference or event" });
  await dialog.getByLabel("Link (optional)").fill("https://example.org/coaching");
  await dialog.getByRole("button", { name: "Save moment" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "My stories" }).first().click();
  await page.getByRole("link", { name: what }).click();
  await expect(page.getByRole("heading", { level: 1, name: what })).toBeVisible();
  // The author's value chain: each cycle leads to its section of the editor.
  await expect(page.getByRole("list", { name: "Value chain: reaches immediate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit 3. Applied value (not yet)" })).toHaveAttribute("href", /\/edit#cycle-applied$/);
  await expect(page.getByRole("link", { name: "https://example.org/coaching" })).toBeVisible();
});

test("a captured story survives a server restart", async ({ page }) => {
  test.setTimeout(180_000); // starts its own server twice
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ripple-restart-"));
  const port = await freePort();
  let server = await startServer(port, dataDir);
  const base = `http://localhost:${port}`;
  try {
    await signInAs(page, DEMO.employee, DEMO.password, base);
    const what = `Kept across restarts ${Date.now()}`;
    const form = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Save moment" }) })
      .first();
    await form.getByLabel("What happened?").fill(what);
    await form.getByLabel("Where?").selectOption({ label: "Colleague" });
    await form.getByRole("button", { name: "Save moment" }).click();
    await expect(form.getByRole("status")).toContainText(`Saved “${what}”.`);

    await server.stop();
    server = await startServer(port, dataDir);

    // The session cookie survives too: the secret is kept in the data directory.
    await page.goto(`${base}/stories`);
    await expect(page.getByRole("link", { name: what })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("health reports the app and the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
  expect(body.database.migrations).toBeGreaterThan(0);
});

test("pages carry a strict content security policy", async ({ request }) => {
  const res = await request.get("/sign-in");
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(res.headers()["x-frame-options"]).toBe("DENY");
});
