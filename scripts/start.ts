// `npm start`: the one command. Builds when the sources changed since the last build,
// applies pending migrations, seeds the demo organisation on an empty embedded database,
// then serves Ripple with `next start` (or `next dev` with --dev).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseOidcConfig } from "../lib/auth/oidc";
import { authSecret } from "../lib/platform/secret";
import { countOrganizations } from "../lib/db/organizations";
import { DEMO_PASSWORD, DEMO_PEOPLE, demoOrganizationExists, seedDemoOrganization } from "../lib/db/demo";
import { deployPendingMigrations } from "../lib/db/migrate";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { dataDir, env } from "../lib/platform/env";
import { installJobs } from "../lib/jobs/server";

const dev = process.argv.includes("--dev");
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const log = (msg: string) => console.log(`[ripple] ${msg}`);

const SOURCES = ["app", "components", "lib", "public", "types", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

/** A fingerprint of the sources: paths, sizes and modification times. */
function sourceStamp(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== "node_modules" && name !== "generated") walk(path.join(p, name));
    } else hash.update(`${p}:${st.size}:${st.mtimeMs}\n`);
  };
  SOURCES.forEach(walk);
  return hash.digest("hex");
}

function ensureBuild() {
  const stampFile = path.join(".next", "ripple-build-stamp");
  const stamp = sourceStamp();
  if (existsSync(path.join(".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  log("Building Ripple (first start, or the sources changed)…");
  const started = performance.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, stamp);
  log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

async function prepareDatabase() {
  const e = env();
  const db = openDatabase(databaseConfig({ databaseUrl: e.DATABASE_URL, dataDir: dataDir(e), poolMax: 2 }));
  installDatabase(db);
  try {
    const started = performance.now();
    const applied = await deployPendingMigrations(db);
    if (applied.length) log(`Applied ${applied.length} migration(s) in ${Math.round(performance.now() - started)} ms: ${applied.join(", ")}`);
    await installJobs(db); // pg-boss's schema (its own migrations) and the job queues
    const seedAllowed = db.kind === "pglite" && e.RIPPLE_SEED_DEMO !== "false";
    if (seedAllowed && (await countOrganizations()) === 0) {
      await seedDemoOrganization();
      log("Seeded a demo organisation (demo data) on the empty embedded database.");
    }
    if (db.kind === "pglite" && (await demoOrganizationExists())) {
      log(`Demo logins (demo data), password "${DEMO_PASSWORD}":`);
      for (const p of DEMO_PEOPLE) log(`  ${p.role.padEnd(8)} ${p.email}`);
    }
    log(db.kind === "pglite" ? `Embedded database in ${path.join(dataDir(e), "pglite")}` : "PostgreSQL server from DATABASE_URL");
  } finally {
    await db.close();
  }
}

async function main() {
  const e = env();
  const sso = parseOidcConfig(e); // a half configuration stops here, with a message
  if (e.RIPPLE_WORKERS === "off" && !e.DATABASE_URL) {
    throw new Error("RIPPLE_WORKERS=off needs DATABASE_URL: the embedded database serves one process, so the server runs its jobs (unset RIPPLE_WORKERS)");
  }
  if (!dev) ensureBuild();
  await prepareDatabase();
  const secret = authSecret();
  const url = e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(e.PORT)], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  log(`Serving on ${url}${sso ? ` (single sign-on: ${sso.displayName})` : ""}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
