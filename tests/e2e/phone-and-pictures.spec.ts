import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signInAs } from "./helpers";

// Issue 11 §6: every destination reachable at 375 px, filters that fold on a phone, and a
// network picture that fills its frame, names its people on hover or focus, and zooms.

const DESTINATIONS: Record<"employee" | "manager" | "lnd" | "admin", { label: string; url: RegExp; heading: RegExp }[]> = {
  employee: [],
  manager: [{ label: "Team", url: /\/team$/, heading: /^Team$/ }],
  lnd: [],
  admin: [{ label: "Admin", url: /\/admin$/, heading: /^People$/ }],
};
const EVERYONE = [
  { label: "My stories", url: /\/stories$/, heading: /^My stories$/ },
  { label: "Reflect", url: /\/reflect$/, heading: /^Weekly reflection$/ },
  { label: "Reports", url: /\/reports$/, heading: /./ },
  { label: "Home", url: /\/$/, heading: /^Hello,/ },
];

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

for (const role of ["employee", "manager", "lnd", "admin"] as const) {
  test(`on a 375 px phone the ${role} reaches every destination from the bottom bar, by touch and by keyboard`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await signInAs(page, DEMO[role]);
    const expected = [...EVERYONE, ...DESTINATIONS[role]];
    const bar = page.getByRole("navigation", { name: "Main" });
    // One "Main" navigation on a phone (the header's is hidden), every destination in it, nothing cut off.
    await expect(bar).toHaveCount(1);
    await expect(bar.getByRole("link")).toHaveCount(expected.length);
    for (const link of await bar.getByRole("link").all()) {
      await expect(link).toBeInViewport({ ratio: 1 });
    }
    if (role === "employee" || role === "lnd") {
      await expect(bar.getByRole("link", { name: "Team" })).toHaveCount(0);
      await expect(bar.getByRole("link", { name: "Admin" })).toHaveCount(0);
    }
    for (const d of expected) {
      await bar.getByRole("link", { name: d.label, exact: true }).click();
      await expect(page).toHaveURL(d.url);
      // (The organisation's report takes a while on a busy machine.)
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(d.heading, { timeout: 30_000 });
      await expect(bar.getByRole("link", { name: d.label, exact: true })).toHaveAttribute("aria-current", "page");
      await noSidewaysScroll(page);
    }
    await expectAccessible(page);

    // By keyboard: Tab reaches the bar, Enter follows the link.
    const last = expected.at(-2)!; // not Home: we are there
    await page.getByRole("link", { name: last.label, exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(last.url);
    // The bar does not hide the end of the page: scrolled to the bottom, the footer's words sit above it.
    // (Polled: the page's sections stream in after the navigation and push the footer down.)
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(last.heading, { timeout: 30_000 });
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
            const footer = document.querySelector("footer")!;
            const range = document.createRange();
            range.selectNodeContents(footer);
            const text = range.getBoundingClientRect();
            const bar = document.querySelector("[data-slot=bottom-nav]")!.getBoundingClientRect();
            return text.bottom > 0 && text.bottom <= bar.top ? "above the bar" : `text bottom ${text.bottom}, bar top ${bar.top}`;
          }),
        { timeout: 30_000 },
      )
      .toBe("above the bar");
  });
}

test("at 1280 px the header holds the navigation and the bottom bar is gone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, DEMO.manager);
  await expect(page.locator("[data-slot=bottom-nav]")).toBeHidden();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toHaveCount(1);
  await expect(nav.getByRole("link")).toHaveText(["Home", "My stories", "Reflect", "Reports", "Team"]);
});

test("the team filters fold away on a phone and are open on a desktop", async ({ page }) => {
  await signInAs(page, DEMO.manager);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/team?cycle=POTENTIAL");
  const summary = page.locator("summary", { hasText: "Filters" });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("1 active");
  await expect(page.getByLabel("Person")).toBeHidden();
  // The shared stories come first on the phone's first screen.
  await expect(page.getByRole("heading", { name: /Shared stories/ })).toBeInViewport();
  await summary.click();
  await expect(page.getByLabel("Person")).toBeVisible();
  await expect(page.getByLabel("Furthest cycle")).toHaveValue("POTENTIAL");
  await noSidewaysScroll(page);
  await expectAccessible(page);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/team");
  await expect(page.getByLabel("Person")).toBeVisible();
  await expectAccessible(page);
});

