// Prepares the database the integration suite runs on, once per run:
// - PGlite (default): migrate a fresh in-memory database and dump it, so that every test
//   file starts from its own copy of the real, migrated schema in milliseconds;
// - PostgreSQL, when TEST_DATABASE_URL is set: apply the migrations to that database.
//   Test files then share it, each creating its own organisations.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await applyMigrations(new PrismaPg({ connectionString: url, max: 2 }));
    return;
  }
  const pg = new PGlite();
  await applyMigrations(new PrismaPGlite(pg));
  const dump = await pg.dumpDataDir("none");
  // One file per run, so that runs side by side do not read each other's snapshot.
  const snapshot = path.resolve("test-results", `.pglite-snapshot-${randomUUID()}.tar`);
  mkdirSync(path.dirname(snapshot), { recursive: true });
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  project.provide("pgliteSnapshot", snapshot);
  return () => rmSync(snapshot, { force: true });
}
