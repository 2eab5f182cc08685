import { mkdirSync } from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// API tokens end to end: a person creates a token on their profile and sees it once, a script
// uses it against /api/v1 (another HTTP client, no cookies), the profile shows its last use, the
// person revokes it and it stops working. The token section is photographed at phone and
// desktop width in both themes (test-results/screens) for a person to look at. The API
// reference page renders under the strict CSP.

const SHOTS = "test-results/screens";
mkdirSync(SHOTS, { recursive: true });

test("a person creates a token, uses it against /api/v1, revokes it, and it stops working", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signInAs(page, DEMO.employee);
  await page.goto("/profile");
  const section = page.locator("#api-tokens");
  await section.getByLabel("Name").fill("My script");
  await section.getByRole("checkbox", { name: /write/ }).check();
  await section.getByRole("button", { name: "Create token" }).click();
  const shown = section.getByTestId("new-api-token");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^rpl_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  const api = await playwrightRequest.newContext({ baseURL: baseURL! });
  const auth = { Authorization: `Bearer ${token}` };
  const list = await api.get("/api/v1/stories?limit=5", { headers: auth });
  expect(list.status()).toBe(200);
  const page1 = (await list.json()) as { items: { id: string; isAuthor: boolean }[]; next: string | null };
  expect(page1.items.length).toBeGreaterThan(0);
  const created = await api.post("/api/v1/stories", { headers: { ...auth, "Idempotency-Key": `e2e-${Date.now()}` }, data: { what: "Captured from a script" } });
  expect(created.status()).toBe(201);
  const story = (await created.json()) as { id: string; title: string; status: string };
  expect(story).toMatchObject({ title: "Captured from a script", status: "DRAFT" });
  const anonymous = await api.get("/api/v1/stories");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe("application/problem+json");

  // Shown once: after a reload only its prefix is left, with its last use.
  await page.reload();
  await expect(section.getByTestId("new-api-token")).toHaveCount(0);
  const row = section.getByRole("listitem").filter({ hasText: "My script" });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).not.toContainText(token);
  await expect(row).not.toContainText("Last used never");

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `${SHOTS}/api-tokens-${width}-${theme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });

  await row.getByRole("button", { name: /^Revoke My script/ }).click();
  await expect(row).toContainText("revoked");
  const after = await api.get("/api/v1/stories", { headers: auth });
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { status: number }).status).toBe(401);
  await api.dispose();
});

test("the API reference renders under the strict CSP, and the OpenAPI document is served", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/developers");
  await expect(page.getByRole("heading", { level: 1, name: "Ripple API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stories you may read" })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
