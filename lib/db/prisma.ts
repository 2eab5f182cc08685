// Builds a Prisma client on one of the two supported databases, through a driver adapter:
// an embedded PGlite (default, zero setup) or a PostgreSQL server with a connection pool.
// Both run the same schema, migrations and queries. No Next.js here: scripts and tests use it.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolMax: number }
  | { kind: "pglite"; dir: string | "memory://"; /** Tests: start from a dumped data directory. */ snapshot?: Blob };

export type Database = {
  kind: DatabaseConfig["kind"];
  prisma: PrismaClient;
  /** The adapter factory, also accepted by the schema engine for migrations. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database itself (PGlite only): the job queue shares its one connection (lib/jobs). */
  pglite?: PGlite;
  /** The server's connection string (PostgreSQL only): the job queue opens its own small pool. */
  url?: string;
  close(): Promise<void>;
};

export function databaseConfig(opts: { databaseUrl?: string | undefined; dataDir: string; poolMax?: number }): DatabaseConfig {
  if (opts.databaseUrl) return { kind: "postgres", url: opts.databaseUrl, poolMax: opts.poolMax ?? 10 };
  if (opts.dataDir === "memory://") return { kind: "pglite", dir: "memory://" };
  return { kind: "pglite", dir: path.join(opts.dataDir, "pglite") };
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: config.url, max: config.poolMax });
    const prisma = new PrismaClient({ adapter: factory });
    return { kind: "postgres", prisma, factory, url: config.url, close: () => prisma.$disconnect() };
  }
  let pglite: PGlite;
  if (config.dir === "memory://") {
    pglite = config.snapshot ? new PGlite({ loadDataDir: config.snapshot }) : new PGlite();
  } else {
    mkdirSync(config.dir, { recursive: true });
    pglite = new PGlite(config.dir);
  }
  const factory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    kind: "pglite",
    prisma,
    factory,
    pglite,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
