// Applying migrations at start-up. The schema engine (WebAssembly) takes about a second to
// load, so first ask the database whether anything is pending at all.
import { readdir } from "node:fs/promises";
import type { Database } from "./prisma";
import { applyMigrations, MIGRATIONS_DIR } from "./schema-engine";

async function appliedNames(db: Database): Promise<Set<string> | null> {
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return null; // no migrations table yet: a fresh database
  }
}

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function deployPendingMigrations(db: Database, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const wanted = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const applied = await appliedNames(db);
  if (applied && wanted.every((n) => applied.has(n))) return [];
  return applyMigrations(db.factory, { migrationsDir });
}
