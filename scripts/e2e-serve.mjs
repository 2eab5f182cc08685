// Serves Ripple for the end-to-end tests: `npm start` on a fresh embedded database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3200";
const dataDir = process.env.RIPPLE_DATA_DIR ?? path.resolve("test-results", `e2e-data-${port}`);
if (!process.env.KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
const child = spawn("npm", ["start"], {
  stdio: "inherit",
  env: { ...process.env, PORT: port, RIPPLE_DATA_DIR: dataDir, NEXTAUTH_URL: `http://localhost:${port}`, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
