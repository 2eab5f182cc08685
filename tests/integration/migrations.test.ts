import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { readMigrationsList, applyMigrations, diffSchemaAgainstMigrations } from "@/lib/db/schema-engine";

const url = process.env.TEST_DATABASE_URL;

describe("offline migrations (Prisma's schema engine as WebAssembly)", () => {
  it("applies every migration to a fresh PGlite, then none on a second run", async () => {
    const expected = (await readMigrationsList()).migrationDirectories.map((m) => m.path);
    expect(expected.length).toBeGreaterThan(0);
    const db = new PGlite();
    try {
      expect(await applyMigrations(new PrismaPGlite(db))).toEqual(expected);
      expect(await applyMigrations(new PrismaPGlite(db))).toEqual([]);
      const rows = await db.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.rows.map((r) => r.migration_name)).toEqual(expected);
      expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("the migrations folder matches the schema (db:migrate has nothing to create)", async () => {
    expect(await diffSchemaAgainstMigrations()).toBe("");
  });

  it.runIf(url)("applies every migration to a fresh PostgreSQL database, then none", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `ripple_migrate_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    try {
      const expected = (await readMigrationsList()).migrationDirectories.map((m) => m.path);
      expect(await applyMigrations(new PrismaPg({ connectionString: target.toString(), max: 1 }))).toEqual(expected);
      expect(await applyMigrations(new PrismaPg({ connectionString: target.toString(), max: 1 }))).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  // The engine locks with a session-level advisory lock it never releases. Behind PgBouncer
  // (transaction pooling, as CI also runs this suite) that lock would stay on a pooled server
  // connection and make the next deployment time out; lib/db/schema-engine.ts holds it as a
  // transaction lock on a connection of its own instead, and ends it with the run.
  it.runIf(url)("deployments at once take turns, and leave no migration lock behind", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `ripple_migrate_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const lockHolders = async () =>
      (
        await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.objid = 72707369 AND d.datname = $1`,
          [name],
        )
      ).rows[0]!.n;
    try {
      const expected = (await readMigrationsList()).migrationDirectories.map((m) => m.path);
      const deploy = () => applyMigrations(new PrismaPg({ connectionString: target.toString(), max: 2 }));
      const [a, b] = await Promise.all([deploy(), deploy()]);
      // One applied everything; the other waited for it, then found nothing to do.
      expect([a, b].sort((x, y) => y.length - x.length)).toEqual([expected, []]);
      expect(await lockHolders()).toBe(0);
      expect(await deploy()).toEqual([]);
      expect(await lockHolders()).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
