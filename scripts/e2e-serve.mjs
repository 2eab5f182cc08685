// Serves Ripple for the end-to-end tests: `npm start` on a fresh embedded database, with Slack's
// Web API answered by a stand-in on 127.0.0.1 (SLACK_API_URL), as the integration tests do
// (tests/support/slack-stub.ts): `auth.test` says a token `xoxb-<workspace id>-…` belongs to that
// workspace and refuses any other; every other method answers ok. Nothing leaves the machine.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3200";
const dataDir = process.env.RIPPLE_DATA_DIR ?? path.resolve("test-results", `e2e-data-${port}`);
if (!process.env.KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });

const slack = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    if (req.url?.startsWith("/api/auth.test")) {
      const team = /^Bearer xoxb-([TE][A-Z0-9]+)-/.exec(req.headers.authorization ?? "")?.[1];
      return res.end(JSON.stringify(team ? { ok: true, team_id: team, user_id: "U0BOT", bot_id: "B0BOT" } : { ok: false, error: "invalid_auth" }));
    }
    res.end(JSON.stringify({ ok: true }));
  });
});
await new Promise((resolve) => slack.listen(0, "127.0.0.1", () => resolve(undefined)));
const slackApiUrl = `http://127.0.0.1:${slack.address().port}/api/`;

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
  slack.close();
  process.exit(code ?? 0);
});
