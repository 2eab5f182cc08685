// Prepares the database the integration suite runs on, once per run:
// - PGlite (default): migrate a fresh in-memory database and dump it, so that every test
//   file starts from its own copy of the real, migrated schema in milliseconds;
// - PostgreSQL, when TEST_DATABASE_URL is set: apply the migrations to that database.
//   Test files then share it, each creating its own organisations.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../../lib/db/schema-engine";

export const SNAPSHOT = path.resolve("test-results", ".pglite-snapshot.tar");

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await applyMigrations(new PrismaPg({ connectionString: url, max: 2 }));
    return;
  }
  const pg = new PGlite();
  await applyMigrations(new PrismaPGlite(pg));
  const dump = await pg.dumpDataDir("none");
  mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
  writeFileSync(SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
}
