// `npm run bench:load [-- --pg postgresql://… --seconds 10 --connections 32 --soak]`: HTTP load on
// a production server (`next build` output, served by `npm start`), on loopback only, with
// autocannon, bounded in time: it stops by itself.
//
// For each database (a fresh embedded PGlite, then PostgreSQL when a URL is given with --pg, else
// BENCH_PG_URL or DATABASE_URL; use a database of its own: the demo organisation is seeded into it)
// it starts a server on --port (default 3102), signs in as the demo employee, and runs, one after
// the other, `--connections` connections for `--seconds` each:
// - the empty route, GET /api/ping (no session, no database): the floor;
// - GET /api/health (one query);
// - the signed-in home page, GET /;
// - quick capture: the home page's server action, posted as the browser posts it, each with a
//   new clientId;
// then all four at once (a quarter of the connections each). It prints req/s, p50/p95/p99 and each
// route's ratio to the empty route, and the server's memory (RSS of the launcher and of
// next-server) before and after. Then it stops the server and counts that every capture the
// server acknowledged is stored.
// --soak: the mixed workload runs for 10 minutes (--soak-seconds to change), with the memory
// sampled every minute.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../lib/db/demo";
import { databaseConfig, openDatabase } from "../lib/db/prisma";

const require = createRequire(import.meta.url);
// autocannon's own histogram decoder (its percentiles leave out p95)
const histUtil = require("autocannon/lib/histUtil") as { decodeHist: (s: string) => { getValueAtPercentile: (p: number) => number } };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const PORT = Number(arg("port") ?? 3102);
const SECONDS = Math.min(Number(arg("seconds") ?? 10), 120);
const CONNECTIONS = Math.min(Number(arg("connections") ?? 32), 256);
const SOAK = process.argv.includes("--soak");
const SOAK_SECONDS = Math.min(Number(arg("soak-seconds") ?? 600), 3600);
const ONLY = arg("only"); // "pglite" or "postgres"
const pgUrl = arg("pg") ?? process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = "ava@demo.ripple.test";
const log = (msg: string) => console.log(`[bench:load] ${msg}`);

// ---------------------------------------------------------------- the server and its memory

const tsxCli = require.resolve("tsx/cli");

