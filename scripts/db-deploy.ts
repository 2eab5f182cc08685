// `npm run db:deploy`: applies pending migrations, offline, to the configured database
// (PGlite under RIPPLE_DATA_DIR, or DATABASE_URL). Same result as `prisma migrate deploy`.
import { env, dataDir } from "../lib/platform/env";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { applyMigrations } from "../lib/db/schema-engine";
import { installDatabase } from "../lib/db/registry";
import { installJobs } from "../lib/jobs/server";

const e = env();
const db = openDatabase(databaseConfig({ databaseUrl: e.DATABASE_URL, dataDir: dataDir(e), poolMax: e.DATABASE_POOL_MAX }));
try {
  const started = performance.now();
  const applied = await applyMigrations(db.factory);
  const ms = Math.round(performance.now() - started);
  console.log(applied.length ? `Applied ${applied.length} migration(s) in ${ms} ms: ${applied.join(", ")}` : `No pending migrations (${ms} ms).`);
  installDatabase(db);
  await installJobs(db); // pg-boss's schema (its own migrations) and the job queues
} finally {
  await db.close();
}
