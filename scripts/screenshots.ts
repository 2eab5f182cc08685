// `npm run screenshots`: full-page screenshots of every page, at desktop (1280 px) and phone
// (375 px) width, in light theme, signed in as the demo employee, into test-results/screens/.
// Needs a running server with the demo organisation (BASE_URL, default http://localhost:3000).
import { mkdirSync, existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = "test-results/screens";
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch(executablePath ? { executablePath } : {});

async function signIn(page: Page, email = "ava@demo.ripple.test") {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("ripple-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
}

for (const [width, height, tag] of [
  [1280, 900, "desktop"],
  [375, 812, "phone"],
] as const) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: (process.env.SCREEN_THEME as "dark" | "light") ?? "light" });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.screenshot({ path: `${out}/sign-in-${tag}.png`, fullPage: true });
  await page.goto(`${base}/sign-up`);
  await page.screenshot({ path: `${out}/sign-up-${tag}.png`, fullPage: true });
  await signIn(page);
  const story = await page.locator("a[href^='/stories/']").first().getAttribute("href");
  const pages: [string, string][] = [
    ["home", "/"],
    ["stories", "/stories"],
    ["stories-search", "/stories?q=template"],
    ["story", story ?? "/stories"],
    ["editor", `${story}/edit`],
    ["reflect", "/reflect"],
    ["trash", "/stories/trash"],
  ];
  for (const [name, path] of pages) {
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: `${out}/${name}-${tag}.png`, fullPage: true });
  }
  await page.goto(`${base}/`);
  await page.keyboard.press("c");
  await page.getByRole("dialog").waitFor();
  await page.screenshot({ path: `${out}/quick-capture-${tag}.png` });
  await context.close();

  // A manager's and an admin's pages.
  for (const [email, paths] of [
    [
      "marco@demo.ripple.test",
      [
        ["team", "/team"],
        ["notifications", "/notifications"],
      ],
    ],
    [
      "sam@demo.ripple.test",
      [
        ["admin", "/admin"],
        ["admin-teams", "/admin/teams"],
        ["admin-invites", "/admin/invites"],
        ["admin-settings", "/admin/settings"],
        ["admin-audit", "/admin/audit"],
      ],
    ],
  ] as const) {
    const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: (process.env.SCREEN_THEME as "dark" | "light") ?? "light" });
    const p = await ctx.newPage();
    await signIn(p, email);
    for (const [name, path] of paths) {
      await p.goto(`${base}${path}`, { waitUntil: "networkidle" });
      await p.screenshot({ path: `${out}/${name}-${tag}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
console.log(`Screenshots in ${out}/`);
