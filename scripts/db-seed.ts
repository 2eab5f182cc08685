// `npm run db:seed`: adds the demo organisation (demo data) to the configured database,
// unless it is there already. Runs on PostgreSQL too, but only when asked: never automatically.
import { DEMO_PASSWORD, DEMO_PEOPLE, demoOrganizationExists, seedDemoOrganization } from "../lib/db/demo";
import { deployPendingMigrations } from "../lib/db/migrate";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { dataDir, env } from "../lib/platform/env";

const e = env();
const db = openDatabase(databaseConfig({ databaseUrl: e.DATABASE_URL, dataDir: dataDir(e), poolMax: 2 }));
installDatabase(db);
try {
  await deployPendingMigrations(db);
  if (await demoOrganizationExists()) console.log("The demo organisation is already there.");
  else {
    await seedDemoOrganization();
    console.log("Seeded the demo organisation (demo data).");
  }
  console.log(`Demo logins, password "${DEMO_PASSWORD}":`);
  for (const p of DEMO_PEOPLE) console.log(`  ${p.role.padEnd(8)} ${p.email}`);
} finally {
  await db.close();
}
