// `npm run bench:lighthouse`: Lighthouse 12's performance and accessibility scores for sign-in,
// home, the story editor, team and reports, against a running production server (BASE_URL,
// default http://localhost:3000) with the demo organisation. Each page is audited as the demo
// person who uses it (the employee; the manager for /team; L&D for the organisation's reports):
// Playwright signs in, and Lighthouse sends that session's cookie. Chromium is driven headless
// through chrome-launcher (CHROMIUM_PATH, else /usr/bin/chromium). Lighthouse's default profile
// (a mid-range phone: simulated slow 4G and 4x CPU slowdown); `--desktop` for its desktop
// profile. `--runs N` (default 1) takes each page's median score. Targets (issue 12): >= 95
// performance, 100 accessibility; exits 1 when a page misses one. Failing audits are listed.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result } from "lighthouse";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const chromePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf("--runs") + 1] ?? 1) || 1;
const desktop = argv.includes("--desktop");
const TARGET = { performance: 95, accessibility: 100 };

/** Signs in as a demo person in Playwright's Chromium; returns the Cookie header of that session. */
async function sessionCookie(email: string): Promise<string> {
  const browser = await chromium.launch(chromePath ? { executablePath: chromePath } : {});
  const page = await browser.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("ripple-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  let editor = "/stories";
  if (email.startsWith("ava")) {
    await page.goto(`${base}/stories`);
    const href = await page.locator("a[href^='/stories/']:not([href='/stories/trash'])").first().getAttribute("href");
    if (href) editor = `${href}/edit`;
    storyEditor = editor;
  }
  const cookies = await page.context().cookies();
  await browser.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
let storyEditor = "/stories";

const employee = await sessionCookie("ava@demo.ripple.test");
const manager = await sessionCookie("marco@demo.ripple.test");
const lnd = await sessionCookie("lin@demo.ripple.test");
const pages: { name: string; path: string; cookie?: string }[] = [
  { name: "sign-in", path: "/sign-in" },
  { name: "home", path: "/", cookie: employee },
  { name: "editor", path: storyEditor, cookie: employee },
  { name: "team", path: "/team", cookie: manager },
  { name: "reports", path: "/reports", cookie: lnd },
];

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? NaN;
let missed = 0;
console.log(`Lighthouse ${desktop ? "desktop" : "mobile (default)"} profile, ${runs} run(s) per page, ${base}`);
console.log("page      performance  accessibility   FCP ms   LCP ms   TBT ms    CLS");
try {
  for (const p of pages) {
    const results: Result[] = [];
    for (let i = 0; i < runs; i++) {
      const flags: Flags = {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders: p.cookie ? { Cookie: p.cookie } : undefined,
      };
      const out = await lighthouse(`${base}${p.path}`, flags, desktop ? desktopConfig : undefined);
      if (!out) throw new Error(`Lighthouse gave no result for ${p.path}`);
      if (out.lhr.runtimeError) throw new Error(`${p.path}: ${out.lhr.runtimeError.message}`);
      if (new URL(out.lhr.finalDisplayedUrl).pathname !== p.path) throw new Error(`${p.path} ended at ${out.lhr.finalDisplayedUrl} (not signed in?)`);
      results.push(out.lhr);
    }
    const score = (lhr: Result, c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const perf = median(results.map((r) => score(r, "performance")));
    const a11y = median(results.map((r) => score(r, "accessibility")));
    const mid = results.find((r) => score(r, "performance") === perf)!;
    const flag = perf < TARGET.performance || a11y < TARGET.accessibility ? "  BELOW TARGET" : "";
    if (flag) missed++;
    console.log(
      `${p.name.padEnd(9)} ${String(perf).padStart(11)} ${String(a11y).padStart(14)} ${ms(mid, "first-contentful-paint").toFixed(0).padStart(8)} ${ms(mid, "largest-contentful-paint").toFixed(0).padStart(8)} ${ms(mid, "total-blocking-time").toFixed(0).padStart(8)} ${ms(mid, "cumulative-layout-shift").toFixed(3).padStart(6)}${flag}`,
    );
    for (const r of results)
      for (const c of ["accessibility", "performance"])
        for (const ref of r.categories[c]?.auditRefs ?? []) {
          const audit = r.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < (c === "accessibility" ? 1 : 0.9))
            console.log(`    ${c} · ${ref.id}: ${audit.displayValue ?? ""} (score ${audit.score})`);
        }
  }
} finally {
  chrome.kill();
}
process.exitCode = missed ? 1 : 0;
