// The job queue of one process: pg-boss (its schema, maintenance and cron) plus Ripple's
// workers, on the process's database. lib/jobs/server.ts starts the one the app uses; tests and
// benchmarks build their own.
//
// How a job runs (per job, even when fetched in a batch):
// 1. pg-boss's fetch takes it (`FOR UPDATE SKIP LOCKED`: two workers, in one process or on two
//    instances, never take the same job) and marks it active; the worker stamps it with its id.
// 2. A keyed job whose key is already done (an earlier run did its work and then died before
//    completing it) is completed without running again.
// 3. The handler runs; it records its effect with `job.commit(tx => …)`, which marks the key
//    done in the same transaction.
// 4. Completed, or failed with the error's name and message: pg-boss retries it after its
//    delay (exponential backoff), and after the last retry it stays "failed" for 7 days.
//
// A worker that dies (SIGKILL, power cut) leaves its jobs active. Every worker holds a liveness
// lock (PostgreSQL: a session advisory lock on a connection of its own, released by the server
// when the process dies; PGlite: only one process can open the database, so the workers alive
// are the ones of this process), and every 30 s (and at start) fails the active jobs of workers
// that no longer hold theirs, to be retried at once. pg-boss's own expiry (`expireInSeconds`)
// remains the backstop for a job whose worker is alive but stuck.
import { createHash, randomUUID } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import PgBoss from "pg-boss";
import type { Database } from "@/lib/db/prisma";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { pgliteBossDb, poolBossDb, type BossDb, type PoolBossDb } from "./boss-db";
import { PermanentJobError, type JobContext, type JobDefinition, type Tx } from "./define";
import { enqueue, JOB_SCHEMA, onLocalEnqueue } from "./enqueue";

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export type FailedJob = { id: string; queue: string; key: string | null; attempts: number; error: { name?: string; message?: string } | null; failedAt: Date };

export type JobQueueOptions = {
  database: Database;
  definitions: readonly JobDefinition[];
  /** PostgreSQL: connections of the queue's own pool (besides one for the liveness lock). */
  poolMax?: number;
  /** How often pg-boss expires, archives and deletes old jobs (one instance does it per interval). */
  maintenanceIntervalSeconds?: number;
  /** How often workers look for jobs left active by workers that died. */
  reclaimIntervalSeconds?: number;
};

type FetchedJob = PgBoss.JobWithMetadata<unknown>;

const S = JOB_SCHEMA;
const LOCK_KEY = "hashtextextended('ripple-jobs:' || $1::text, 0)";

// PGlite: the workers alive on each embedded database (only this process can have it open).
const g = globalThis as typeof globalThis & { __rippleLiveWorkers?: WeakMap<PGlite, Set<string>> };
const liveOnPglite = (g.__rippleLiveWorkers ??= new WeakMap());

export class JobQueue {
  /** This process's worker identity, stamped on the jobs it runs. */
  readonly workerId = randomUUID();
  readonly #database: Database;
  readonly #definitions: Map<string, JobDefinition>;
  readonly #options: JobQueueOptions;
  #db: BossDb | undefined;
  #boss: PgBoss | undefined;
  #started: Promise<void> | undefined;
  #working = false;
  #live = false;
  #lockClient: pg.Client | undefined;
  #loops: Promise<void>[] = [];
  #sleepers = new Set<() => void>();
  #unsubscribe: (() => void)[] = [];
  #reaper: NodeJS.Timeout | undefined;
  #reclaiming: Promise<number> | undefined;

