// `npm run bench:first-load`: first-load JavaScript per route, as a browser downloads it
// (compressed bytes over the wire and uncompressed size), measured in Chromium against a
// running production server (BASE_URL, default http://localhost:3000), each route signed in as
// the demo person who uses it (the employee; the manager for /team; L&D for the reports, the
// whole organisation's; the admin for /admin). Every script the page loads by itself counts
// (until the network is idle), in a fresh context with an empty cache. Flags every route over
// the budget (150 KiB gzip, issue 12) and exits 1 when one is over.
// `--files`: also lists each route's scripts, biggest first (what to look at).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

const BUDGET_KIB = 150;
const base = process.env.BASE_URL ?? "http://localhost:3000";
const listFiles = process.argv.includes("--files");
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser: Browser = await chromium.launch(executablePath ? { executablePath } : {});
const PASSWORD = "ripple-demo";

type State = Awaited<ReturnType<Awaited<ReturnType<typeof browser.newContext>>["storageState"]>>;
type Script = { url: string; wire: number; raw: number };

/** Loads one route in a fresh context (empty cache) and sums the scripts it downloads. */
async function measure(path: string, storageState?: State) {
  const context = await browser.newContext(storageState ? { storageState } : {});
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const scripts: Script[] = [];
  page.on("requestfinished", (req) => {
    if (req.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const sizes = await req.sizes();
        const body = await (await req.response())?.body().catch(() => undefined);
        scripts.push({ url: new URL(req.url()).pathname, wire: sizes.responseBodySize, raw: body?.length ?? 0 });
      })(),
    );
  });
  const res = await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  const landed = new URL(page.url()).pathname;
  await Promise.all(pending);
  await context.close();
  if (!res?.ok() || landed !== path.split("?")[0]) throw new Error(`${path}: answered ${res?.status()} at ${landed}`);
  const wire = scripts.reduce((s, x) => s + x.wire, 0);
  const raw = scripts.reduce((s, x) => s + x.raw, 0);
  return { path, scripts: scripts.sort((a, b) => b.wire - a.wire), wireKib: wire / 1024, rawKib: raw / 1024 };
}

async function signIn(email: string): Promise<State> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}

const employee = await signIn("ava@demo.ripple.test");
let storyPath = "/stories";
{
  const ctx = await browser.newContext({ storageState: employee });
  const page = await ctx.newPage();
  await page.goto(`${base}/stories`);
  const href = await page.locator("a[href^='/stories/']:not([href='/stories/trash'])").first().getAttribute("href");
  if (href) storyPath = href;
  await ctx.close();
}
const manager = await signIn("marco@demo.ripple.test");
const lnd = await signIn("lin@demo.ripple.test");
const admin = await signIn("sam@demo.ripple.test");

const routes: [string, State | undefined][] = [
  ["/sign-in", undefined],
  ["/sign-up", undefined],
  ["/forgot-password", undefined],
  ...["/", "/stories", storyPath, `${storyPath}/edit`, "/reflect", "/stories/trash", "/notifications", "/profile"].map((p) => [p, employee] as [string, State]),
  ["/team", manager],
  ["/reports", lnd],
  ["/reports/stories", lnd],
  ...["/admin", "/admin/teams", "/admin/invites", "/admin/settings", "/admin/audit"].map((p) => [p, admin] as [string, State]),
];
const rows = [];
for (const [path, state] of routes) rows.push(await measure(path, state));
await browser.close();

const kib = (n: number) => n.toFixed(1);
console.log(`First-load JS per route (${base}), budget ${BUDGET_KIB} KiB gzip`);
console.log("route                                          scripts  wire (KiB)  uncompressed (KiB)");
for (const r of rows) {
  const over = r.wireKib > BUDGET_KIB ? `  OVER BUDGET (+${kib(r.wireKib - BUDGET_KIB)} KiB)` : "";
  console.log(`${r.path.padEnd(46)} ${String(r.scripts.length).padStart(7)} ${kib(r.wireKib).padStart(11)} ${kib(r.rawKib).padStart(19)}${over}`);
  if (listFiles) for (const s of r.scripts) console.log(`    ${kib(s.wire / 1024).padStart(7)} ${kib(s.raw / 1024).padStart(8)}  ${s.url}`);
}
const over = rows.filter((r) => r.wireKib > BUDGET_KIB);
console.log(over.length ? `${over.length} route(s) over ${BUDGET_KIB} KiB: ${over.map((r) => r.path).join(", ")}` : `Every route is within ${BUDGET_KIB} KiB.`);
process.exitCode = over.length ? 1 : 0;
