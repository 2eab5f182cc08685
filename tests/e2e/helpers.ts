import { spawn, type ChildProcess } from "node:child_process";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  employee: "ava@demo.ripple.test",
  manager: "marco@demo.ripple.test",
  lnd: "lin@demo.ripple.test",
  admin: "sam@demo.ripple.test",
  password: "ripple-demo",
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string, password: string = DEMO.password) {
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: /^Hello,/ })).toBeVisible();
}

/** Starts an extra Ripple server (the production build) on its own port and data directory. */
export async function startServer(port: number, dataDir: string): Promise<ChildProcess & { stop(): Promise<void> }> {
  const child = spawn("node", ["scripts/e2e-serve.mjs"], {
    env: { ...process.env, E2E_PORT: String(port), RIPPLE_DATA_DIR: dataDir, KEEP_DATA: "1" },
    stdio: "ignore",
    detached: true,
  });
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
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  });
}
