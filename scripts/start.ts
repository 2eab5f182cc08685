// `npm start`: the one command. Builds when the sources changed since the last build,
// applies pending migrations and seeds the demo organisation on an empty embedded database (in a
// child process that exits, scripts/prepare-database.ts), then serves Ripple with `next start`
// (or `next dev` with --dev).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseOidcConfig } from "../lib/auth/oidc";
import { authSecret } from "../lib/platform/secret";
import { env } from "../lib/platform/env";

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

/**
 * Migrations, job queues and the demo seed, in a child process that exits when done
 * (scripts/prepare-database.ts): the database it opens (PGlite's heap, Prisma) is freed with it,
 * so this launcher, which stays alive beside the server, holds next to nothing.
 */
function prepareDatabase() {
  const tsx = require.resolve("tsx/cli");
  const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", path.join("scripts", "prepare-database.ts")], {
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  const e = env();
  const sso = parseOidcConfig(e); // a half configuration stops here, with a message
  if (e.RIPPLE_WORKERS === "off" && !e.DATABASE_URL) {
    throw new Error("RIPPLE_WORKERS=off needs DATABASE_URL: the embedded database serves one process, so the server runs its jobs (unset RIPPLE_WORKERS)");
  }
  if (!dev) ensureBuild();
  prepareDatabase();
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
