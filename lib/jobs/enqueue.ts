// Putting a job on the queue. The job is written in a database transaction: the caller's, when
// it passes `tx` (the write that causes the job and the job commit together or not at all: the
// transactional outbox, with pg-boss's job table as the outbox), else one of its own.
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { getDatabase } from "@/lib/db/registry";
import { now } from "@/lib/platform/clock";
import { transactionBossDb } from "./boss-db";
import { MAX_KEY_LENGTH, type JobDefinition, type Tx } from "./define";

/** The PostgreSQL schema that holds pg-boss's tables (created and migrated by pg-boss itself). */
export const JOB_SCHEMA = "pgboss";

export type EnqueueOptions = {
  /**
   * The caller's transaction: the job exists if and only if it commits. On the embedded
   * database, a job enqueued inside a transaction MUST pass it (anything else waits for the
   * transaction to end; see lib/jobs/boss-db.ts).
   */
  tx?: Tx;
  /** Dedup: at most one job per key is ever enqueued (keys are kept 30 days). Default: the definition's `key(payload)`. */
  key?: string;
  /** Not before this time, or this many seconds from now. */
  startAfter?: Date | number;
  /** Higher runs first. */
  priority?: number;
};

// A pg-boss instance that is never started: it holds the SQL for pg-boss's INSERT and applies
// pg-boss's own option handling; every call passes the connection to use.
let producer: PgBoss | undefined;
function producerBoss(): PgBoss {
  producer ??= new PgBoss({
    db: {
      executeSql: () => {
        throw new Error("The job producer has no connection of its own");
      },
    },
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: false,
    schedule: false,
  });
  return producer;
}

/**
 * Enqueues a job. Returns its id, or null when a job with the same key was enqueued before
 * (nothing is written then). The payload is checked with the definition's schema (a ZodError
 * otherwise, which rolls back the caller's transaction): keep it JSON (ids, ISO dates), and
 * keep personal data and story text out of it: load them when the job runs.
 */
export async function enqueue<P>(def: JobDefinition<P>, payload: P, opts: EnqueueOptions = {}): Promise<string | null> {
  const data = def.payload.parse(payload);
  const key = opts.key ?? def.key?.(data) ?? null;
  if (key !== null && (key.length === 0 || key.length > MAX_KEY_LENGTH)) throw new Error(`Job ${def.name}: a key is 1 to ${MAX_KEY_LENGTH} characters`);
  if (opts.tx) return insertJob(opts.tx, def, data, key, opts);
  const prisma = getDatabase().prisma;
  // Without a key, pg-boss's INSERT is one statement: atomic on its own.
  const id =
    key === null ? await insertJob(prisma as unknown as Tx, def, data, key, opts) : await prisma.$transaction((tx) => insertJob(tx, def, data, key, opts));
  if (id) wakeLocalWorkers(def.name);
  return id;
}

/** Jobs enqueued per transaction by `enqueueMany`: short transactions, so the embedded database's one connection is never held long. */
const ENQUEUE_CHUNK = 50;

/** Enqueues many jobs of one kind (a scan's), in short transactions; returns how many were new. */
export async function enqueueMany<P>(def: JobDefinition<P>, payloads: readonly P[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < payloads.length; i += ENQUEUE_CHUNK) {
    const chunk = payloads.slice(i, i + ENQUEUE_CHUNK);
    added += await getDatabase().prisma.$transaction(async (tx) => {
      let n = 0;
      for (const p of chunk) if (await enqueue(def, p, { tx })) n++;
      return n;
    });
  }
  return added;
}

async function insertJob<P>(tx: Tx, def: JobDefinition<P>, data: P, key: string | null, opts: EnqueueOptions): Promise<string | null> {
  const id = randomUUID();
  if (key !== null) {
    // ON CONFLICT DO NOTHING: a second transaction with the same key waits for the first to
    // commit (then writes nothing) or roll back (then writes its own).
    const { count } = await tx.jobKey.createMany({ data: [{ key, queue: def.name, jobId: id, createdAt: now() }], skipDuplicates: true });
    if (count === 0) return null;
  }
  const jobId = await producerBoss().send(def.name, data as object, {
    db: transactionBossDb(tx),
    id,
    ...(key !== null ? { singletonKey: key } : {}),
    retryLimit: def.retry.limit,
    retryDelay: def.retry.delaySeconds,
    retryBackoff: def.retry.backoff,
    expireInSeconds: def.expireInSeconds,
    ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
    ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
  });
  if (jobId) return jobId;
  // pg-boss wrote nothing: its queue policy refused a second job (e.g. `short`: one queued at a
  // time), or the queue does not exist, which must not pass silently.
  const queue = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${JOB_SCHEMA}.queue WHERE name = $1`, def.name);
  if (!queue.length) throw new Error(`There is no job queue "${def.name}": list its definition in lib/jobs/catalog.ts (queues are installed at start-up)`);
  if (key !== null) await tx.jobKey.delete({ where: { key } });
  return null;
}

// Workers running in this process look for work at once after an enqueue outside a
// transaction (inside one, they find it at their next poll: the job is not visible before the
// caller commits).
const g = globalThis as typeof globalThis & { __rippleJobWake?: Map<string, Set<() => void>> };
const wakers = (g.__rippleJobWake ??= new Map());

export function onLocalEnqueue(queue: string, wake: () => void): () => void {
  let set = wakers.get(queue);
  if (!set) wakers.set(queue, (set = new Set()));
  set.add(wake);
  return () => set.delete(wake);
}

/** After the transaction that enqueued a job with `{ tx }` committed: the workers of this process look for it now rather than at their next poll. */
export function wakeWorkers(def: Pick<JobDefinition, "name">): void {
  wakeLocalWorkers(def.name);
}

function wakeLocalWorkers(queue: string): void {
  for (const wake of wakers.get(queue) ?? []) wake();
}
