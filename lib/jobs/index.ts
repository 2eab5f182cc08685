// The job queue (durable, in PostgreSQL through pg-boss, on PGlite and on a PostgreSQL server).
// Define a job with `defineJob`, list it in lib/jobs/catalog.ts, enqueue it with `enqueue`
// (inside the transaction of the write that causes it). See "Background jobs" in the README.
export { defineJob, DEFAULT_RETRY, PermanentJobError } from "./define";
export type { JobContext, JobDefinition, JobSchedule, QueuePolicy, RetryPolicy, Tx } from "./define";
export { enqueue, enqueueMany, JOB_SCHEMA } from "./enqueue";
export type { EnqueueOptions } from "./enqueue";
export { JobQueue } from "./queue";
export type { FailedJob, JobQueueOptions, JobState } from "./queue";
