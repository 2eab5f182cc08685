// Every kind of job Ripple runs. A definition missing here has no queue (enqueue refuses it)
// and no worker. Add later jobs (exports, chat, webhooks, LRS) to this list.
import type { JobDefinition } from "./define";
import { pruneJobKeys } from "./maintenance";
import { inviteEmailJob } from "./invite-email-job";
import { slackReplyJob } from "./chat-job";
import { emailScan, notificationDigestEmail, reflectionReminderEmail } from "./reminder-job";

export function jobCatalog(): readonly JobDefinition[] {
  return [emailScan, reflectionReminderEmail, notificationDigestEmail, inviteEmailJob, pruneJobKeys, slackReplyJob];
}
