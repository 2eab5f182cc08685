// Run by `npm start` (scripts/start.ts) in a process of its own that exits when done: applies
// pending migrations, installs the job queues, and seeds the demo organisation on an empty
// embedded database. Opening the database (PGlite's WebAssembly heap, Prisma) costs hundreds of
// megabytes that the launcher, which lives as long as the server, must not keep.
import path from "node:path";
import { countOrganizations } from "../lib/db/organizations";
import { DEMO_PASSWORD, DEMO_PEOPLE, demoOrganizationExists, seedDemoOrganization } from "../lib/db/demo";
import { deployPendingMigrations } from "../lib/db/migrate";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { dataDir, env } from "../lib/platform/env";
import { installJobs } from "../lib/jobs/server";

const log = (msg: string) => console.log(`[ripple] ${msg}`);

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

prepareDatabase().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