for (const width of [1280, 375]) {
  test(`the network picture fills its frame, names people on focus and hover, and zooms (${width} px)`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    // Marco's report (his reporting line) holds Ava's three demo stories and the people who helped.
    await signInAs(page, DEMO.manager);
    await page.goto("/reports?period=all");
    const region = page.getByRole("region", { name: "Network" });
    const frame = region.locator("[data-slot=network-frame]");
    const picture = region.getByRole("group", { name: /^Network picture/ });
    await picture.scrollIntoViewIfNeeded();

    // It fills its frame: the drawing is as wide as the frame, and the nodes spread over it.
    const frameBox = (await frame.boundingBox())!;
    const svgBox = (await picture.boundingBox())!;
    expect(Math.abs(svgBox.width - frameBox.width)).toBeLessThanOrEqual(2);
    const boxes = await picture
      .locator("[data-node] circle")
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
    expect(boxes.length).toBeGreaterThanOrEqual(6);
    const spreadX = Math.max(...boxes.map((b) => b.r)) - Math.min(...boxes.map((b) => b.l));
    const spreadY = Math.max(...boxes.map((b) => b.b)) - Math.min(...boxes.map((b) => b.t));
    expect(Math.max(spreadX / frameBox.width, spreadY / frameBox.height)).toBeGreaterThan(0.6);

    // People and stories have names; one tab stop leads into the picture.
    await expect(picture.getByRole("img", { name: /^Ava Patel, Support EMEA: wrote \d+ stor/ })).toHaveCount(1);
    await expect(picture.getByRole("img", { name: /^@opendata_jo, outside \(Mastodon\): helped with 1 story$/ })).toHaveCount(1);
    await expect(picture.getByRole("link", { name: /^Story: An agency's urgent question/ })).toHaveCount(1);
    const label = frame.locator("[data-slot=network-label]");
    await expect(label).toHaveCount(0);
    await region.getByRole("button", { name: "Zoom in" }).focus();
    await page.keyboard.press("Tab");
    const first = picture.locator("[data-node]").first();
    await expect(first).toBeFocused();
    const firstName = (await first.getAttribute("aria-label"))!;
    await expect(label).toHaveText(firstName);
    await page.keyboard.press("ArrowRight");
    const second = picture.locator("[data-node]").nth(1);
    await expect(second).toBeFocused();
    await expect(label).toHaveText((await second.getAttribute("aria-label"))!);
    await page.keyboard.press("Home");
    await expect(first).toBeFocused();
    await expectAccessible(page);

    // Hover names too.
    await page.keyboard.press("Escape");
    await first.blur();
    const node = picture.getByRole("img", { name: /^Priya Shah/ });
    await node.locator("circle").hover();
    await expect(label).toHaveText(/^Priya Shah, Support EMEA: (wrote \d+ stor(y|ies), )?helped with \d+ stor(y|ies)$/);

    // Zoom: buttons, then Ctrl + wheel over the picture; "Fit" returns.
    const zoom = async () => Number(await picture.getAttribute("data-zoom"));
    expect(await zoom()).toBe(1);
    await region.getByRole("button", { name: "Zoom in" }).click();
    expect(await zoom()).toBe(1.5);
    const before = (await node.locator("circle").boundingBox())!.width;
    await region.getByRole("button", { name: "Zoom in" }).click();
    expect(await zoom()).toBe(2.25);
    expect((await node.locator("circle").boundingBox())!.width).toBeGreaterThan(before * 1.4);
    await region.getByRole("button", { name: "Zoom out" }).click();
    expect(await zoom()).toBe(1.5);
    await page.mouse.move(svgBox.x + svgBox.width / 2, svgBox.y + svgBox.height / 2);
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    await expect.poll(zoom).toBeGreaterThan(1.5);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await region.getByRole("button", { name: "Fit the picture" }).click();
    expect(await zoom()).toBe(1);
    await noSidewaysScroll(page);
  });
}

// Screenshots of the changed pages, both widths and both themes (looked at by hand; kept in test-results/screens).
for (const theme of ["light", "dark"] as const) {
  for (const width of [1280, 375]) {
    test(`screenshots: story list, reports and navigation (${theme}, ${width} px)`, async ({ browser }) => {
      test.setTimeout(90_000);
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      const ava = await context.newPage();
      await signInAs(ava, DEMO.employee);
      await ava.goto("/stories?q=Mastodon");
      await expect(ava.locator("[data-slot=search-snippet]").first()).toBeVisible();
      await ava.screenshot({ path: `test-results/screens/stories-${theme}-${width}.png`, fullPage: false });
      await ava.close();
      await context.clearCookies();
      const page = await context.newPage();
      await signInAs(page, DEMO.manager);
      await page.goto("/team");
      await page.screenshot({ path: `test-results/screens/team-${theme}-${width}.png`, fullPage: false });
      await page.goto("/reports?period=all");
      const network = page.getByRole("region", { name: "Network" });
      await network.scrollIntoViewIfNeeded();
      await network.getByRole("button", { name: "Zoom in" }).focus();
      await page.keyboard.press("Tab");
      await network.screenshot({ path: `test-results/screens/network-${theme}-${width}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screens/reports-${theme}-${width}.png`, fullPage: false });
      await context.close();
    });
  }
}
