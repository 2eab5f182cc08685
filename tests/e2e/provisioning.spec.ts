import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// Admin › Provisioning (SCIM): the admin makes a token, sees it once, the identity provider's
// request with it is answered; the token is not shown again after a reload; rotating makes a new
// one and the old one stops working. At phone and desktop width, both themes (screenshots in
// test-results/screens for a person to look at), with axe checks.

const SHOTS = "test-results/screens";
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, name: string, width: number) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an admin makes a provisioning token, sees it once, rotates it; the old one stops working", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAs(page, DEMO.admin);
  await page.goto("/admin/provisioning");
  await expect(page.getByRole("heading", { level: 1, name: "Provisioning (SCIM)" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "SCIM base URL" })).toHaveValue(/\/scim\/v2$/);

  // Make one (or rotate the one an earlier run made).
  await page.getByRole("button", { name: /^(Make a token|Rotate the token)$/ }).click();
  const shown = page.getByRole("textbox", { name: "Provisioning token" });
  await expect(shown).toHaveValue(/^rscim_[A-Za-z0-9_-]{43}$/);
  const first = await shown.inputValue();
  await expect(page.getByText("Copy the token now: it is shown only this once")).toBeVisible();

  // The identity provider's first request, with it.
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
  const list = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${DEMO.admin}"`)}`, bearer(first));
  expect(list.status()).toBe(200);
  expect(list.headers()["content-type"]).toContain("application/scim+json");
  expect(((await list.json()) as { totalResults: number }).totalResults).toBe(1);

  // Gone from the page once it is left; the status says when it was last used.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Provisioning token" })).toHaveCount(0);
  await expect(page.getByText(first)).toHaveCount(0);
  await expect(page.getByText(/Last used/)).toBeVisible();
  await expect(page.getByText(first.slice(0, 12) + "…")).toBeVisible();

  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `at ${width}px`).toBeLessThanOrEqual(0);
  }

  // Rotate: a new token, shown once; the old one is refused in SCIM's format.
  await page.getByRole("button", { name: "Rotate the token" }).click();
  await expect(page.getByRole("textbox", { name: "Provisioning token" })).not.toHaveValue(first);
  const second = await page.getByRole("textbox", { name: "Provisioning token" }).inputValue();
  expect(second).toMatch(/^rscim_/);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    await shoot(page, "admin-provisioning", width);
  }
  const refused = await request.get("/scim/v2/Users", bearer(first));
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
  expect((await request.get("/scim/v2/Users", bearer(second))).status()).toBe(200);
});
