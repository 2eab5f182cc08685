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

/**
 * How reads that may go to the replica (reports, exports) see writes:
 * - "session": a person sees their own writes (the primary's WAL position after their last
 *   write is remembered, lib/db/replica.ts); others' writes arrive with the replica's lag;
 * - "strict": every such read first waits (up to `waitMs`) until the replica has replayed all
 *   the primary has written, else reads the primary. The tests use it, so that a report read
 *   right after a write by anyone is exact.
 */
export type ReplicaConsistency = "session" | "strict";

export type ReplicaConfig = { url: string; consistency?: ReplicaConsistency; waitMs?: number };

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolMax: number; replica?: ReplicaConfig }
  | { kind: "pglite"; dir: string | "memory://"; /** Tests: start from a dumped data directory. */ snapshot?: Blob };

/** A streaming replica of the PostgreSQL server, with its own pool. */
export type Replica = { prisma: PrismaClient; consistency: ReplicaConsistency; waitMs: number };

export type Database = {
  kind: DatabaseConfig["kind"];
  prisma: PrismaClient;
  /** The adapter factory, also accepted by the schema engine for migrations. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** PostgreSQL with DATABASE_REPLICA_URL: where reports and exports may read (lib/db/replica.ts). */
  replica?: Replica;
  /** The embedded database itself (PGlite only): the job queue shares its one connection (lib/jobs), backups copy it under its own locks. */
  pglite?: PGlite;
  /** The server's connection string (PostgreSQL only): the job queue opens its own small pool. */
  url?: string;
  close(): Promise<void>;
};

export function databaseConfig(opts: { databaseUrl?: string | undefined; replicaUrl?: string | undefined; dataDir: string; poolMax?: number }): DatabaseConfig {
  if (opts.databaseUrl)
    return { kind: "postgres", url: opts.databaseUrl, poolMax: opts.poolMax ?? 10, ...(opts.replicaUrl ? { replica: { url: opts.replicaUrl } } : {}) };
  if (opts.dataDir === "memory://") return { kind: "pglite", dir: "memory://" };
  return { kind: "pglite", dir: path.join(opts.dataDir, "pglite") };
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: config.url, max: config.poolMax });
    const prisma = new PrismaClient({ adapter: factory });
    if (!config.replica) return { kind: "postgres", prisma, factory, url: config.url, close: () => prisma.$disconnect() };
    const replicaPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.replica.url, max: config.poolMax }) });
    const replica: Replica = { prisma: replicaPrisma, consistency: config.replica.consistency ?? "session", waitMs: config.replica.waitMs ?? 0 };
    return {
      kind: "postgres",
      prisma,
      factory,
      url: config.url,
      replica,
      close: async () => {
        await Promise.all([prisma.$disconnect(), replicaPrisma.$disconnect()]);
      },
    };
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
