// `npm run bench:queue [-- --jobs 2000 --pg postgresql://…]`: throughput of the job queue
// (lib/jobs) with a handler that does nothing, on an in-memory PGlite and, when a PostgreSQL URL
// is given (--pg, else BENCH_PG_URL or DATABASE_URL), on PostgreSQL, each beside its floor
// measured in the same run: the same number of plain INSERTs of a job-sized row through the
// same Prisma client.
//
// - enqueue, no key: pg-boss's INSERT, one statement; floor: autocommit INSERTs.
// - enqueue with a key: the JobKey row and pg-boss's INSERT in an interactive transaction; floor:
//   one INSERT per interactive transaction.
// - enqueue, 8 callers at once: as from a busy web server.
// - enqueue, all in one transaction: a batch (the hourly scan enqueues 50 per transaction); floor:
//   the INSERTs in one transaction.
// - process, batches of 50 / of 1 (the default, what e-mails use): a worker running the queued
//   jobs (fetch, stamp, run, complete); floor: autocommit INSERTs.
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { z } from "zod";
import { deployPendingMigrations } from "../lib/db/migrate";
import { openDatabase, type Database } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { defineJob, enqueue, JobQueue, type JobDefinition } from "../lib/jobs";

process.env.LOG_LEVEL ??= "warn";
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const JOBS = Number(arg("jobs") ?? 2000);
const pgUrl = arg("pg") ?? process.env.BENCH_PG_URL ?? process.env.DATABASE_URL;

type Result = { database: string; measure: string; jobs: number; seconds: number; rate: number; floor?: number };
const results: Result[] = [];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

const payload = z.object({ n: z.number().int(), note: z.string() });
const NOTE = "x".repeat(64); // a payload of about the size of an e-mail job's (ids and a date)