  constructor(options: JobQueueOptions) {
    this.#options = options;
    this.#database = options.database;
    this.#definitions = new Map(options.definitions.map((d) => [d.name, d]));
    if (this.#definitions.size !== options.definitions.length) throw new Error("Two job definitions share a name");
  }

  get definitions(): JobDefinition[] {
    return [...this.#definitions.values()];
  }

  /**
   * Installs or migrates pg-boss's schema (its own migrations, under an advisory lock) and one
   * queue per definition, then, with `work`, runs the workers, pg-boss's maintenance and the
   * cron schedules in this process. Idempotent.
   */
  start(opts: { work: boolean }): Promise<void> {
    this.#started ??= this.#start(opts.work);
    return this.#started;
  }

  async #start(work: boolean): Promise<void> {
    const db = this.#connection();
    const boss = new PgBoss({
      db,
      schema: S,
      migrate: true,
      supervise: work,
      schedule: work,
      maintenanceIntervalSeconds: this.#options.maintenanceIntervalSeconds ?? 60,
      // Completed jobs move to the archive after 12 hours, failed ones after 7 days (so that
      // they stay in sight); the archive keeps them 7 days more.
      archiveCompletedAfterSeconds: 12 * 3600,
      archiveFailedAfterSeconds: 7 * 86_400,
      deleteAfterDays: 7,
    });
    boss.on("error", (error: unknown) => logger.warn({ err: describe(error) }, "job queue: pg-boss reported an error"));
    this.#boss = boss;
    await boss.start();
    for (const def of this.#definitions.values()) {
      const settings = {
        name: def.name,
        policy: def.policy,
        retryLimit: def.retry.limit,
        retryDelay: def.retry.delaySeconds,
        retryBackoff: def.retry.backoff,
        expireInSeconds: def.expireInSeconds,
      };
      await boss.createQueue(def.name, settings);
      await boss.updateQueue(def.name, settings);
    }
    if (!work) return;
    await this.#becomeLive();
    await this.reclaim();
    this.#working = true;
    for (const def of this.#definitions.values()) {
      for (let i = 0; i < def.concurrency; i++) this.#loops.push(this.#loop(def));
      this.#unsubscribe.push(onLocalEnqueue(def.name, () => this.#wake()));
      if (def.schedule) {
        const payload = def.payload.parse(def.schedule.payload) as object;
        await boss.schedule(def.name, def.schedule.cron, payload, { tz: "UTC", ...this.#sendOptions(def) });
        if (def.schedule.atStart) await this.#database.prisma.$transaction((tx) => enqueue(def, payload, { tx }));
      } else await boss.unschedule(def.name);
    }
    const every = (this.#options.reclaimIntervalSeconds ?? 30) * 1000;
    this.#reaper = setInterval(() => void this.reclaim().catch((error: unknown) => logger.warn({ err: describe(error) }, "job queue: reclaim failed")), every);
    this.#reaper.unref();
    logger.info({ worker: this.workerId, queues: [...this.#definitions.keys()] }, "job queue: workers started");
  }

  /**
   * Stops the workers: each finishes the jobs it holds (up to `timeoutMs`; jobs still running
   * then are left to be reclaimed), then pg-boss and the pool close. The database stays open.
   */
  async stop(opts: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.#started) return;
    await this.#started.catch(() => undefined);
    this.#working = false;
    if (this.#reaper) clearInterval(this.#reaper);
    this.#unsubscribe.forEach((off) => off());
    this.#wake();
    const timeout = opts.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(this.#loops), new Promise((r) => (timer = setTimeout(r, timeout)))]);
    clearTimeout(timer);
    await this.#reclaiming?.catch(() => undefined);
    await this.#boss
      ?.stop({ graceful: true, wait: true, close: false, timeout: 1000 })
      .catch((error: unknown) => logger.warn({ err: describe(error) }, "job queue: pg-boss did not stop cleanly"));
    await this.#leave();
    const db = this.#db as PoolBossDb | undefined;
    if (db && "close" in db) await db.close();
    this.#started = undefined;
    this.#db = undefined;
    this.#loops = [];
  }

  /**
   * Runs, in this process, every job that is due now, until none is left (tests, scripts);
   * jobs waiting for a retry later are left. Returns how many runs it made.
   */
  async runUntilIdle(opts: { queues?: string[] } = {}): Promise<number> {
    await this.start({ work: false });
    await this.#becomeLive();
    const defs = [...this.#definitions.values()].filter((d) => !opts.queues || opts.queues.includes(d.name));
    let runs = 0;
    for (;;) {
      let found = 0;
      for (const def of defs) {
        const jobs = await this.#fetch(def);
        found += jobs.length;
        if (jobs.length) await this.#runBatch(def, jobs);
      }
      runs += found;
      if (!found) return runs;
    }
  }

  /** Jobs per queue and state (pg-boss's job table, not its archive). */
  async counts(): Promise<Record<string, Partial<Record<JobState, number>>>> {
    const { rows } = await this.#connection().executeSql(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${S}.job GROUP BY name, state ORDER BY name, state`,
      [],
    );
    const out: Record<string, Partial<Record<JobState, number>>> = {};
    for (const r of rows as { name: string; state: JobState; n: number }[]) (out[r.name] ??= {})[r.state] = Number(r.n);
    return out;
  }

  /** Jobs that failed for good (all retries used), newest first. */
  async failedJobs(limit = 50): Promise<FailedJob[]> {
    const { rows } = await this.#connection().executeSql(
      `SELECT id, name, singleton_key AS key, retry_count AS "retryCount", output, completed_on AS "failedAt" FROM ${S}.job WHERE state = 'failed' ORDER BY completed_on DESC LIMIT $1`,
      [limit],
    );
    return (rows as { id: string; name: string; key: string | null; retryCount: number; output: FailedJob["error"]; failedAt: Date | string }[]).map((r) => ({
      id: r.id,
      queue: r.name,
      key: r.key,
      attempts: Number(r.retryCount) + 1,
      error: r.output,
      failedAt: new Date(r.failedAt),
    }));
  }

  /** One job as pg-boss keeps it (metadata included), or null. */
  async getJob(queue: string, id: string): Promise<PgBoss.JobWithMetadata<unknown> | null> {
    await this.start({ work: false });
    return (await this.#boss!.getJobById(queue, id, { includeArchive: true })) as PgBoss.JobWithMetadata<unknown> | null;
  }

  /**
   * Fails (to be retried at once) the active jobs of workers that are no longer alive. Runs at
   * start and every `reclaimIntervalSeconds`. Returns how many jobs it reclaimed.
   */
  reclaim(): Promise<number> {
    this.#reclaiming ??= this.#reclaim().finally(() => (this.#reclaiming = undefined));
    return this.#reclaiming;
  }

  async #reclaim(): Promise<number> {
    if (!this.#boss) throw new Error("Start the job queue before reclaiming jobs");
    const db = this.#connection();
    const { rows } = await db.executeSql(`SELECT DISTINCT output->>'worker' AS worker FROM ${S}.job WHERE state = 'active' AND output ? 'worker'`, []);
    const others = (rows as { worker: string }[]).map((r) => r.worker).filter((w) => w !== this.workerId);
    if (!others.length) return 0;
    const dead = await this.#deadWorkers(others);
    if (!dead.length) return 0;
    const { rows: orphans } = await db.executeSql(`SELECT name, id FROM ${S}.job WHERE state = 'active' AND output->>'worker' = ANY($1::text[])`, [dead]);
    const byQueue = new Map<string, string[]>();
    for (const o of orphans as { name: string; id: string }[]) byQueue.set(o.name, [...(byQueue.get(o.name) ?? []), o.id]);
    for (const [name, ids] of byQueue) {
      // pg-boss fails several ids with one output at run time; its types only list one id with data.
      const fail = this.#boss.fail as unknown as (queue: string, ids: string[], data: object) => Promise<unknown>;
      await fail(name, ids, { name: "WorkerLost", message: "The worker running this job stopped (crashed or was killed); it is retried at once" });
      await db.executeSql(`UPDATE ${S}.job SET start_after = now() WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'retry'`, [name, ids]);
    }
    if (orphans.length) logger.warn({ jobs: orphans.length, workers: dead.length }, "job queue: reclaimed the jobs of workers that stopped");
    return orphans.length;
  }

  async #deadWorkers(workers: string[]): Promise<string[]> {
    if (this.#database.kind === "pglite") {
      const live = liveOnPglite.get(this.#database.pglite!) ?? new Set();
      return workers.filter((w) => !live.has(w));
    }
    // A lock we can take is a lock nobody holds: its worker is gone. Release it at once.
    const client = await this.#lock();
    const { rows } = await client.query<{ worker: string; dead: boolean }>(
      `SELECT w AS worker, CASE WHEN pg_try_advisory_lock(k) THEN pg_advisory_unlock(k) ELSE false END AS dead
         FROM unnest($1::text[]) AS w, LATERAL (SELECT hashtextextended('ripple-jobs:' || w, 0) AS k) AS lock`,
      [workers],
    );
    return rows.filter((r) => r.dead).map((r) => r.worker);
  }

  async #becomeLive(): Promise<void> {
    if (this.#live) return;
    if (this.#database.kind === "pglite") {
      const pglite = this.#database.pglite!;
      let live = liveOnPglite.get(pglite);
      if (!live) liveOnPglite.set(pglite, (live = new Set()));
      live.add(this.workerId);
    } else {
      const client = await this.#lock();
      await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`, [this.workerId]);
    }
    this.#live = true;
  }

  async #leave(): Promise<void> {
    if (this.#database.kind === "pglite") liveOnPglite.get(this.#database.pglite!)?.delete(this.workerId);
    const client = this.#lockClient;
    this.#lockClient = undefined;
    this.#live = false;
    await client?.end().catch(() => undefined); // the server releases the lock with the session
  }

  /** PostgreSQL: the connection that holds this worker's liveness lock for as long as it lives. */
  async #lock(): Promise<pg.Client> {
    if (this.#lockClient) return this.#lockClient;
    const client = new pg.Client({ connectionString: this.#database.queueUrl!, application_name: "ripple-jobs-lock" });
    client.on("error", (error) => {
      // The session (and with it the lock) is gone: other workers may now take our active jobs.
      logger.error({ err: describe(error) }, "job queue: lost the liveness connection; reconnecting");
      if (this.#lockClient === client) this.#lockClient = undefined;
      if (this.#live) {
        this.#live = false;
        if (this.#working)
          void this.#becomeLive().catch((e: unknown) => logger.error({ err: describe(e) }, "job queue: could not take the liveness lock again"));
      }
    });
    await client.connect();
    this.#lockClient = client;
    return client;
  }

  #connection(): BossDb {
    if (this.#db) return this.#db;
    if (this.#database.kind === "pglite") this.#db = pgliteBossDb(this.#database.pglite!);
    else
      this.#db = poolBossDb(this.#database.queueUrl!, this.#options.poolMax ?? 4, (error) =>
        logger.warn({ err: describe(error) }, "job queue: a pooled connection failed"),
      );
    return this.#db;
  }

  async #loop(def: JobDefinition): Promise<void> {
    while (this.#working) {
      let jobs: FetchedJob[] = [];
      try {
        jobs = await this.#fetch(def);
        if (jobs.length) await this.#runBatch(def, jobs);
      } catch (error) {
        logger.warn({ queue: def.name, err: describe(error) }, "job queue: worker error");
      }
      if (!jobs.length && this.#working) await this.#sleep(def.pollingIntervalSeconds * 1000);
    }
  }

  #fetch(def: JobDefinition): Promise<FetchedJob[]> {
    return this.#boss!.fetch(def.name, { batchSize: def.batchSize, includeMetadata: true });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleepers.add(done);
    });
  }

  #wake(): void {
    for (const wake of [...this.#sleepers]) wake();
  }

  async #runBatch(def: JobDefinition, jobs: FetchedJob[]): Promise<void> {
    const db = this.#connection();
    const ids = jobs.map((j) => j.id);
    await db.executeSql(`UPDATE ${S}.job SET output = jsonb_build_object('worker', $2::text) WHERE name = $1 AND id = ANY($3::uuid[]) AND state = 'active'`, [
      def.name,
      this.workerId,
      ids,
    ]);
    const outcomes = await Promise.all(
      jobs.map((job) =>
        this.#runOne(def, job).then(
          () => null,
          (error: unknown) => ({ job, error }),
        ),
      ),
    );
    const done = jobs.filter((_, i) => outcomes[i] === null).map((j) => j.id);
    if (done.length) await this.#boss!.complete(def.name, done);
    for (const failure of outcomes) {
      if (!failure) continue;
      const { job, error } = failure;
      const permanent = error instanceof PermanentJobError;
      if (permanent) await db.executeSql(`UPDATE ${S}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [def.name, job.id]);
      await this.#boss!.fail(def.name, job.id, errorOutput(error));
      const last = permanent || job.retryCount >= job.retryLimit;
      logger[last ? "error" : "warn"](
        { queue: def.name, job: job.id, attempt: job.retryCount + 1, err: describe(error) },
        last ? "job failed for good" : "job failed; it will be retried",
      );
    }
  }

  async #runOne(def: JobDefinition, job: FetchedJob): Promise<void> {
    const parsed = def.payload.safeParse(job.data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.code}`).join("; ");
      throw new PermanentJobError(`The payload does not fit ${def.name} (${where})`);
    }
    const key = job.singletonKey ?? null;
    const prisma = this.#database.prisma;
    if (key !== null) {
      const row = await prisma.jobKey.findUnique({ where: { key }, select: { doneAt: true } });
      if (row?.doneAt) return; // an earlier run did the work, then died before completing the job
    }
    let committed = false;
    const context: JobContext = {
      id: job.id,
      queue: def.name,
      key,
      attempt: job.retryCount + 1,
      idempotencyKey: createHash("sha256")
        .update(`${def.name}\n${key ?? job.id}`)
        .digest("hex")
        .slice(0, 40),
      commit: async (write?: (tx: Tx) => Promise<void>) => {
        committed = true;
        return commitEffect(this.#database, def.name, job.id, key, write);
      },
    };
    await def.handler(parsed.data, context);
    if (key !== null && !committed) await context.commit();
  }

  #sendOptions(def: JobDefinition) {
    return { retryLimit: def.retry.limit, retryDelay: def.retry.delaySeconds, retryBackoff: def.retry.backoff, expireInSeconds: def.expireInSeconds };
  }
}

const ALREADY_DONE = Symbol("already done");

/** Marks the key done and writes the effect's rows, in one transaction; false if it was done already. */
async function commitEffect(database: Database, queue: string, jobId: string, key: string | null, write?: (tx: Tx) => Promise<void>): Promise<boolean> {
  try {
    await database.prisma.$transaction(async (tx) => {
      if (key !== null) {
        // Also covers a key no longer (or never) in JobKey: the run that records it wins.
        const marked = await tx.$queryRaw<unknown[]>`
          INSERT INTO "JobKey" ("key", "queue", "jobId", "createdAt", "doneAt") VALUES (${key}, ${queue}, ${jobId}::uuid, ${now()}, ${now()})
          ON CONFLICT ("key") DO UPDATE SET "doneAt" = EXCLUDED."doneAt" WHERE "JobKey"."doneAt" IS NULL
          RETURNING "key"`;
        if (!marked.length) throw ALREADY_DONE;
      }
      if (write) await write(tx);
    });
    return true;
  } catch (error) {
    if (error === ALREADY_DONE) return false;
    throw error;
  }
}

/** What pg-boss keeps of an error (its name and message, never a stack or the payload). */
function errorOutput(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 1000) };
  return { name: typeof error, message: String(error).slice(0, 1000) };
}

/** For logs: the error's name and code, never its message (it may quote data). */
function describe(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, ...(typeof code === "string" ? { code } : {}) };
}
