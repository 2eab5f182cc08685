// The job queue of this process (the web server, `npm run worker`): one per process, kept on
// globalThis like the database (Next.js dev reloads modules; instrumentation runs once).
import type { Database } from "@/lib/db/prisma";
import { getDatabase } from "@/lib/db/registry";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { jobCatalog } from "./catalog";
import { JobQueue } from "./queue";

const g = globalThis as typeof globalThis & { __rippleJobQueue?: Promise<JobQueue> };

/** Whether this process runs the workers: RIPPLE_WORKERS, except on the embedded database, which only one process can open. */
export function workersRunHere(database: Database, setting = env().RIPPLE_WORKERS): boolean {
  if (setting === "inline") return true;
  if (database.kind === "pglite") {
    logger.warn("RIPPLE_WORKERS=off needs PostgreSQL (DATABASE_URL): the embedded database serves one process, so its jobs run here");
    return true;
  }
  return false;
}

/**
 * Starts the queue on this process's database: installs pg-boss's schema and the catalog's
 * queues, and runs the workers here when `work` (default: RIPPLE_WORKERS). Idempotent.
 */
export function startJobs(opts: { work?: boolean } = {}): Promise<JobQueue> {
  g.__rippleJobQueue ??= (async () => {
    const database = getDatabase();
    const queue = new JobQueue({ database, definitions: jobCatalog() });
    await queue.start({ work: opts.work ?? workersRunHere(database) });
    return queue;
  })().catch((error: unknown) => {
    g.__rippleJobQueue = undefined;
    throw error;
  });
  return g.__rippleJobQueue;
}

/** Stops this process's queue (its workers finish what they hold, up to `timeoutMs`). */
export async function stopJobs(opts: { timeoutMs?: number } = {}): Promise<void> {
  const started = g.__rippleJobQueue;
  g.__rippleJobQueue = undefined;
  if (started) await (await started).stop(opts);
}

/** Installs or migrates pg-boss's schema and the catalog's queues, running nothing (start-up, db:deploy). */
export async function installJobs(database: Database): Promise<void> {
  const queue = new JobQueue({ database, definitions: jobCatalog() });
  try {
    await queue.start({ work: false });
  } finally {
    await queue.stop();
  }
}
