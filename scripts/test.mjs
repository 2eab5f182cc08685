// `npm test`: the three layers in turn (unit, integration on PGlite, end-to-end in Chromium
// against a production build); then one summary (scripts/test-summary.mjs). For each layer it
// first lists the planned tests, then runs them with a JSON report, and records how each
// command ended, so that the summary can count a crashed file, an error outside the tests or a
// non-zero exit as the failures they are. A failing layer does not stop the others. Exits
// non-zero when anything failed.
//
// `node scripts/test.mjs LAYER...` runs some layers, including those CI adds (.ci/run):
// integration-pg (on the PostgreSQL server named by TEST_PG_URL) and the unit and integration
// suites under Debian's faketime a year ahead and a year back (*-year-ahead, *-year-back);
// integration-replica (a primary, TEST_PG_REPLICA_PRIMARY_URL, with its streaming replica,
// TEST_PG_REPLICA_URL) and integration-pgbouncer (through PgBouncer, TEST_PGBOUNCER_URL, the job
// queue directly on the server, TEST_PGBOUNCER_DIRECT_URL); and
// check: `npm run typecheck`, `npm run lint` (ESLint with the layer boundaries) and
// `npm run format:check` (Prettier), one test each.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { layerFiles, summarize } from "./test-summary.mjs";

const vitest = (project, opts = {}) => ({ runner: "vitest", project, ...opts });
export const LAYERS = {
  check: { runner: "check" },
  unit: vitest("unit"),
  integration: vitest("integration"),
  e2e: { runner: "playwright" },
  "integration-pg": vitest("integration", { database: "TEST_PG_URL" }),
  "integration-replica": vitest("integration", { database: "TEST_PG_REPLICA_PRIMARY_URL", replica: "TEST_PG_REPLICA_URL" }),
  // The job queue (pg-boss) holds a session-level lock and a pool of its own, which PgBouncer's
  // transaction pooling cannot carry: it connects to the server itself (TEST_PGBOUNCER_DIRECT_URL,
  // the same database; DATABASE_DIRECT_URL in production) while everything else goes through PgBouncer.
  "integration-pgbouncer": vitest("integration", { database: "TEST_PGBOUNCER_URL", direct: "TEST_PGBOUNCER_DIRECT_URL" }),
  "unit-year-ahead": vitest("unit", { faketime: "+365d" }),
  "integration-year-ahead": vitest("integration", { faketime: "+365d" }),
  "unit-year-back": vitest("unit", { faketime: "-365d" }),
  "integration-year-back": vitest("integration", { faketime: "-365d" }),
};
const DEFAULT = ["unit", "integration", "e2e"];

