// Runs jobs in the test process, on the test database: the queues are installed, then every job
// that is due runs until none is left (what a worker would do, without waiting for its polls).
import { getDatabase } from "@/lib/db/registry";
import { JobQueue, type JobDefinition } from "@/lib/jobs";

/** Installs pg-boss's schema and these definitions' queues (before enqueueing to them). */
export async function installQueues(definitions: JobDefinition[]): Promise<void> {
  const queue = new JobQueue({ database: getDatabase(), definitions });
  await queue.start({ work: false });
  await queue.stop();
}

/** Runs the due jobs of these queues until none is left; returns how many runs it made. */
export async function runJobs(definitions: JobDefinition[]): Promise<number> {
  const queue = new JobQueue({ database: getDatabase(), definitions });
  try {
    return await queue.runUntilIdle();
  } finally {
    await queue.stop();
  }
}
