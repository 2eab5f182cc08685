// `npm run worker`: runs Ripple's background jobs (lib/jobs) in a process of its own, for
// installations that set RIPPLE_WORKERS=off on their web servers. Run as many as you like
// against one PostgreSQL server: pg-boss hands each job to one worker (SKIP LOCKED).
// `npm run worker -- --status` prints the jobs per queue and state and the failed ones, then exits.
// `npm run worker` runs in production mode (NODE_ENV=production unless set), as `npm start` does:
// webhooks then reach only public https:// addresses, whatever RIPPLE_OUTBOUND_ALLOW_PRIVATE says.
//
// On the embedded database (no DATABASE_URL) only one process may open the data folder: the
// server runs the jobs itself, and this command is for when the server is stopped.
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { dataDir, env } from "../lib/platform/env";
import { startJobs, stopJobs } from "../lib/jobs/server";

const log = (msg: string) => console.log(`[ripple] ${msg}`);
const e = env();
const db = openDatabase(
  databaseConfig({ databaseUrl: e.DATABASE_URL, directUrl: e.DATABASE_DIRECT_URL, dataDir: dataDir(e), poolMax: Math.min(e.DATABASE_POOL_MAX, 4) }),
);
installDatabase(db);

if (process.argv.includes("--status")) {
  const queue = await startJobs({ work: false });
  try {
    const counts = await queue.counts();
    log("Jobs per queue and state (completed jobs move to the archive after 12 hours):");
    for (const def of queue.definitions) log(`  ${def.name.padEnd(28)} ${JSON.stringify(counts[def.name] ?? {})}`);
    const failed = await queue.failedJobs(20);
    log(failed.length ? `Failed for good (newest first, ${failed.length} shown):` : "No failed jobs.");
    for (const f of failed)
      log(`  ${f.failedAt.toISOString()} ${f.queue} ${f.id} after ${f.attempts} attempt(s): ${f.error?.name ?? ""} ${f.error?.message ?? ""}`);
  } finally {
    await stopJobs();
    await db.close();
  }
  process.exit(0);
}

const queue = await startJobs({ work: true });
log(
  `Worker ${queue.workerId} running ${queue.definitions.length} queues on ${db.kind === "pglite" ? "the embedded database" : "PostgreSQL"} (Ctrl-C to stop).`,
);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log("Stopping: finishing the jobs in hand…");
    void stopJobs({ timeoutMs: 10_000 })
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
