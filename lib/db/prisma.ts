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
  | {
      kind: "postgres";
      url: string;
      poolMax: number;
      replica?: ReplicaConfig;
      /** The same database without PgBouncer in between, for the job queue (DATABASE_DIRECT_URL). */
      directUrl?: string;
    }
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
  /** The server's connection string (PostgreSQL only). */
  url?: string;
  /**
   * Where the job queue connects (PostgreSQL only): its session-level lock and its own small pool
   * need a real session, which PgBouncer's transaction pooling does not give. DATABASE_DIRECT_URL
   * when set (the server itself, while DATABASE_URL goes through PgBouncer), else `url`.
   */
  queueUrl?: string;
  close(): Promise<void>;
};

/**
 * PGlite runs PostgreSQL as a single backend, with no checkpointer: nothing checkpoints on its
 * own (measured: 12 bulk INSERTs left 625 MB of WAL with max_wal_size at 128 MB, and a 100k-story
 * import left 545 MB of WAL beside 270 MB of data). So Ripple checkpoints: every minute while the
 * database is open (cheap when little changed) and after bulk work (`checkpoint(db)`: imports,
 * generated organisations). A checkpoint keeps recycled WAL segments up to `max_wal_size`
 * (1 GB by default, so a CHECKPOINT alone left all 625 MB): at 128 MB the folder keeps at most
 * that much WAL after each one.
 */
export const PGLITE_MAX_WAL_SIZE = "128MB";
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", `max_wal_size=${PGLITE_MAX_WAL_SIZE}`, "-c", "min_wal_size=32MB"];
/** How often an embedded database with a folder is checkpointed. */
export const PGLITE_CHECKPOINT_MS = 60 * 1000;

/** Writes every change into the data files so the WAL before it can be recycled (PGlite); a no-op on a server, whose checkpointer does it. */
export async function checkpoint(db: Database): Promise<void> {
  if (db.pglite && !db.pglite.closed) await db.pglite.exec("CHECKPOINT");
}

export function databaseConfig(opts: {
  databaseUrl?: string | undefined;
  replicaUrl?: string | undefined;
  directUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
}): DatabaseConfig {
  if (opts.databaseUrl)
    return {
      kind: "postgres",
      url: opts.databaseUrl,
      poolMax: opts.poolMax ?? 10,
      ...(opts.replicaUrl ? { replica: { url: opts.replicaUrl } } : {}),
      ...(opts.directUrl ? { directUrl: opts.directUrl } : {}),
    };
  if (opts.dataDir === "memory://") return { kind: "pglite", dir: "memory://" };
  return { kind: "pglite", dir: path.join(opts.dataDir, "pglite") };
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: config.url, max: config.poolMax });
    const prisma = new PrismaClient({ adapter: factory });
    const queueUrl = config.directUrl ?? config.url;
    if (!config.replica) return { kind: "postgres", prisma, factory, url: config.url, queueUrl, close: () => prisma.$disconnect() };
    const replicaPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.replica.url, max: config.poolMax }) });
    const replica: Replica = { prisma: replicaPrisma, consistency: config.replica.consistency ?? "session", waitMs: config.replica.waitMs ?? 0 };
    return {
      kind: "postgres",
      prisma,
      factory,
      url: config.url,
      queueUrl,
      replica,
      close: async () => {
        await Promise.all([prisma.$disconnect(), replicaPrisma.$disconnect()]);
      },
    };
  }
  let pglite: PGlite;
  let timer: NodeJS.Timeout | null = null;
  if (config.dir === "memory://") {
    pglite = new PGlite({ startParams: PGLITE_START_PARAMS, ...(config.snapshot ? { loadDataDir: config.snapshot } : {}) });
  } else {
    mkdirSync(config.dir, { recursive: true });
    pglite = new PGlite(config.dir, { startParams: PGLITE_START_PARAMS });
    timer = setInterval(() => {
      if (!pglite.closed) pglite.exec("CHECKPOINT").catch(() => {});
    }, PGLITE_CHECKPOINT_MS);
    timer.unref();
  }
  const factory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    kind: "pglite",
    prisma,
    factory,
    pglite,
    close: async () => {
      if (timer) clearInterval(timer);
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
