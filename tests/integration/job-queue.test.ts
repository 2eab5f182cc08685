// The job queue (lib/jobs) on the test database (PGlite in memory, or TEST_DATABASE_URL):
// retries with backoff, poison jobs, keys, two workers, enqueue inside transactions, and Prisma
// transactions running while the queue works on the embedded database's one connection.
// Each test uses queues of its own (random names), so files can share a PostgreSQL database.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDatabase } from "@/lib/db/registry";
import { defineJob, enqueue, JobQueue, PermanentJobError, type JobDefinition } from "@/lib/jobs";
import { pgliteBossDb } from "@/lib/jobs/boss-db";

const db = () => getDatabase().prisma;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const queueName = (what: string) => `test.${what}-${randomUUID().slice(0, 8)}`;
const payload = z.object({ n: z.number().int() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const queues: JobQueue[] = [];
const names: string[] = [];

/** A queue with its own pg-boss instance (and pool, on PostgreSQL) for these definitions. */
async function startQueue(definitions: JobDefinition[], work = true): Promise<JobQueue> {
  const queue = new JobQueue({ database: getDatabase(), definitions, reclaimIntervalSeconds: 3600 });
  queues.push(queue);
  names.push(...definitions.map((d) => d.name));
  await queue.start({ work });
  return queue;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

type Row = { id: string; state: string; retry_count: number; singleton_key: string | null };
const jobsOf = (name: string) =>
  db().$queryRawUnsafe<Row[]>(`SELECT id, state::text AS state, retry_count, singleton_key FROM pgboss.job WHERE name = $1 ORDER BY created_on`, name);

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});

afterAll(async () => {
  for (const name of new Set(names)) {
    await db().$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, name);
    await db().$executeRawUnsafe(`SELECT pgboss.delete_queue($1)`, name);
  }
});