async function inParallel(count: number, callers: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

async function bench(database: string, db: Database): Promise<void> {
  installDatabase(db);
  const prisma = db.prisma;
  await prisma.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS bench_floor (id uuid PRIMARY KEY, name text NOT NULL, data jsonb, created_on timestamptz NOT NULL DEFAULT now())`,
  );
  const floorInsert = (n: number) =>
    prisma.$executeRaw`INSERT INTO bench_floor (id, name, data) VALUES (${randomUUID()}::uuid, ${"bench"}, ${JSON.stringify({ n, note: NOTE })}::jsonb)`;
  const floor = async (label: string, fn: () => Promise<unknown>) => {
    await prisma.$executeRawUnsafe(`TRUNCATE bench_floor`);
    const seconds = await timed(fn);
    console.log(`  ${database}: floor (${label}) ${(JOBS / seconds).toFixed(0)} rows/s`);
    return JOBS / seconds;
  };

  const floorAutocommit = await floor("autocommit INSERTs", async () => {
    for (let n = 0; n < JOBS; n++) await floorInsert(n);
  });
  const floorOwnTx = await floor("one INSERT per interactive transaction", async () => {
    for (let n = 0; n < JOBS; n++)
      await prisma.$transaction(
        (tx) =>
          tx.$executeRaw`INSERT INTO bench_floor (id, name, data) VALUES (${randomUUID()}::uuid, ${"bench"}, ${JSON.stringify({ n, note: NOTE })}::jsonb)`,
      );
  });
  const floorParallel = await floor("autocommit INSERTs, 8 callers", () => inParallel(JOBS, 8, floorInsert));
  const floorOneTx = await floor("INSERTs in one transaction", () =>
    prisma.$transaction(
      async (tx) => {
        for (let n = 0; n < JOBS; n++)
          await tx.$executeRaw`INSERT INTO bench_floor (id, name, data) VALUES (${randomUUID()}::uuid, ${"bench"}, ${JSON.stringify({ n, note: NOTE })}::jsonb)`;
      },
      { timeout: 600_000 },
    ),
  );

  const run = randomUUID().slice(0, 8);
  const noop = (name: string, batchSize: number): JobDefinition => defineJob({ name, payload, batchSize, pollingIntervalSeconds: 0.5, async handler() {} });
  const queues: JobDefinition[] = [noop(`bench.a-${run}`, 50), noop(`bench.b-${run}`, 50), noop(`bench.c-${run}`, 1), noop(`bench.d-${run}`, 50)];
  const [plain, keyed, single, batched] = queues as [JobDefinition, JobDefinition, JobDefinition, JobDefinition];
  const installer = new JobQueue({ database: db, definitions: queues });
  await installer.start({ work: false });
  const record = (measure: string, seconds: number, floorRate: number) => {
    results.push({ database, measure, jobs: JOBS, seconds, rate: JOBS / seconds, floor: floorRate });
    console.log(`  ${database}: ${measure} ${(JOBS / seconds).toFixed(0)} jobs/s`);
  };
  try {
    record(
      "enqueue, no key",
      await timed(async () => {
        for (let n = 0; n < JOBS; n++) await enqueue(plain, { n, note: NOTE });
      }),
      floorAutocommit,
    );
    record(
      "enqueue with a key, one transaction each",
      await timed(async () => {
        for (let n = 0; n < JOBS; n++) await enqueue(keyed, { n, note: NOTE }, { key: `bench:${run}:${n}` });
      }),
      floorOwnTx,
    );
    record("enqueue, 8 callers at once", await timed(() => inParallel(JOBS, 8, (n) => enqueue(single, { n, note: NOTE }))), floorParallel);
    record(
      "enqueue, all in one transaction",
      await timed(() =>
        prisma.$transaction(
          async (tx) => {
            for (let n = 0; n < JOBS; n++) await enqueue(batched, { n, note: NOTE }, { tx });
          },
          { timeout: 600_000 },
        ),
      ),
      floorOneTx,
    );

    const processAll = async (def: JobDefinition) => {
      const worker = new JobQueue({ database: db, definitions: [def] });
      const seconds = await timed(async () => {
        await worker.start({ work: true });
        for (;;) {
          const [{ done }] = await prisma.$queryRawUnsafe<[{ done: number }]>(
            `SELECT count(*)::int AS done FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
            def.name,
          );
          if (done >= JOBS) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      await worker.stop();
      return seconds;
    };
    record("process, batches of 50 (no-op handler)", await processAll(plain), floorAutocommit);
    record("process, one job at a time (no-op handler)", await processAll(single), floorAutocommit);
  } finally {
    await installer.stop();
    for (const def of queues) {
      await prisma.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, def.name);
      await prisma.$executeRawUnsafe(`SELECT pgboss.delete_queue($1)`, def.name);
    }
    await prisma.jobKey.deleteMany({ where: { key: { startsWith: `bench:${run}:` } } });
    await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_floor`);
  }
}

console.log(`Queue throughput, ${JOBS} jobs per measure (no-op handler).`);
{
  const db = openDatabase({ kind: "pglite", dir: "memory://" });
  await (db.pglite as PGlite).waitReady;
  await deployPendingMigrations(db);
  try {
    await bench("PGlite", db);
  } finally {
    await db.close();
  }
}
if (pgUrl) {
  const db = openDatabase({ kind: "postgres", url: pgUrl, poolMax: 10 });
  try {
    await deployPendingMigrations(db);
    await bench("PostgreSQL", db);
  } finally {
    await db.close();
  }
} else console.log("(No PostgreSQL: pass --pg postgresql://… or set BENCH_PG_URL to measure it too.)");

console.log("\n| database | measure | jobs/s | floor: plain INSERTs/s | ratio |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const r of results) console.log(`| ${r.database} | ${r.measure} | ${r.rate.toFixed(0)} | ${r.floor!.toFixed(0)} | ${(r.rate / r.floor!).toFixed(2)} |`);
process.exit(0);
