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
      const rows = await db.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
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
});
