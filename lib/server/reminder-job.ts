import "server-only";
import { findDueReflectionReminders, recordReminderSent } from "@/lib/db/reminders";
import { env } from "@/lib/env";
import { describeError } from "./action";
import { now } from "./clock";
import { logger } from "./logger";
import { sendMail } from "./mailer";

/** Sends the weekly-reflection reminder e-mails that are due. Returns how many were sent. */
export async function runReflectionReminders(): Promise<number> {
  const due = await findDueReflectionReminders(now());
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
      await recordReminderSent(r);
      sent++;
    } catch (error) {
      logger.warn({ err: describeError(error) }, "reflection reminder not sent");
    }
  }
  if (sent) logger.info({ sent }, "reflection reminders sent");
  return sent;
}

/** Runs the job now and then every hour, when e-mail is configured. */
export function scheduleReflectionReminders(): void {
  if (!env().SMTP_URL) return;
  const run = () => void runReflectionReminders().catch((error: unknown) => logger.warn({ err: describeError(error) }, "reminder job failed"));
  setTimeout(run, 10_000).unref();
  setInterval(run, 60 * 60_000).unref();
}
