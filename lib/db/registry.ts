// One database per process. PGlite allows one connection, and Next.js dev reloads modules,
// so the instance lives on globalThis. Tests install a real database built the same way.
import { env, dataDir } from "@/lib/platform/env";
import { databaseConfig, openDatabase, type Database } from "./prisma";

const g = globalThis as typeof globalThis & { __rippleDatabase?: Database };

export function installDatabase(db: Database): void {
  g.__rippleDatabase = db;
}

export function getDatabase(): Database {
  if (!g.__rippleDatabase) {
    const e = env();
    g.__rippleDatabase = openDatabase(
      databaseConfig({
        databaseUrl: e.DATABASE_URL,
        replicaUrl: e.DATABASE_REPLICA_URL,
        directUrl: e.DATABASE_DIRECT_URL,
        dataDir: dataDir(e),
        poolMax: e.DATABASE_POOL_MAX,
      }),
    );
  }
  return g.__rippleDatabase;
}

/** The database if this process has opened one already (it is never opened here). */
export function openedDatabase(): Database | undefined {
  return g.__rippleDatabase;
}
