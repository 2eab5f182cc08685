// `npm run db:reset -- --yes`: erases every table of the configured database and applies the
// migrations again. Destructive, so it asks for --yes.
import { rmSync } from "node:fs";
import path from "node:path";
import { deployPendingMigrations } from "../lib/db/migrate";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { dataDir, env, isMemoryDataDir } from "../lib/platform/env";

if (!process.argv.includes("--yes")) {
  console.error("This erases all data in the configured database. Run again with --yes to go ahead.");
  process.exit(1);
}
const e = env();
if (!e.DATABASE_URL && !isMemoryDataDir(dataDir(e))) rmSync(path.join(dataDir(e), "pglite"), { recursive: true, force: true });
const db = openDatabase(databaseConfig({ databaseUrl: e.DATABASE_URL, dataDir: dataDir(e), poolMax: 2 }));
try {
  if (db.kind === "postgres") await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
  const applied = await deployPendingMigrations(db);
  console.log(
    `Database reset; applied ${applied.length} migration(s). Start Ripple to seed the demo organisation (embedded database only), or run npm run db:seed.`,
  );
} finally {
  await db.close();
}