function commands(name, layer) {
  const f = layerFiles(name);
  if (layer.runner === "playwright") {
    return {
      list: { cmd: ["npx", "playwright", "test", "--list", "--reporter=json"], env: { PLAYWRIGHT_JSON_OUTPUT_FILE: f.plan } },
      // playwright.config.ts writes test-results/e2e.json.
      run: { cmd: ["npx", "playwright", "test"], env: {} },
    };
  }
  const project = ["--project", layer.project, ...(layer.exclude ?? []).flatMap((file) => ["--exclude", file])];
  return {
    list: { cmd: ["npx", "vitest", "list", ...project, `--json=${f.plan}`], env: {} },
    run: {
      cmd: [
        "npx",
        "vitest",
        "run",
        ...project,
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${f.report}`,
        "--reporter=./scripts/vitest-errors-reporter.mjs",
      ],
      env: { RIPPLE_TEST_ERRORS_FILE: f.errors },
    },
  };
}

/** The checks of the layer "check": npm scripts (package.json), each counted as one test. */
export const CHECKS = {
  typecheck: (output) => {
    const errors = (output.match(/error TS\d+/g) ?? []).length;
    return errors ? `${errors} type error${errors === 1 ? "" : "s"}` : "";
  },
  // ESLint's closing line: "✖ 3 problems (2 errors, 1 warning)".
  lint: (output) => /✖ (\d+ problems? \(.*\))/.exec(output.replace(/\u001b\[[0-9;]*m/g, ""))?.[1] ?? "",
  // Prettier's closing line: "[warn] Code style issues found in 2 files. Run Prettier with --write to fix."
  "format:check": (output) => /Code style issues found in (?:the above file|\d+ files?)/.exec(output)?.[0] ?? "",
};

/** Runs the checks one after another, printing their output; the report says how each ended. */
function runChecks(name, env) {
  const f = layerFiles(name);
  const started = performance.now();
  const names = Object.keys(CHECKS);
  writeFileSync(f.plan, JSON.stringify(names, null, 2));
  const checks = [];
  for (const check of names) {
    console.log(`\n--- npm run ${check}`);
    const ran = spawnSync("npm", ["run", check], { stdio: ["ignore", "pipe", "pipe"], env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const output = `${ran.stdout ?? ""}${ran.stderr ?? ""}`;
    process.stdout.write(output);
    const exitCode = ran.status ?? (ran.error ? 127 : null);
    if (ran.error) console.error(`${name}: ${ran.error.message}`);
    checks.push({ name: check, exitCode, signal: ran.signal ?? null, summary: CHECKS[check](output) || (ran.error?.message ?? "") });
    console.log(exitCode === 0 ? `${check}: passed` : `${check}: failed`);
  }
  writeFileSync(f.report, JSON.stringify({ runner: "check", checks }, null, 2));
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const failed = checks.find((c) => c.exitCode !== 0 || c.signal);
  const record = { runner: "check", exitCode: failed ? (failed.exitCode ?? 1) : 0, signal: null, listExitCode: 0, seconds };
  writeFileSync(f.run, JSON.stringify(record, null, 2));
  return seconds;
}

/** Lists, runs and records one layer; returns its time in seconds. */
export function runLayer(name) {
  const layer = LAYERS[name];
  const f = layerFiles(name);
  for (const file of [f.report, f.plan, f.errors, f.run]) rmSync(file, { force: true });
  if (layer.runner === "check") return runChecks(name, { ...process.env });
  const started = performance.now();
  const record = { runner: layer.runner, exitCode: null, signal: null, listExitCode: null, seconds: 0 };
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.TEST_DATABASE_URL; // PGlite unless the layer names a server
  delete env.TEST_DATABASE_REPLICA_URL;
  delete env.TEST_DATABASE_DIRECT_URL;
  for (const variable of [layer.database, layer.replica, layer.direct].filter(Boolean)) {
    if (!process.env[variable]) {
      // The server did not start (or was not named): the layer counts as failed.
      console.error(`${name}: set ${variable} to a PostgreSQL database URL`);
      record.exitCode = 1;
      writeFileSync(f.run, JSON.stringify(record, null, 2));
      return 0;
    }
  }
  if (layer.database) env.TEST_DATABASE_URL = process.env[layer.database];
  if (layer.replica) env.TEST_DATABASE_REPLICA_URL = process.env[layer.replica];
  if (layer.direct) env.TEST_DATABASE_DIRECT_URL = process.env[layer.direct];
  const prefix = layer.faketime ? ["faketime", "-f", layer.faketime] : [];
  const { list, run } = commands(name, layer);
  const spawn = (c, stdio) => {
    const argv = [...prefix, ...c.cmd];
    return spawnSync(argv[0], argv.slice(1), { stdio, env: { ...env, ...c.env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  };

  const listed = spawn(list, "pipe");
  record.listExitCode = listed.status ?? (listed.error ? 127 : null);
  if (listed.status !== 0) {
    console.error(
      `${name}: listing the planned tests failed (${listed.error?.message ?? `status ${listed.status}${listed.signal ? `, ${listed.signal}` : ""}`})`,
    );
    process.stderr.write(`${listed.stdout ?? ""}${listed.stderr ?? ""}`.slice(-4000));
  }
  const ran = spawn(run, "inherit");
  record.exitCode = ran.status ?? (ran.error ? 127 : null);
  record.signal = ran.signal ?? null;
  if (ran.error) console.error(`${name}: ${ran.error.message}`);
  record.seconds = Math.round((performance.now() - started) / 100) / 10;
  writeFileSync(f.run, JSON.stringify(record, null, 2));
  return record.seconds;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !(n in LAYERS));
  if (unknown.length) {
    console.error(`Unknown layer ${unknown.join(", ")}; layers: ${Object.keys(LAYERS).join(", ")}`);
    process.exit(2);
  }
  const selected = asked.length ? asked : DEFAULT;
  mkdirSync("test-results", { recursive: true });
  const timings = [];
  for (const name of selected) {
    console.log(`\n=== ${name}${LAYERS[name].faketime ? ` (faketime ${LAYERS[name].faketime})` : ""} ===`);
    timings.push(`${name} ${runLayer(name).toFixed(1)} s`);
  }
  const { lines, closing, ok } = summarize(selected);
  console.log(`\nTest summary (${timings.join(", ")}):`);
  for (const l of lines) console.log(l);
  console.log(closing);
  process.exit(ok ? 0 : 1);
}
