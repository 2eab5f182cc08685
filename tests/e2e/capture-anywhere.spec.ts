// Capture from anywhere (issue 13, "the browser and the phone"), in a real browser against the
// production build: the bookmarklet from the profile, run on another site's page with a strict
// CSP; a Web Share Target POST from another site; a capture made offline in the installed app
// (service worker in control), kept, and sent once when the connection returns.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// The installable app's service worker is part of what is tested here (the config blocks it elsewhere).
test.use({ serviceWorkers: "allow" });

/** Another site, with a Content-Security-Policy stricter than most: no script of its own at all. */
const ELSEWHERE = "https://news.example";

async function serveElsewhere(page: Page, html: string, csp = "default-src 'none'; form-action *") {
  await page.route(`${ELSEWHERE}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "Content-Security-Policy": csp }, body: html }),
  );
}

/** The stories list filtered by a search, and how many of them carry `what`. */
async function expectStoredOnce(page: Page, what: string) {
  await page.goto(`/stories?q=${encodeURIComponent(what)}`);
  await expect(page.locator("main").getByText(what, { exact: true })).toHaveCount(1);
}

test("the bookmarklet: from another site's page (strict CSP), signed out, sign-in returns to the filled capture; one story", async ({ browser }) => {
  // The code, as the profile shows it to drag and to copy.
  const own = await browser.newContext();
  const profile = await own.newPage();
  await signInAs(profile, DEMO.employee);
  await profile.goto("/profile");
  const section = profile.locator("[data-slot=card]").filter({ has: profile.getByRole("heading", { name: "Capture from any page" }) });
  await expect(section.getByRole("link", { name: "Save to Ripple" })).toHaveAttribute("href", /^javascript:/);
  const code = await section.getByLabel("On a phone, or if dragging does not work").inputValue();
  expect(await section.getByRole("link", { name: "Save to Ripple" }).getAttribute("href")).toBe(code);
  expect(code).toContain(`"${new URL(profile.url()).origin}/capture"+'?title='`);
  await expectAccessible(profile);
  await own.close();

  // A signed-out browser on another site's article. A bookmark click runs its javascript:
  // address in the page (percent-decoded, exempt from the page's CSP); Playwright cannot click
  // a bookmark, so it runs the same code there.
  const context = await browser.newContext();
  const article = await context.newPage();
  const title = `Five ways to onboard remote hires ${Date.now()}`;
  await serveElsewhere(article, `<!doctype html><title>${title}</title><h1>Article</h1>`);
  await article.goto(`${ELSEWHERE}/2026/onboarding?utm=x`);
  const started = Date.now();
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    article.evaluate((js) => (0, eval)(decodeURIComponent(js.slice("javascript:".length))), code),
  ]);
  await popup.waitForLoadState();

  // Signed out: sign in first, then back to the same capture, still filled in.
  await expect(popup).toHaveURL(/\/sign-in\?next=%2Fcapture/);
  await popup.getByLabel("Email").fill(DEMO.employee);
  await popup.getByLabel("Password").fill(DEMO.password);
  await popup.getByRole("button", { name: "Sign in" }).click();
  await expect(popup.getByRole("heading", { name: "Capture a learning moment" })).toBeVisible();
  await expect(popup.getByLabel("What happened?")).toHaveValue(title);
  await expect(popup.getByLabel("Link (optional)")).toHaveValue(`${ELSEWHERE}/2026/onboarding?utm=x`);
  await expectAccessible(popup);

  const clicked = Date.now();
  await popup.getByRole("button", { name: "Save moment" }).click();
  await expect(popup.getByText(`Saved “${title}”.`)).toBeVisible();
  console.log(`bookmarklet → stored story: ${Date.now() - clicked} ms from "Save moment" (${Date.now() - started} ms from the bookmarklet, sign-in included)`);
  await expect(popup.getByRole("link", { name: "Grow this story" })).toBeVisible();
  await expectStoredOnce(popup, title);
  await context.close();
});

test("a Web Share Target POST from another site opens the filled capture and stores nothing until the person saves", async ({ page }) => {
  await signInAs(page, DEMO.employee);
  const shared = `Shared from my phone ${Date.now()}`;
  // What a phone's share sheet sends: a multipart POST of title, text and url to the manifest's action.
  await serveElsewhere(
    page,
    `<!doctype html><title>Share</title><form method="post" enctype="multipart/form-data" action="http://localhost:${new URL(page.url()).port}/api/capture/share">
      <input name="title" value="${shared}"><input name="text" value="Great thread https://social.example/@lin/42"><input name="url" value="">
      <button>Share</button></form>`,
  );
  await page.goto(`${ELSEWHERE}/share`);
  await page.getByRole("button", { name: "Share" }).click();
  await expect(page).toHaveURL(/\/capture\?title=/);
  await expect(page.getByLabel("What happened?")).toHaveValue(shared);
  await expect(page.getByLabel("Link (optional)")).toHaveValue("https://social.example/@lin/42");

  // Nothing stored by the POST itself.
  const check = await page.context().newPage();
  await check.goto(`/stories?q=${encodeURIComponent(shared)}`);
  await expect(check.locator("main").getByText(shared, { exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Save moment" }).click();
  await expect(page.getByText(`Saved “${shared}”.`)).toBeVisible();
  await expectStoredOnce(check, shared);
});

test("offline in the installed app: a capture is kept, shown as waiting, and sent once when the connection returns", async ({ page, context }) => {
  await signInAs(page, DEMO.employee);
  // The manifest is linked and installable: a share target, icons.
  const manifest = (await (await page.request.get("/manifest.webmanifest")).json()) as { share_target: { action: string; method: string }; icons: unknown[] };
  expect(manifest.share_target).toMatchObject({ action: "/api/capture/share", method: "post" });
  const sw = await page.request.get("/sw.js");
  expect(sw.headers()["service-worker-allowed"]).toBe("/");
  expect(sw.headers()["cache-control"]).toContain("no-cache");

  // The service worker controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  // The page's CSP is still the strict one.
  const csp = (await page.request.get("/")).headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[^']+' 'strict-dynamic'$/);
  expect(scriptSrc).not.toContain("unsafe-inline");

  const what = `Captured on the train ${Date.now()}`;
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save moment" }) })
    .first();
  await context.setOffline(true);
  await form.getByLabel("What happened?").fill(what);
  await form.getByRole("button", { name: "Save moment" }).click();
  await expect(form.getByText(`You are offline: “${what}” is kept on this device`)).toBeVisible();
  await expect(page.getByText("1 moment is waiting to be sent")).toBeVisible();
  await expect(form.getByLabel("What happened?")).toHaveValue("");

  // A page that cannot be fetched: the offline page, from the service worker.
  const other = await context.newPage();
  await other.goto("/stories");
  await expect(other.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await other.close();

  await context.setOffline(false);
  await expect(page.getByText(`Sent “${what}”.`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("waiting to be sent")).toHaveCount(0);
  await expectStoredOnce(page, what);
  // Nothing left in the outbox to send again.
  await page.goto("/");
  await page.waitForTimeout(1000);
  await expectStoredOnce(page, what);
});

test("screenshots of the capture page and the profile's section, 1280 and 375 px, both themes", async ({ browser }) => {
  test.skip(!process.env.SCREENS, "SCREENS=1 to take them");
  for (const theme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      await context.addCookies([{ name: "theme", value: theme, url: test.info().project.use.baseURL! }]);
      const page = await context.newPage();
      await signInAs(page, DEMO.employee);
      await page.goto(
        `/capture?title=${encodeURIComponent("Five ways to onboard remote hires")}&url=${encodeURIComponent("https://news.example/2026/onboarding")}`,
      );
      await expect(page.getByLabel("What happened?")).toHaveValue("Five ways to onboard remote hires");
      await page.screenshot({ path: `test-results/screens/capture-${width}-${theme}.png`, fullPage: true });
      await page.goto("/profile");
      const heading = page.getByRole("heading", { name: "Capture from any page" });
      await heading.scrollIntoViewIfNeeded();
      await expect(page.getByLabel("On a phone, or if dragging does not work")).not.toHaveValue("");
      await page.screenshot({ path: `test-results/screens/profile-${width}-${theme}.png`, fullPage: true });
      await context.close();
    }
  }
});
