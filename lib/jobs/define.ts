// What a job is: a name, a zod-checked payload, a handler, and how it is retried. Every kind of
// background work Ripple does (e-mails now; exports, chat, webhooks and LRS deliveries later)
// is one `defineJob(...)`, listed in lib/jobs/catalog.ts so that the workers run it.
import type { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";

export type Tx = Prisma.TransactionClient;

/**
 * pg-boss's queue policies: `standard` (any number of jobs), `short` (at most one queued job
 * per key), `singleton` (at most one running per key), `stately` (one queued and one running).
 */
export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

export type RetryPolicy = {
  /** Retries after the first attempt (0: none). A job that fails them all ends "failed". */
  limit: number;
  /** Seconds before the first retry (at least 1 with backoff). */
  delaySeconds: number;
  /**
   * Exponential backoff with jitter (pg-boss's): the n-th retry waits between
   * delay·2^(n-1) and delay·2^n seconds. Without it, every retry waits `delaySeconds`.
   */
  backoff: boolean;
};

export type JobContext = {
  id: string;
  queue: string;
  /** The job's key (dedup and exactly-once effects), or null for a job enqueued without one. */
  key: string | null;
  /** 1 on the first run, 2 on the first retry, … (a run cut short by a crash counts). */
  attempt: number;
  /**
   * The same on every attempt of this job (derived from its key, else its id): give it to the
   * receiver as an idempotency key, e.g. as an e-mail's Message-ID, so that a delivery repeated
   * after a crash is recognisably the same one.
   */
  idempotencyKey: string;
  /**
   * Records the job's effect: runs `write` (the effect's own rows, e.g. "reminder sent") in one
   * transaction with marking the job's key done. Returns false, writing nothing, when the key
   * was already done (another run got there first). A keyed job whose handler returns without
   * calling it is marked done after the handler returns.
   */
  commit(write?: (tx: Tx) => Promise<void>): Promise<boolean>;
};

// The payload type is a type parameter only: handlers are checked against it when defined, and
// the queue itself handles any definition (`JobDefinition` without arguments). `any`, not
// `unknown`: a handler of one payload is not a handler of every payload, so only `any` lets every
// definition be listed together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type JobDefinition<Payload = any> = {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly handler: (payload: Payload, job: JobContext) => Promise<void>;
  /** The key of a job from its payload: at most one job per key is ever enqueued (30 days). */
  readonly key?: (payload: Payload) => string;
  readonly retry: RetryPolicy;
  /** A run longer than this is failed (and retried): pg-boss expires it. */
  readonly expireInSeconds: number;
  readonly policy: QueuePolicy;
  /** Jobs fetched at once and run side by side, per worker. */
  readonly batchSize: number;
  /** Workers per process for this queue. */
  readonly concurrency: number;
  /** How often an idle worker looks for jobs. */
  readonly pollingIntervalSeconds: number;
  /** A recurring job: pg-boss's cron (UTC, minute precision), with the payload to send; `atStart`: also once when workers start. */
  readonly schedule?: JobSchedule<Payload>;
};

export type JobSpec<Payload> = {
  name: string;
  payload: z.ZodType<Payload>;
  handler: (payload: Payload, job: JobContext) => Promise<void>;
  key?: (payload: Payload) => string;
  retry?: Partial<RetryPolicy>;
  expireInSeconds?: number;
  policy?: QueuePolicy;
  batchSize?: number;
  concurrency?: number;
  pollingIntervalSeconds?: number;
  schedule?: JobSchedule<Payload>;
};

export type JobSchedule<Payload> = { cron: string; payload: Payload; atStart?: boolean };

export const DEFAULT_RETRY: RetryPolicy = { limit: 5, delaySeconds: 30, backoff: true };

/** Queue names: lower case, digits, dots and hyphens ("email.reflection-reminder"). */
const NAME = /^[a-z][a-z0-9.-]{0,99}$/;

export function defineJob<Payload>(spec: JobSpec<Payload>): JobDefinition<Payload> {
  if (!NAME.test(spec.name)) throw new Error(`Job name "${spec.name}": use lower case letters, digits, dots and hyphens (at most 100)`);
  const retry = { ...DEFAULT_RETRY, ...spec.retry };
  if (!Number.isInteger(retry.limit) || retry.limit < 0) throw new Error(`Job ${spec.name}: retry.limit must be a whole number ≥ 0`);
  if (!Number.isInteger(retry.delaySeconds) || retry.delaySeconds < (retry.backoff ? 1 : 0)) {
    throw new Error(`Job ${spec.name}: retry.delaySeconds must be a whole number ≥ ${retry.backoff ? 1 : 0}`);
  }
  const def: JobDefinition<Payload> = {
    name: spec.name,
    payload: spec.payload,
    handler: spec.handler,
    ...(spec.key ? { key: spec.key } : {}),
    retry,
    expireInSeconds: spec.expireInSeconds ?? 15 * 60,
    policy: spec.policy ?? "standard",
    batchSize: spec.batchSize ?? 1,
    concurrency: spec.concurrency ?? 1,
    pollingIntervalSeconds: spec.pollingIntervalSeconds ?? 2,
    ...(spec.schedule ? { schedule: spec.schedule } : {}),
  };
  if (def.expireInSeconds < 1 || def.expireInSeconds >= 24 * 3600) throw new Error(`Job ${spec.name}: expireInSeconds must be between 1 s and 24 h`);
  if (def.pollingIntervalSeconds < 0.5) throw new Error(`Job ${spec.name}: pollingIntervalSeconds must be at least 0.5`);
  return Object.freeze(def);
}

/** Thrown by a handler (or for a payload that does not parse): fail the job now, without retries. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** Keys are stored in JobKey.key, VARCHAR(300). */
export const MAX_KEY_LENGTH = 300;
