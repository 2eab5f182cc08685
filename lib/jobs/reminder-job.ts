import "server-only";
import { z } from "zod";
import { findPendingDigests, findPendingDigestsPage, recordDigestSent } from "@/lib/db/notifications";
import { defineJob, type RetryPolicy } from "./define";
import { emailChannel, unsubscribeUrls } from "./delivery";
import { enqueueMany } from "./enqueue";
import { runNudges } from "./nudge-job";
import { now } from "@/lib/platform/clock";
import { env, publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// Ripple's scheduled e-mails run on the job queue (lib/jobs): every hour the scan enqueues one
// job per e-mail that is due: the nudges (lib/jobs/nudge-job.ts: follow-ups, the weekly
// reflection reminder, shared with you), and the daily digest keyed by person and day, so that
// however many scans and instances run, each e-mail is enqueued once and sent once.

/** An e-mail job retries 6 times over about two hours (1–2 min, 2–4, … 32–64 min). */
const EMAIL_RETRY: RetryPolicy = { limit: 6, delaySeconds: 60, backoff: true };
/** A send that has not finished after this long is failed and retried (with the same Message-ID). */
const EMAIL_EXPIRE_SECONDS = 120;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

const personDay = z.object({ membershipId: z.uuid(), organizationId: z.uuid(), day: z.iso.date() });

/**
 * Once a day per person, a plain-text digest of their unread notifications that are more than
 * an hour old and not in an earlier digest. The e-mail names only stories the person may still
 * read (worked out when it is sent); nothing of it is logged or kept in the job.
 */
export const notificationDigestEmail = defineJob({
  name: "email.notification-digest",
  payload: personDay,
  key: (p) => `notification-digest:${p.membershipId}:${p.day}`,
  retry: EMAIL_RETRY,
  expireInSeconds: EMAIL_EXPIRE_SECONDS,
  async handler(p, job) {
    const [d] = await findPendingDigests(now(), 1, { person: { organizationId: p.organizationId, membershipId: p.membershipId } }); // read meanwhile?
    if (!d) return;
    const person = { organizationId: p.organizationId, membershipId: p.membershipId, email: d.email, name: d.name };
    await emailChannel.send({
      person,
      kind: "digest",
      subject: d.lines.length === 1 ? "1 new notification on Ripple" : `${d.lines.length} new notifications on Ripple`,
      text: `Hello ${d.name},\n\nWhile you were away:\n\n${d.lines.map((l) => `- ${l}`).join("\n")}\n\nSee them on Ripple: ${publicUrl()}/notifications\n\nYou get this digest at most once a day, only when something is unread.\nStop these e-mails: ${unsubscribeUrls(person, "digest").page}\n`,
      idempotencyKey: job.idempotencyKey,
    });
    await job.commit((tx) => recordDigestSent(d, tx));
  },
});

/** Enqueues the notification digests that are due (when e-mail is configured). Returns how many were new. */
export async function runNotificationDigest(): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const at = now();
  let added = 0;
  let after: string | undefined;
  do {
    const page = await findPendingDigestsPage(at, 500, after ? { after } : {});
    added += await enqueueMany(
      notificationDigestEmail,
      page.pending.map((d) => ({ membershipId: d.membershipId, organizationId: d.organizationId, day: dayOf(at) })),
    );
    after = page.next ?? undefined;
  } while (after);
  if (added) logger.info({ enqueued: added }, "notification digests enqueued");
  return added;
}

/**
 * The hourly producer: pg-boss's cron enqueues it at minute 0 of every hour (one instance does,
 * whatever the number of instances), and the workers enqueue it once when they start. The
 * `short` policy keeps at most one waiting.
 */
export const emailScan = defineJob({
  name: "email.scan",
  payload: z.object({}),
  policy: "short",
  schedule: { cron: "0 * * * *", payload: {}, atStart: true },
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 15 * 60,
  async handler() {
    await runNudges();
    await runNotificationDigest();
  },
});
