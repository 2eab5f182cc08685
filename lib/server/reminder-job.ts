import "server-only";
import { findPendingDigests, recordDigestSent } from "@/lib/db/notifications";
import { findDueReflectionReminders, recordReminderSent } from "@/lib/db/reminders";
import { env } from "@/lib/platform/env";
import { describeError } from "./action";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { sendMail } from "@/lib/platform/mailer";

/** Sends the weekly-reflection reminder e-mails that are due. Returns how many were sent. */
export async function runReflectionReminders(): Promise<number> {
  const today = now();
  const due = await findDueReflectionReminders(today);
  const base = env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`;
  let sent = 0;
  for (const r of due) {
    try {
      const ok = await sendMail({
        to: r.email,
        subject: "Your weekly reflection on Ripple",
        text: `Hello ${r.name},\n\nIt is time for your weekly reflection (${r.weekLabel}).\n\nWhat did you learn this week? How has it affected your performance? How does it help the organisation?\n\nTwo minutes is enough: ${base}/reflect\n\nYou can change your reminder day on that page.\n`,
      });
      if (!ok) return sent;
      await recordReminderSent(r, today);
      sent++;
    } catch (error) {
      logger.warn({ err: describeError(error) }, "reflection reminder not sent");
    }
  }
  if (sent) logger.info({ sent }, "reflection reminders sent");
  return sent;
}

/**
 * Once a day per person, e-mails a plain-text digest of their unread notifications that are
 * more than an hour old and not in an earlier digest. Returns how many were sent. The e-mail
 * names only stories the person may still read; nothing of it is logged.
 */
export async function runNotificationDigest(): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const due = await findPendingDigests(now());
  const base = env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`;
  let sent = 0;
  for (const d of due) {
    try {
      const ok = await sendMail({
        to: d.email,
        subject: d.lines.length === 1 ? "1 new notification on Ripple" : `${d.lines.length} new notifications on Ripple`,
        text: `Hello ${d.name},\n\nWhile you were away:\n\n${d.lines.map((l) => `- ${l}`).join("\n")}\n\nSee them on Ripple: ${base}/notifications\n\nYou get this digest at most once a day, only when something is unread.\n`,
      });
      if (!ok) return sent;
      await recordDigestSent(d);
      sent++;
    } catch (error) {
      logger.warn({ err: describeError(error) }, "notification digest not sent");
    }
  }
  if (sent) logger.info({ sent }, "notification digests sent");
  return sent;
}

/** Runs the jobs (reflection reminders, notification digests) now and then every hour, when e-mail is configured. */
export function scheduleReflectionReminders(): void {
  if (!env().SMTP_URL) return;
  const run = () => {
    void runReflectionReminders().catch((error: unknown) => logger.warn({ err: describeError(error) }, "reminder job failed"));
    void runNotificationDigest().catch((error: unknown) => logger.warn({ err: describeError(error) }, "digest job failed"));
  };
  setTimeout(run, 10_000).unref();
  setInterval(run, 60 * 60_000).unref();
}
