import "server-only";
import { z } from "zod";
import { findDueNudgesPage, loadNudge, recordNudgeDelivery } from "@/lib/db/nudges";
import { NUDGE_KINDS, nudgeEmail } from "@/lib/domain/nudges";
import { now } from "@/lib/platform/clock";
import { publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { defineJob, PermanentJobError, type RetryPolicy } from "./define";
import { enqueueMany } from "./enqueue";
import { availableChannels, deliveryChannel, unsubscribeUrls } from "./delivery";

// Nudges (lib/domain/nudges.ts) on the job queue: the hourly scan (email.scan) enqueues one
// keyed job per person, kind and period that is due; each job works out what to say when it runs,
// delivers it through the person's channel, and records the delivery in the transaction that
// marks its key done. However many scans and workers run, a nudge is enqueued once per period,
// and delivered once (a crash between the receiver's acceptance and the commit re-sends it with
// the same Message-ID).

/** Retries 6 times over about two hours (1–2 min, 2–4, … 32–64 min). */
const NUDGE_RETRY: RetryPolicy = { limit: 6, delaySeconds: 60, backoff: true };

const nudgeRef = z.object({
  kind: z.enum(NUDGE_KINDS),
  organizationId: z.uuid(),
  membershipId: z.uuid(),
  period: z.iso.date(),
});

export const nudgeJob = defineJob({
  name: "nudge.deliver",
  payload: nudgeRef,
  key: (p) => `nudge:${p.kind}:${p.membershipId}:${p.period}`,
  retry: NUDGE_RETRY,
  expireInSeconds: 120,
  async handler(ref, job) {
    const at = now();
    const nudge = await loadNudge(ref, at, availableChannels());
    if (!nudge) return; // done meanwhile, turned off, or its day is over
    const channel = deliveryChannel(nudge.channel);
    if (!channel) throw new PermanentJobError(`No delivery channel "${nudge.channel}"`);
    const { page } = unsubscribeUrls(ref, ref.kind);
    const message = nudgeEmail({ name: nudge.name, content: nudge.content, baseUrl: publicUrl(), unsubscribeUrl: page });
    const { messageId } = await channel.send({
      person: { organizationId: ref.organizationId, membershipId: ref.membershipId, email: nudge.email, name: nudge.name },
      kind: ref.kind,
      ...message,
      idempotencyKey: job.idempotencyKey,
    });
    await job.commit((tx) => recordNudgeDelivery(tx, nudge, messageId, at));
  },
});

/** The scan: enqueues the nudges that are due now. Returns how many were new. */
export async function runNudges(opts: { organizationId?: string } = {}): Promise<number> {
  const channels = availableChannels();
  if (!channels.size) return 0;
  const at = now();
  let added = 0;
  let after: string | undefined;
  do {
    const page = await findDueNudgesPage(at, channels, { ...opts, ...(after ? { after } : {}) });
    added += await enqueueMany(nudgeJob, page.due);
    after = page.next ?? undefined;
  } while (after);
  if (added) logger.info({ enqueued: added }, "nudges enqueued");
  return added;
}
