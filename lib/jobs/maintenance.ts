// The queue's own housekeeping, run as a job like any other: JobKey rows are forgotten after
// 30 days (the jobs they guarded are long gone by then: pg-boss drops queued jobs after 14 days).
import { z } from "zod";
import { pruneIdempotencyKeys } from "@/lib/db/api-tokens";
import { getDatabase } from "@/lib/db/registry";
import { now } from "@/lib/platform/clock";
import { defineJob } from "./define";

export const JOB_KEY_RETENTION_DAYS = 30;

export const pruneJobKeys = defineJob({
  name: "jobs.prune-keys",
  payload: z.object({}),
  policy: "short",
  schedule: { cron: "23 3 * * *", payload: {} },
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  async handler() {
    const before = new Date(now().getTime() - JOB_KEY_RETENTION_DAYS * 86_400_000);
    await getDatabase().prisma.jobKey.deleteMany({ where: { createdAt: { lt: before } } });
    // The API's answers kept for replay, past their 24 hours (they may carry a story's words).
    await pruneIdempotencyKeys();
  },
});