describe("the job queue", () => {
  it("retries a failing job with exponential backoff: fails twice, then succeeds", async () => {
    const runs: number[] = [];
    const def = defineJob({
      name: queueName("retry"),
      payload,
      retry: { limit: 3, delaySeconds: 1, backoff: true },
      pollingIntervalSeconds: 0.5,
      async handler(_p, job) {
        runs.push(Date.now());
        expect(job.attempt).toBe(runs.length);
        if (runs.length <= 2) throw new Error(`attempt ${runs.length} fails`);
      },
    });
    await startQueue([def]);
    const id = await enqueue(def, { n: 1 });
    await waitFor("the third attempt to complete", async () => (await jobsOf(def.name))[0]?.state === "completed");
    expect(runs).toHaveLength(3);
    const [job] = await jobsOf(def.name);
    expect(job).toMatchObject({ id, state: "completed", retry_count: 2 });
    // pg-boss waits delay·2^(n-1) to delay·2^n seconds before the n-th retry: at least 1 s, then
    // at least 2 s (without backoff both waits would be 1 s).
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(1000);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(2000);
  });

  it("a poison job ends failed once its retries are used, and is listed with its error; a permanent error fails at once", async () => {
    let runs = 0;
    const poison = defineJob({
      name: queueName("poison"),
      payload,
      retry: { limit: 1, delaySeconds: 1, backoff: false },
      pollingIntervalSeconds: 0.5,
      async handler() {
        runs++;
        throw new Error("cannot handle this one");
      },
    });
    let permanentRuns = 0;
    const permanent = defineJob({
      name: queueName("permanent"),
      payload,
      retry: { limit: 5, delaySeconds: 1, backoff: false },
      pollingIntervalSeconds: 0.5,
      async handler() {
        permanentRuns++;
        throw new PermanentJobError("the recipient is gone");
      },
    });
    const queue = await startQueue([poison, permanent]);
    const id = (await enqueue(poison, { n: 1 }))!;
    const permanentId = (await enqueue(permanent, { n: 1 }))!;
    await waitFor("both jobs to fail", async () => (await jobsOf(poison.name))[0]?.state === "failed" && (await jobsOf(permanent.name))[0]?.state === "failed");
    expect(runs).toBe(2);
    expect(permanentRuns).toBe(1);
    const failed = (await queue.failedJobs(1000)).filter((f) => f.id === id || f.id === permanentId);
    expect(failed.map((f) => [f.queue, f.attempts, f.error])).toEqual(
      expect.arrayContaining([
        [poison.name, 2, { name: "Error", message: "cannot handle this one" }],
        [permanent.name, 1, { name: "PermanentJobError", message: "the recipient is gone" }],
      ]),
    );
    expect((await queue.counts())[poison.name]).toEqual({ failed: 1 });
    expect((await queue.getJob(poison.name, id))?.state).toBe("failed");
  });

  it("enqueues a key once, also from concurrent transactions", async () => {
    const def = defineJob({ name: queueName("dedup"), payload, key: (p) => `dedup-test:${p.n}`, async handler() {} });
    await startQueue([def], false);
    const n = Math.floor(Math.random() * 1e9);
    const first = await enqueue(def, { n });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await enqueue(def, { n })).toBeNull();
    // Ten transactions at once with another key: one wins, the others write nothing.
    const ids = await Promise.all(Array.from({ length: 10 }, () => enqueue(def, { n: n + 1 })));
    expect(ids.filter(Boolean)).toHaveLength(1);
    // An explicit key overrides the definition's.
    expect(await enqueue(def, { n }, { key: `dedup-test:other:${n}` })).not.toBeNull();
    const rows = await jobsOf(def.name);
    expect(rows.map((r) => r.singleton_key).sort()).toEqual([`dedup-test:${n + 1}`, `dedup-test:${n}`, `dedup-test:other:${n}`].sort());
    expect(await db().jobKey.count({ where: { key: { in: [`dedup-test:${n}`, `dedup-test:${n + 1}`] } } })).toBe(2);
  });

  it("does not repeat the effect of a keyed job that ran, recorded it, and failed before completing", async () => {
    let runs = 0;
    const def = defineJob({
      name: queueName("effect"),
      payload,
      key: (p) => `effect-test:${p.n}`,
      retry: { limit: 2, delaySeconds: 1, backoff: false },
      pollingIntervalSeconds: 0.5,
      async handler(p, job) {
        runs++;
        const recorded = await job.commit(async (tx) => {
          await tx.jobKey.create({ data: { key: `effect-test:${p.n}:sent`, queue: "effect", jobId: job.id, createdAt: new Date() } });
        });
        expect(recorded).toBe(true);
        throw new Error("died after the effect was recorded, before the job was completed");
      },
    });
    await startQueue([def]);
    const n = Math.floor(Math.random() * 1e9);
    await enqueue(def, { n });
    await waitFor("the retry to complete the job", async () => (await jobsOf(def.name))[0]?.state === "completed");
    expect(runs).toBe(1); // the retry found the key done and completed without running the handler
    expect(await db().jobKey.count({ where: { key: `effect-test:${n}:sent` } })).toBe(1);
    expect((await db().jobKey.findUniqueOrThrow({ where: { key: `effect-test:${n}` } })).doneAt).not.toBeNull();
  });

  it("two workers (two pg-boss instances) never run the same job", async () => {
    const name = queueName("two-workers");
    const ran: { worker: string; n: number }[] = [];
    const worker = (label: string) =>
      defineJob({
        name,
        payload,
        batchSize: 5,
        pollingIntervalSeconds: 0.5,
        async handler(p) {
          ran.push({ worker: label, n: p.n });
          await sleep(5 + (p.n % 4) * 5);
        },
      });
    const a = worker("a");
    await startQueue([a]);
    await startQueue([worker("b")]);
    const count = 120;
    await db().$transaction(async (tx) => {
      for (let n = 0; n < count; n++) await enqueue(a, { n }, { tx });
    });
    await waitFor("every job to complete", async () => (await jobsOf(name)).filter((r) => r.state === "completed").length === count, 60_000);
    expect(ran).toHaveLength(count);
    expect(new Set(ran.map((r) => r.n)).size).toBe(count);
    expect(new Set(ran.map((r) => r.worker))).toEqual(new Set(["a", "b"]));
  });

  it("a job enqueued in a transaction exists if and only if the transaction commits", async () => {
    const def = defineJob({ name: queueName("outbox"), payload, key: (p) => `outbox-test:${p.n}`, async handler() {} });
    await startQueue([def], false);
    const n = Math.floor(Math.random() * 1e9);
    const marker = `outbox-test:${n}:write`;
    await expect(
      db().$transaction(async (tx) => {
        await tx.jobKey.create({ data: { key: marker, queue: "outbox", jobId: randomUUID(), createdAt: new Date() } });
        expect(await enqueue(def, { n }, { tx })).not.toBeNull();
        throw new Error("the write fails after the enqueue");
      }),
    ).rejects.toThrow("the write fails after the enqueue");
    expect(await jobsOf(def.name)).toEqual([]);
    expect(await db().jobKey.count({ where: { key: { in: [marker, `outbox-test:${n}`] } } })).toBe(0);

    await db().$transaction(async (tx) => {
      await tx.jobKey.create({ data: { key: marker, queue: "outbox", jobId: randomUUID(), createdAt: new Date() } });
      await enqueue(def, { n }, { tx });
    });
    expect(await jobsOf(def.name)).toHaveLength(1);
    expect(await db().jobKey.count({ where: { key: { in: [marker, `outbox-test:${n}`] } } })).toBe(2);
  });

  it("refuses a payload that does not fit, and a queue that is not installed", async () => {
    const def = defineJob({ name: queueName("checks"), payload, async handler() {} });
    await expect(enqueue(def, { n: 1.5 })).rejects.toThrow();
    await expect(enqueue(def, { n: 1 })).rejects.toThrow(/There is no job queue "test\.checks-/);
    await startQueue([def], false);
    expect(await enqueue(def, { n: 1 })).not.toBeNull();
  });

  it("Prisma transactions and queue traffic at the same time corrupt neither (one connection on PGlite)", async () => {
    const ran = new Map<number, number>();
    const def = defineJob({
      name: queueName("interleave"),
      payload,
      batchSize: 4,
      pollingIntervalSeconds: 0.5,
      async handler(p) {
        ran.set(p.n, (ran.get(p.n) ?? 0) + 1);
      },
    });
    await startQueue([def]);
    const jobs = 150;
    const run = randomUUID().slice(0, 8);
    const producing = (async () => {
      for (let n = 0; n < jobs; n++) await enqueue(def, { n });
    })();
    // Meanwhile, interactive transactions that pause between their writes (the queue's
    // statements are due during those pauses); every other one rolls back.
    const transactions = Array.from({ length: 16 }, async (_, i) => {
      const key = (part: string) => `interleave-test:${run}:${i}:${part}`;
      try {
        await db().$transaction(
          async (tx) => {
            await tx.jobKey.create({ data: { key: key("a"), queue: "interleave", jobId: randomUUID(), createdAt: new Date() } });
            await sleep(30);
            await tx.jobKey.create({ data: { key: key("b"), queue: "interleave", jobId: randomUUID(), createdAt: new Date() } });
            if (i % 2) throw new Error("roll back");
          },
          { timeout: 30_000, maxWait: 30_000 },
        );
      } catch (error) {
        if (!(error instanceof Error) || error.message !== "roll back") throw error;
      }
    });
    await Promise.all([producing, ...transactions]);
    await waitFor("every job to complete", async () => (await jobsOf(def.name)).filter((r) => r.state === "completed").length === jobs, 60_000);
    expect([...ran.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: jobs }, (_, n) => n));
    expect([...ran.values()].every((times) => times === 1)).toBe(true);
    expect(new Set((await jobsOf(def.name)).map((r) => r.state))).toEqual(new Set(["completed"]));
    const kept = await db().jobKey.findMany({ where: { key: { startsWith: `interleave-test:${run}:` } }, select: { key: true } });
    const expected = Array.from({ length: 16 }, (_, i) => i)
      .filter((i) => i % 2 === 0)
      .flatMap((i) => [`interleave-test:${run}:${i}:a`, `interleave-test:${run}:${i}:b`]);
    expect(kept.map((k) => k.key).sort()).toEqual(expected.sort());
  });

  it.skipIf(onPostgres)(
    "PGlite: a queue statement issued while a Prisma transaction is open runs after it, outside it (and survives its rollback)",
    async () => {
      const bossDb = pgliteBossDb(getDatabase().pglite!);
      const run = randomUUID().slice(0, 8);
      const row = (key: string) => [key, "mutex", randomUUID(), new Date()];
      const insert = `INSERT INTO "JobKey" ("key", "queue", "jobId", "createdAt") VALUES ($1, $2, $3::uuid, $4)`;
      let single: Promise<unknown> | undefined;
      let block: Promise<unknown> | undefined;
      await expect(
        db().$transaction(async (tx) => {
          await tx.jobKey.create({ data: { key: `mutex-test:${run}:tx`, queue: "mutex", jobId: randomUUID(), createdAt: new Date() } });
          // What pg-boss sends: a statement with values, and a BEGIN … COMMIT block without.
          single = bossDb.executeSql(insert, row(`mutex-test:${run}:single`));
          block = bossDb.executeSql(
            `BEGIN; INSERT INTO "JobKey" ("key", "queue", "jobId", "createdAt") VALUES ('mutex-test:${run}:block', 'mutex', '${randomUUID()}', now()); COMMIT;`,
          );
          await sleep(200);
          expect(await tx.jobKey.count({ where: { key: { startsWith: `mutex-test:${run}:` } } })).toBe(1); // they wait
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await Promise.all([single, block]);
      const keys = await db().jobKey.findMany({ where: { key: { startsWith: `mutex-test:${run}:` } }, select: { key: true } });
      expect(keys.map((k) => k.key).sort()).toEqual([`mutex-test:${run}:block`, `mutex-test:${run}:single`]);
      // A failing block is rolled back before the connection is used again.
      await expect(
        bossDb.executeSql(
          `BEGIN; INSERT INTO "JobKey" ("key", "queue", "jobId", "createdAt") VALUES ('mutex-test:${run}:half', 'mutex', '${randomUUID()}', now()); SELECT 1/0; COMMIT;`,
        ),
      ).rejects.toThrow();
      expect(await db().jobKey.count({ where: { key: `mutex-test:${run}:half` } })).toBe(0);
      expect(await db().$queryRawUnsafe<{ ok: number }[]>(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]);
    },
  );
});
