// The connections pg-boss runs its SQL on. pg-boss accepts any object with
// `executeSql(text, values)`; Ripple gives it one of three:
//
// - PGlite (embedded): the database's one connection, shared with Prisma. PGlite's public
//   `query` and `exec` take its transaction mutex, and Prisma's interactive transactions hold
//   that mutex from BEGIN to COMMIT (pglite-prisma-adapter runs them in `pglite.transaction`),
//   so a pg-boss statement waits for an open Prisma transaction to end and can never run inside
//   it (tests/integration/job-queue.test.ts runs both at once). pg-boss's multi-statement blocks
//   (`BEGIN; … COMMIT;` without values) run inside `pglite.transaction` too: should one fail
//   half-way, PGlite rolls it back before anything else may use the connection, instead of
//   leaving the one session in an aborted transaction.
// - PostgreSQL: a small pool of its own (workers only), with the same rollback on failure.
// - A Prisma transaction: `enqueue(…, { tx })` runs pg-boss's own INSERT through the caller's
//   transaction, so a job exists if and only if the write that caused it commits.
//
// Consequence on PGlite: inside a Prisma transaction, use only that transaction. Anything
// that goes to the database another way (enqueue without `tx`, the queue's own calls) waits
// for the transaction to end, and Prisma gives up after its timeout.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Tx } from "./define";

export type BossDb = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

/** pg-boss's statements that open their own transaction (its `locked(...)` blocks). */
const OPENS_TRANSACTION = /^\s*BEGIN\b/i;

export function pgliteBossDb(pglite: PGlite): BossDb {
  return {
    async executeSql(text, values) {
      if (values !== undefined) return pglite.query(text, values);
      if (!OPENS_TRANSACTION.test(text)) return last(await pglite.exec(text));
      // BEGIN inside PGlite's transaction only warns; its COMMIT ends it; on an error PGlite's
      // ROLLBACK cleans up while the mutex is still held.
      return last(await pglite.transaction((tx) => tx.exec(text)));
    },
  };
}

export type PoolBossDb = BossDb & { pool: pg.Pool; close(): Promise<void> };

export function poolBossDb(url: string, max: number, onError: (error: Error) => void): PoolBossDb {
  // synchronous_commit off for the queue's own statements (fetch, stamp, complete, fail): they
  // commit without waiting for the WAL to reach the disk, which triples how many jobs a worker
  // runs a second when each is small. A crash of the PostgreSQL server itself may lose the last
  // few hundred milliseconds of them: a job completed just before is run again (its key, written
  // through Prisma with normal durability, keeps its effect from happening twice). Enqueueing
  // goes through Prisma's connections, with normal durability.
  const pool = new pg.Pool({ connectionString: url, max, application_name: "ripple-jobs", options: "-c synchronous_commit=off" });
  pool.on("error", onError); // an idle connection that died; the pool replaces it
  return {
    pool,
    async executeSql(text, values) {
      if (values !== undefined || !OPENS_TRANSACTION.test(text)) return pool.query(text, values as unknown[] | undefined);
      const client = await pool.connect();
      try {
        return lastPg(await client.query(text));
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** pg-boss's INSERT through the caller's Prisma transaction. */
export function transactionBossDb(tx: Tx): BossDb {
  return {
    async executeSql(text, values = []) {
      const params = values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}

function last<T extends { rows: unknown[] }>(results: T[]): { rows: unknown[] } {
  return results[results.length - 1] ?? { rows: [] };
}

function lastPg(result: pg.QueryResult | pg.QueryResult[]): { rows: unknown[] } {
  return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
}
