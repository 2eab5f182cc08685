// `npm run bench:first-load`: first-load JavaScript per route, as a browser downloads it
// (compressed bytes over the wire and uncompressed size), measured in Chromium against a
// running production server (BASE_URL, default http://localhost:3000) as the demo employee.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch(executablePath ? { executablePath } : {});

type State = Awaited<ReturnType<Awaited<ReturnType<typeof browser.newContext>>["storageState"]>>;

/** Loads one route in a fresh context (empty cache) and sums the scripts it downloads. */
async function measure(path: string, storageState?: State) {
  const context = await browser.newContext(storageState ? { storageState } : {});
  const page = await context.newPage();
  const scripts: { wire: number; raw: number }[] = [];
  page.on("requestfinished", async (req) => {
    if (req.resourceType() !== "script") return;
    const sizes = await req.sizes();
    const body = await (await req.response())?.body().catch(() => undefined);
    scripts.push({ wire: sizes.responseBodySize, raw: body?.length ?? 0 });
  });
  await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  await context.close();
  const wire = scripts.reduce((s, x) => s + x.wire, 0);
  const raw = scripts.reduce((s, x) => s + x.raw, 0);
  return { path, files: scripts.length, wireKb: (wire / 1024).toFixed(1), rawKb: (raw / 1024).toFixed(1) };
}

let storyPath = "/stories";
let signedIn: State;
{
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("ava@demo.ripple.test");
  await page.getByLabel("Password").fill("ripple-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  await page.goto(`${base}/stories`);
  const href = await page.locator("a[href^='/stories/']:not([href='/stories/trash'])").first().getAttribute("href");
  if (href) storyPath = href;
  signedIn = await ctx.storageState();
  await ctx.close();
}

const rows = [];
for (const path of ["/sign-in", "/sign-up"]) rows.push(await measure(path));
for (const path of ["/", "/stories", storyPath, `${storyPath}/edit`, "/reflect", "/stories/trash"]) rows.push(await measure(path, signedIn));
await browser.close();
console.log("route                                          scripts  wire (KiB)  uncompressed (KiB)");
for (const r of rows) console.log(`${r.path.padEnd(46)} ${String(r.files).padStart(7)} ${r.wireKb.padStart(11)} ${r.rawKb.padStart(19)}`);
