// `npm run bench:api [-- --seconds 10 --connections 8 --port 3111]`: the REST API's throughput beside
// the page's, on a production server (`next build` output, served by `npm start`) on a fresh
// embedded database with the demo organisation, loopback only, bounded in time.
//
// It signs in as the demo employee, creates API tokens through the profile page's own server
// action (read scope, one per connection, so that the per-token rate limit of 600 requests at once
// then 10 a second does not cap the measure: any 429 is counted and printed), then runs, one after
// the other, `--connections` connections for `--seconds` each:
// - GET /stories (the signed-in page: the person's stories, server-rendered HTML);
// - GET /api/v1/stories?limit=25 (the API: the stories the person may read, JSON).
// It prints req/s and p50/p95/p99 of each and the API/page ratio.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../lib/db/demo";

const require = createRequire(import.meta.url);
const histUtil = require("autocannon/lib/histUtil") as { decodeHist: (s: string) => { getValueAtPercentile: (p: number) => number } };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const PORT = Number(arg("port") ?? 3111);
const SECONDS = Math.min(Math.max(Number(arg("seconds") ?? 10), 1), 60);
const CONNECTIONS = Math.min(Math.max(Number(arg("connections") ?? 8), 1), 64);
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = "ava@demo.ripple.test";
const log = (msg: string) => console.log(`[bench:api] ${msg}`);
const tsxCli = require.resolve("tsx/cli");

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/start.ts"], {
    env: { ...env, PORT: String(PORT), HOSTNAME: "127.0.0.1", NEXTAUTH_URL: BASE, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(child: ChildProcess, timeoutMs = 15 * 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error("the server exited before it was ready");
    try {
      if ((await fetch(`${BASE}/api/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the server did not answer in time");
}

async function signIn(): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`could not sign in as ${EMAIL} (${res.status})`);
  return session.split(";")[0]!;
}

/** The id under which the build serves lib/actions/api-tokens.ts's createApiTokenAction. */
function createTokenActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === "lib/actions/api-tokens.ts" && v.exportedName === "createApiTokenAction");
  if (!found) throw new Error("createApiTokenAction is not in the build's server-reference-manifest.json");
  return found[0];
}

const BOUNDARY = "----ripple-bench-api";
/** A token made as the profile's form makes it (React's encodeReply of (prevState, formData)). */
async function createToken(cookie: string, actionId: string, n: number): Promise<string> {
  const fields: [string, string][] = [
    ["_1_kind", "PERSONAL"],
    ["_1_name", `bench ${n}`],
    ["_1_scopes", "read"],
    ["_1_expiresInDays", "7"],
    ["0", '[null,"$K1"]'],
  ];
  const body = fields.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
  const res = await fetch(`${BASE}/profile`, {
    method: "POST",
    headers: { cookie, "next-action": actionId, accept: "text/x-component", origin: BASE, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  });
  const m = (await res.text()).match(/"token":"(rpl_[A-Za-z0-9_-]{43})"/);
  if (!m) throw new Error(`could not create an API token (${res.status})`);
  return m[1]!;
}

type Measured = { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

async function cannon(requests: autocannon.Options["requests"], connections: number, seconds: number): Promise<Measured> {
  const raw = (await autocannon({
    url: BASE,
    connections,
    duration: seconds,
    requests,
    timeout: 30,
    skipAggregateResult: true,
  } as autocannon.Options)) as unknown as {
    latencies: string;
    duration: number;
    "2xx": number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  const hist = histUtil.decodeHist(raw.latencies);
  const at = (p: number) => hist.getValueAtPercentile(p);
  return { rps: raw["2xx"] / raw.duration, p50: at(50), p95: at(95), p99: at(99), errors: raw.errors + raw.timeouts, non2xx: raw.non2xx };
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ripple-bench-api-"));
  const server = startServer({ ...process.env, DATABASE_URL: "", RIPPLE_DATA_DIR: dataDir, RIPPLE_SEED_DEMO: "true" });
  try {
    log(`starting the server on ${BASE}`);
    await waitReady(server);
    const cookie = await signIn();
    const actionId = createTokenActionId();
    const tokens: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) tokens.push(await createToken(cookie, actionId, i));
    let turn = 0;
    const page: autocannon.Options["requests"] = [{ method: "GET", path: "/stories", headers: { cookie } }];
    const api: autocannon.Options["requests"] = [
      {
        method: "GET",
        path: "/api/v1/stories?limit=25",
        setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${tokens[turn++ % tokens.length]}` } }),
      },
    ];
    // Warm-up: both once, so that nothing measured compiles or connects.
    await cannon(page, 2, 2);
    await cannon(api, 2, 2);
    const rows: [string, Measured][] = [];
    for (const [name, requests] of [
      ["page GET /stories", page],
      ["API GET /api/v1/stories", api],
    ] as const) {
      const r = await cannon(requests, CONNECTIONS, SECONDS);
      rows.push([name, r]);
      log(`${name}: ${Math.round(r.rps)} req/s, p95 ${r.p95} ms`);
    }
    const [pageRow, apiRow] = [rows[0]![1], rows[1]![1]];
    console.log(
      [
        "",
        `${CONNECTIONS} connections, ${SECONDS} s each, PGlite, the demo employee:`,
        "",
        "| route | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx |",
        "| ----- | ----: | -----: | -----: | -----: | ---------------: |",
        ...rows.map(([name, r]) => `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} / ${r.non2xx} |`),
        "",
        `API / page throughput: ${(apiRow.rps / pageRow.rps).toFixed(2)}×`,
        "",
      ].join("\n"),
    );
    if (apiRow.non2xx || pageRow.non2xx) log("some answers were not 2xx (a 429 means a token's budget ran out): they are left out of req/s");
  } finally {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
