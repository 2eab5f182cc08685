// Serves Ripple for the end-to-end tests: `npm start` on a fresh embedded database, with Slack's
// Web API answered by the integration tests' stand-in on 127.0.0.1 (scripts/slack-stub.mjs, as
// SLACK_API_URL): `auth.test` says a token `xoxb-<workspace id>-…` belongs to that workspace and
// refuses any other. Nothing leaves the machine.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startSlackStub } from "./slack-stub.mjs";

const port = process.env.E2E_PORT ?? "3200";
const dataDir = process.env.RIPPLE_DATA_DIR ?? path.resolve("test-results", `e2e-data-${port}`);
if (!process.env.KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });

const slack = await startSlackStub();
const slackApiUrl = `${slack.url}/api/`;

const child = spawn("npm", ["start"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    RIPPLE_DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://localhost:${port}`,
    DATABASE_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
    SLACK_API_URL: slackApiUrl,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => {
  void slack.close();
  process.exit(code ?? 0);
});
