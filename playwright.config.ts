import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download
// (`npx playwright install chromium`, where there is internet).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // A service worker in control takes the page's requests out of reach of `page.route` (a test
    // that cuts an answer would not cut it), depending on how soon it activated. Specs of the
    // installable app allow it themselves (tests/e2e/capture-anywhere.spec.ts).
    serviceWorkers: "block",
    launchOptions: executablePath ? { executablePath } : {},
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], ...(executablePath ? { launchOptions: { executablePath } } : {}) } }],
  // A production build (npm start builds when the sources changed) on a fresh embedded database.
  webServer: {
    command: "node scripts/e2e-serve.mjs",
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(E2E_PORT) },
  },
});
