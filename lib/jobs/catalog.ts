// Every kind of job Ripple runs. A definition missing here has no queue (enqueue refuses it)
// and no worker. Add later jobs (exports, chat, webhooks, LRS) to this list.
import type { JobDefinition } from "./define";
import { pruneJobKeys } from "./maintenance";
import { inviteEmailJob } from "./invite-email-job";
import { expireExportFilesJob, exportFileJob } from "./export-file-job";
import { nudgeJob } from "./nudge-job";
import { pruneChatLinkRequestsJob, slackReplyJob } from "./chat-job";
import { outboundDeliverJob, outboundSweepJob } from "./outbound-job";
import { emailScan, notificationDigestEmail } from "./reminder-job";

export function jobCatalog(): readonly JobDefinition[] {
  return [
    emailScan,
    nudgeJob,
    notificationDigestEmail,
    inviteEmailJob,
    pruneJobKeys,
    exportFileJob,
    expireExportFilesJob,
    slackReplyJob,
    pruneChatLinkRequestsJob,
    outboundDeliverJob,
    outboundSweepJob,
  ];
}
