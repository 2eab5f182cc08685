// Admin › Webhooks in a real browser: an admin adds an endpoint, sees its signing secret once,
// sends a test event and sees the delivery listed. The server runs in production mode, so only
// public https addresses are accepted: example.com's IP literal (IANA's address for examples; no
// DNS needed; its certificate does not name the IP, so the TLS handshake fails and nothing is
// sent), and a loopback address that is refused.
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

const ENDPOINT = "https://93.184.215.14/ripple-e2e";

test("an admin adds an endpoint, sees the secret once, sends a test event and sees the delivery", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, DEMO.admin);
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add an endpoint" });
  // A loopback address is refused, with the reason, and what was typed is kept.
  await form.getByLabel("Endpoint URL").fill("https://127.0.0.1/hook");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByText(/private or reserved address/)).toBeVisible();
  await expect(form.getByLabel("Endpoint URL")).toHaveValue("https://127.0.0.1/hook");

  await form.getByLabel("Endpoint URL").fill(ENDPOINT);
  await form.getByLabel("Description").fill("Data warehouse");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const secretBox = page.getByTestId("webhook-secret");
  await expect(secretBox).toContainText(/whsec_[A-Za-z0-9+/=]{32}/);
  const secret = (await secretBox.getByLabel("Signing secret").textContent()) ?? "";
  await expectAccessible(page);

  // Shown once: after a reload, the page has the endpoint but not the secret.
  await page.reload();
  await expect(page.getByText(ENDPOINT)).toBeVisible();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret.trim());

  await page
    .getByRole("form", { name: `Send a test event to ${ENDPOINT}` })
    .getByRole("button", { name: "Send test event" })
    .click();
  await expect(page.getByText("Test event queued: see Deliveries.")).toBeVisible();
  await page.reload();
  const deliveries = page.getByRole("list", { name: "Deliveries" });
  await expect(deliveries.getByText("ripple.test").first()).toBeVisible();
  await expect(deliveries.getByText(ENDPOINT).first()).toBeVisible();

  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/admin/webhooks");
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expectAccessible(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/admin-webhooks-${width}-${theme}.png`, fullPage: true });
    }
  }

  // Tidy: the demo organisation is shared by other specs.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page
    .getByRole("form", { name: `Delete ${ENDPOINT}` })
    .getByRole("button", { name: "Delete" })
    .click();
  // The endpoint, and its deliveries with it, are gone (its row, and the message in it, with them).
  await expect(page.getByText(ENDPOINT)).toHaveCount(0);
});