function runScript(script: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [tsxCli, "--conditions=react-server", script], { stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${script} failed`);
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/start.ts"], {
    env: { ...env, PORT: String(PORT), NEXTAUTH_URL: BASE, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so that stopping it stops next-server too
  });
  return child;
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
  const until = Date.now() + timeoutMs; // a first start builds the app
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

/** The server's processes (the launcher and its descendants) with their resident memory. */
function memory(rootPid: number): { pid: number; name: string; rssMb: number }[] {
  const ps = spawnSync("ps", ["-eo", "pid=,ppid=,rss=,args="], { encoding: "utf8" }).stdout;
  const rows = ps
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), args: m[4]! }));
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (tree.has(r.pid) || !tree.has(r.ppid)) continue;
      tree.add(r.pid);
      grew = true;
    }
  }
  return rows
    .filter((r) => tree.has(r.pid))
    .map((r) => ({
      pid: r.pid,
      // tsx runs a script in a child node process: "tsx" is its command-line parent
      name: r.args.includes("next-server")
        ? "next-server"
        : r.args.includes("tsx/dist/cli")
          ? "tsx"
          : r.args.includes("start.ts")
            ? "launcher (scripts/start.ts)"
            : r.args.slice(0, 40),
      rssMb: Math.round(r.rss / 1024),
    }));
}

const showMemory = (label: string, rootPid: number) =>
  log(
    `memory ${label}: ${memory(rootPid)
      .map((p) => `${p.name} ${p.rssMb} MB`)
      .join(", ")}`,
  );

// ---------------------------------------------------------------- sign-in and the capture action

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

/** The id under which the build serves lib/actions/stories.ts's quickCaptureAction. */
function quickCaptureActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === "lib/actions/stories.ts" && v.exportedName === "quickCaptureAction");
  if (!found) throw new Error("quickCaptureAction is not in the build's server-reference-manifest.json");
  return found[0];
}

const BOUNDARY = "----ripple-bench-load";
/** The body React's encodeReply makes of (prevState, formData) for a form's useActionState action. */
function captureBody(clientId: string, n: number): string {
  const fields: [string, string][] = [
    ["_1_what", `Bench moment ${n}: a tip on load testing from a colleague`],
    ["_1_channel", ""],
    ["_1_link", ""],
    ["_1_startCycle", "IMMEDIATE"],
    ["_1_clientId", clientId],
    ["0", '[null,"$K1"]'],
  ];
  return fields.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
}

// ---------------------------------------------------------------- the workload

type Scenario = "empty route (/api/ping)" | "health (/api/health)" | "signed-in home (GET /)" | "quick capture (action)";
type Row = { database: string; phase: string; scenario: Scenario } & Measured;

function requestsFor(scenario: Scenario, cookie: string, actionId: string, acked: Set<string>, sent: Set<string>): autocannon.Options["requests"] {
  if (scenario === "empty route (/api/ping)") return [{ method: "GET", path: "/api/ping" }];
  if (scenario === "health (/api/health)") return [{ method: "GET", path: "/api/health" }];
  if (scenario === "signed-in home (GET /)") return [{ method: "GET", path: "/", headers: { cookie } }];
  return [
    {
      method: "POST",
      path: "/",
      setupRequest: (req) => {
        const clientId = randomUUID();
        sent.add(clientId);
        return {
          ...req,
          headers: {
            cookie,
            "next-action": actionId,
            accept: "text/x-component",
            origin: BASE,
            "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
            "x-bench-client-id": clientId,
          },
          body: captureBody(clientId, sent.size),
        };
      },
      // The action's answer names the story it stored: the bench keeps the ids it was told about.
      onResponse: (status, body) => {
        const m = status === 200 ? body.match(/"ok":true,"data":\{"id":"([0-9a-f-]{36})"\}/) : null;
        if (m) acked.add(m[1]!);
      },
    },
  ];
}

type Measured = { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

/** autocannon's percentiles skip p95, so all are read from its latency histogram (of the 2xx answers). */
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
  // Throughput counts the successful answers only.
  return { rps: raw["2xx"] / raw.duration, p50: at(50), p95: at(95), p99: at(99), errors: raw.errors + raw.timeouts, non2xx: raw.non2xx };
}

const SCENARIOS: Scenario[] = ["empty route (/api/ping)", "health (/api/health)", "signed-in home (GET /)", "quick capture (action)"];

async function benchDatabase(database: "PGlite" | "PostgreSQL", env: NodeJS.ProcessEnv, rows: Row[]) {
  log(`${database}: starting the server on ${BASE}`);
  const server = startServer(env);
  try {
    await waitReady(server);
    const cookie = await signIn();
    const actionId = quickCaptureActionId();
    const acked = new Set<string>();
    const sent = new Set<string>();
    // warm-up: every route once, so that the first measured requests do not compile or connect
    for (const s of SCENARIOS) await cannon(requestsFor(s, cookie, actionId, acked, sent), 4, 2);
    showMemory("at start", server.pid!);
    for (const s of SCENARIOS) {
      const r = await cannon(requestsFor(s, cookie, actionId, acked, sent), CONNECTIONS, SECONDS);
      rows.push({ database, phase: "alone", scenario: s, ...r });
      log(`${database} ${s}: ${Math.round(r.rps)} req/s, p95 ${r.p95} ms`);
    }
    const mixedSeconds = SOAK ? SOAK_SECONDS : SECONDS;
    const per = Math.max(1, Math.floor(CONNECTIONS / SCENARIOS.length));
    log(`${database}: mixed workload, ${per} connections per route, ${mixedSeconds} s${SOAK ? " (soak)" : ""}`);
    const sampler = SOAK ? setInterval(() => showMemory("during the soak", server.pid!), 60_000) : null;
    const mixed = await Promise.all(SCENARIOS.map((s) => cannon(requestsFor(s, cookie, actionId, acked, sent), per, mixedSeconds)));
    if (sampler) clearInterval(sampler);
    mixed.forEach((r, i) => rows.push({ database, phase: SOAK ? "soak" : "mixed", scenario: SCENARIOS[i]!, ...r }));
    showMemory("at end", server.pid!);
    await stopServer(server);
    // Every capture the server acknowledged is stored.
    const db = openDatabase(databaseConfig({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.RIPPLE_DATA_DIR!, poolMax: 2 }));
    try {
      const ids = [...acked];
      let stored = 0;
      for (let i = 0; i < ids.length; i += 1000) stored += await db.prisma.story.count({ where: { id: { in: ids.slice(i, i + 1000) } } });
      log(
        `${database}: ${sent.size} captures sent, ${acked.size} acknowledged (the others were still in flight when a phase ended), ${stored} of them stored${stored === acked.size ? " (all)" : " — MISSING " + (acked.size - stored)}`,
      );
      if (stored !== acked.size) process.exitCode = 1;
    } finally {
      await db.close();
    }
  } finally {
    await stopServer(server);
  }
}

function printTable(rows: Row[]) {
  const floor = (r: Row) => rows.find((x) => x.database === r.database && x.phase === r.phase && x.scenario === "empty route (/api/ping)")!.rps;
  const lines = [
    "| database | phase | route | req/s | p50 ms | p95 ms | p99 ms | ratio to empty route | errors / non-2xx |",
    "| -------- | ----- | ----- | ----: | -----: | -----: | -----: | -------------------: | ---------------: |",
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.phase} | ${r.scenario} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${(r.rps / floor(r)).toFixed(2)} | ${r.errors} / ${r.non2xx} |`,
    ),
  ];
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per route alone${SOAK ? `, ${SOAK_SECONDS} s soak` : ""}:\n\n${lines.join("\n")}\n`);
}

async function main() {
  const rows: Row[] = [];
  if (ONLY !== "postgres") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "ripple-bench-load-"));
    try {
      await benchDatabase("PGlite", { ...process.env, DATABASE_URL: "", RIPPLE_DATA_DIR: dataDir, RIPPLE_SEED_DEMO: "true" }, rows);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  if (ONLY !== "pglite") {
    if (!pgUrl) log("PostgreSQL: skipped (no --pg, BENCH_PG_URL or DATABASE_URL)");
    else {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "ripple-bench-load-"));
      try {
        const env = { ...process.env, DATABASE_URL: pgUrl, RIPPLE_DATA_DIR: dataDir };
        runScript("scripts/db-seed.ts", env); // migrations, and the demo organisation unless it is there
        await benchDatabase("PostgreSQL", env, rows);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  printTable(rows);
}

await main();
