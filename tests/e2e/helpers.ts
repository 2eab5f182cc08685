import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  employee: "ava@demo.ripple.test",
  teammate: "priya@demo.ripple.test",
  manager: "marco@demo.ripple.test",
  lnd: "lin@demo.ripple.test",
  admin: "sam@demo.ripple.test",
  password: "ripple-demo",
} as const;

export async function signIn(page: Page, email: string, password: string, base = "") {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string, password: string = DEMO.password, base = "") {
  await signIn(page, email, password, base);
  await expect(page.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
}

/** A TCP port nothing listens on right now, for a test's own server. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const started = new Set<ChildProcess>();
// A test that times out never reaches its `finally`: stop its servers when the worker exits.
process.on("exit", () => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

/** Starts an extra Ripple server (the production build) on its own port and data directory. */
export async function startServer(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess & { stop(): Promise<void> }> {
  const busy = await fetch(`http://localhost:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`port ${port} is already in use: a server from an earlier run is still up`);
  const child = spawn("node", ["scripts/e2e-serve.mjs"], {
    env: { ...process.env, E2E_PORT: String(port), RIPPLE_DATA_DIR: dataDir, KEEP_DATA: "1", ...env },
    stdio: "ignore",
    detached: true,
  });
  started.add(child);
  child.once("exit", () => started.delete(child));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://localhost:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Object.assign(child, {
    async stop() {
      // The whole process group must be gone, not only the script that started it: a Next.js
      // server shutting down gracefully still answers the browser's kept-alive connections,
      // so a restarted server's page could come from the old one (with the old clock).
      const groupAlive = () => {
        try {
          process.kill(-child.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 150 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive()) {
        process.kill(-child.pid!, "SIGKILL");
        for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
      }
      if (groupAlive()) throw new Error(`server on ${port} did not stop`);
    },
  });
}

/** axe-core finds no WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  // A dialog fading in, a toast sliding: colours measured mid-animation are not the page's. Wait
  // for the running finite animations to end (a spinner's infinite one never does), at most 2 s
  // (a long or stalled one must not hang the check).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.playState === "running" && a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join("; ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

/** A real 1x1 PNG. */
export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** Captures a moment through the home page form and returns the new story's editor URL. */
export async function captureOnHome(page: Page, what: string, channel = "Colleague"): Promise<string> {
  await page.goto("/");
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save moment" }) })
    .first();
  await form.getByLabel("What happened?").fill(what);
  await form.getByLabel("Where?").selectOption({ label: channel });
  await form.getByRole("button", { name: "Save moment" }).click();
  const link = form.getByRole("link", { name: "Grow this story" });
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

export async function waitForSaved(page: Page) {
  await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "saved", { timeout: 15_000 });
}
