// `npm run screenshots`: full-page screenshots of every page, at desktop (1280 px) and phone
// (375 px) width, in light theme (SCREEN_THEME=dark for the dark one, named *-dark.png), signed in
// as the person who uses each page, into test-results/screens/. SCREEN_PAGES=reports,team takes
// only those pages. Needs a running server with the demo organisation (BASE_URL, default http://localhost:3000).
import { mkdirSync, existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = "test-results/screens";
const theme = (process.env.SCREEN_THEME as "dark" | "light" | undefined) ?? "light";
const only = process.env.SCREEN_PAGES ? new Set(process.env.SCREEN_PAGES.split(",")) : null;
const wanted = (name: string) => !only || only.has(name);
const file = (name: string, tag: string) => `${out}/${name}-${tag}${theme === "dark" ? "-dark" : ""}.png`;
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
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
  const page = await context.newPage();
  for (const name of ["sign-in", "sign-up"]) {
    if (!wanted(name)) continue;
    await page.goto(`${base}/${name}`);
    await page.screenshot({ path: file(name, tag), fullPage: true });
  }
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
    if (!wanted(name)) continue;
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: file(name, tag), fullPage: true });
  }
  if (wanted("quick-capture")) {
    await page.goto(`${base}/`);
    await page.keyboard.press("c");
    await page.getByRole("dialog").waitFor();
    await page.screenshot({ path: file("quick-capture", tag) });
  }
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
      "lin@demo.ripple.test",
      [
        ["reports", "/reports"],
        ["reports-stories", "/reports/stories"],
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
    if (!paths.some(([name]) => wanted(name))) continue;
    const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
    const p = await ctx.newPage();
    await signIn(p, email);
    for (const [name, path] of paths) {
      if (!wanted(name)) continue;
      await p.goto(`${base}${path}`, { waitUntil: "networkidle" });
      await p.screenshot({ path: file(name, tag), fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
console.log(`Screenshots in ${out}/`);
