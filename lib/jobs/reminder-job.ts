import "server-only";
import { z } from "zod";
import { findPendingDigests, findPendingDigestsPage, recordDigestSent } from "@/lib/db/notifications";
import { findDueReflectionReminders, findDueReflectionRemindersPage, recordReminderSent } from "@/lib/db/reminders";
import { getDatabase } from "@/lib/db/registry";
import { weekStartOf } from "@/lib/domain/week";
import { defineJob, type JobContext, type JobDefinition, type RetryPolicy } from "./define";
import { enqueue } from "./enqueue";
import { now } from "@/lib/platform/clock";
import { env, publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { mailer } from "@/lib/platform/mailer";

// Ripple's scheduled e-mails run on the job queue (lib/jobs): every hour the scan enqueues one
// job per e-mail that is due, keyed by person and week (reminders) or person and day (digests),
// so that however many scans and instances run, each e-mail is enqueued once and sent once.

/** An e-mail job retries 6 times over about two hours (1–2 min, 2–4, … 32–64 min). */
const EMAIL_RETRY: RetryPolicy = { limit: 6, delaySeconds: 60, backoff: true };
/** A send that has not finished after this long is failed and retried (with the same Message-ID). */
const EMAIL_EXPIRE_SECONDS = 120;
/** Jobs enqueued per transaction by a scan: short transactions, so the embedded database's one connection is never held long. */
const ENQUEUE_CHUNK = 50;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Sends one e-mail of a job. Its Message-ID is the job's idempotency key, so a send repeated
 * after a crash (between the server's acceptance and the job's commit) carries the same
 * Message-ID, by which mail servers and clients recognise a duplicate.
 */
async function sendJobMail(job: JobContext, message: { to: string; subject: string; text: string }): Promise<void> {
  const transport = mailer();
  if (!transport) throw new Error("E-mail is not configured (SMTP_URL)"); // retried: the setting may come back
  const host = new URL(publicUrl()).hostname || "ripple.local";
  await transport.sendMail({ from: env().SMTP_FROM, ...message, messageId: `<${job.idempotencyKey}@${host}>` });
}

const personWeek = z.object({ membershipId: z.uuid(), organizationId: z.uuid(), weekStart: z.iso.date() });

/** The weekly-reflection reminder of one person for one week. */
export const reflectionReminderEmail = defineJob({
  name: "email.reflection-reminder",
  payload: personWeek,
  key: (p) => `reflection-reminder:${p.membershipId}:${p.weekStart}`,
  retry: EMAIL_RETRY,
  expireInSeconds: EMAIL_EXPIRE_SECONDS,
  async handler(p, job) {
    const today = now();
    if (dayOf(weekStartOf(today)) !== p.weekStart) return; // that week is over
    const [due] = await findDueReflectionReminders(today, 1, { person: { organizationId: p.organizationId, membershipId: p.membershipId } }); // reflected meanwhile, or left?
    if (!due) return;
    await sendJobMail(job, {
      to: due.email,
      subject: "Your weekly reflection on Ripple",
      text: `Hello ${due.name},\n\nIt is time for your weekly reflection (${due.weekLabel}).\n\nWhat did you learn this week? How has it affected your performance? How does it help the organisation?\n\nTwo minutes is enough: ${publicUrl()}/reflect\n\nYou can change your reminder day on that page.\n`,
    });
    await job.commit((tx) => recordReminderSent(due, today, tx));
  },
});

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
    await sendJobMail(job, {
      to: d.email,
      subject: d.lines.length === 1 ? "1 new notification on Ripple" : `${d.lines.length} new notifications on Ripple`,
      text: `Hello ${d.name},\n\nWhile you were away:\n\n${d.lines.map((l) => `- ${l}`).join("\n")}\n\nSee them on Ripple: ${publicUrl()}/notifications\n\nYou get this digest at most once a day, only when something is unread.\n`,
    });
    await job.commit((tx) => recordDigestSent(d, tx));
  },
});

/** Enqueues the jobs in short transactions; returns how many were new. */
async function enqueueAll<P>(def: JobDefinition<P>, payloads: P[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < payloads.length; i += ENQUEUE_CHUNK) {
    const chunk = payloads.slice(i, i + ENQUEUE_CHUNK);
    added += await getDatabase().prisma.$transaction(async (tx) => {
      let n = 0;
      for (const p of chunk) if (await enqueue(def, p, { tx })) n++;
      return n;
    });
  }
  return added;
}

/** Enqueues the weekly-reflection reminder e-mails that are due (when e-mail is configured). Returns how many were new. */
export async function runReflectionReminders(): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const today = now();
  const weekStart = dayOf(weekStartOf(today));
  let added = 0;
  let after: string | undefined;
  do {
    const page = await findDueReflectionRemindersPage(today, 500, after ? { after } : {});
    added += await enqueueAll(
      reflectionReminderEmail,
      page.due.map((r) => ({ membershipId: r.membershipId, organizationId: r.organizationId, weekStart })),
    );
    after = page.next ?? undefined;
  } while (after);
  if (added) logger.info({ enqueued: added }, "reflection reminders enqueued");
  return added;
}

/** Enqueues the notification digests that are due (when e-mail is configured). Returns how many were new. */
export async function runNotificationDigest(): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const at = now();
  let added = 0;
  let after: string | undefined;
  do {
    const page = await findPendingDigestsPage(at, 500, after ? { after } : {});
    added += await enqueueAll(
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
    await runReflectionReminders();
    await runNotificationDigest();
  },
});
