// Every kind of job Ripple runs. A definition missing here has no queue (enqueue refuses it)
// and no worker. Add later jobs (exports, chat, webhooks, LRS) to this list.
import { emailScan, notificationDigestEmail, reflectionReminderEmail } from "@/lib/server/reminder-job";
import { inviteEmailJob } from "@/lib/server/invite-email-job";
import type { JobDefinition } from "./define";
import { pruneJobKeys } from "./maintenance";

export function jobCatalog(): readonly JobDefinition[] {
  return [emailScan, reflectionReminderEmail, notificationDigestEmail, inviteEmailJob, pruneJobKeys];
}
