import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseHealth } from "@/lib/db/health";
import { openDatabase } from "@/lib/db/prisma";
import { getDatabase, installDatabase } from "@/lib/db/registry";

const migrationsInRepo = readdirSync(path.resolve("prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).length;

describe("databaseHealth", () => {
  it("reports a healthy, migrated database of the kind the tests run on", async () => {
    const health = await databaseHealth();
    expect(health.ok).toBe(true);
    expect(health.kind).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
    expect(migrationsInRepo).toBeGreaterThanOrEqual(1);
    expect(health.migrations).toBeGreaterThanOrEqual(1);
    if (!process.env.TEST_DATABASE_URL) expect(health.migrations).toBe(migrationsInRepo);
    else expect(health.migrations).toBeGreaterThanOrEqual(migrationsInRepo);
    expect(Number.isInteger(health.latencyMs)).toBe(true);
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports not ok, without throwing, on a database that was never migrated", async () => {
    const original = getDatabase();
    const empty = openDatabase({ kind: "pglite", dir: "memory://" });
    installDatabase(empty);
    try {
      const health = await databaseHealth();
      expect(health).toMatchObject({ kind: "pglite", ok: false, migrations: null });
    } finally {
      installDatabase(original);
      await empty.close();
    }
    expect((await databaseHealth()).ok).toBe(true);
  });
});
