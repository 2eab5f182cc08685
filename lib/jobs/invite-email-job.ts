import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/lib/platform/secret";
import { createBulkInvites, hashInviteToken, inviteEmail, invitePath, pendingInviteForEmail } from "@/lib/db/invites";
import type { Actor } from "@/lib/domain/actor";
import { defineJob, enqueue, PermanentJobError, type RetryPolicy } from "@/lib/jobs";
import { env, publicUrl } from "@/lib/platform/env";
import { emailConfigured, mailer } from "@/lib/platform/mailer";

// The e-mails of a bulk invitation go through the job queue: one keyed job per invitation,
// enqueued in the transaction that creates it, so each e-mail is enqueued once, survives a
// restart, and is retried when the mail server is away. The link's token is derived from the
// invitation's id with the auth secret (HMAC-SHA-256), so the job can write the link without the
// token ever being stored (only its hash is, as for every invitation), and a retry sends the
// same link, with the same Message-ID.

/** The token of a bulk invitation's link. */
export function bulkInviteToken(inviteId: string): string {
  return createHmac("sha256", authSecret()).update(`ripple-invite:${inviteId}`, "utf8").digest("base64url");
}

const EMAIL_RETRY: RetryPolicy = { limit: 6, delaySeconds: 60, backoff: true };

export const inviteEmailJob = defineJob({
  name: "email.invite",
  payload: z.object({ organizationId: z.uuid(), inviteId: z.uuid() }),
  key: (p) => `invite-email:${p.inviteId}`,
  retry: EMAIL_RETRY,
  expireInSeconds: 120,
  async handler(p, job) {
    const invite = await pendingInviteForEmail(p.organizationId, p.inviteId);
    if (!invite) return; // revoked, accepted or expired meanwhile: nothing to send
    const token = bulkInviteToken(invite.id);
    if (hashInviteToken(token) !== invite.tokenHash)
      throw new PermanentJobError("The auth secret changed since the invitation was made: its link cannot be written again");
    const transport = mailer();
    if (!transport) throw new Error("E-mail is not configured (SMTP_URL)"); // retried: the setting may come back
    const message = inviteEmail({
      to: invite.email,
      inviterName: invite.inviterName,
      organizationName: invite.organizationName,
      role: invite.role,
      path: invitePath(token),
      expiresAt: invite.expiresAt,
      accountElsewhere: invite.accountElsewhere,
    });
    const host = new URL(publicUrl()).hostname || "ripple.local";
    await transport.sendMail({ from: env().SMTP_FROM, ...message, messageId: `<${job.idempotencyKey}@${host}>` });
  },
});

/** Creates the invitations of a bulk invitation (all or none) and, when e-mail is set up, their e-mail jobs in the same transaction. */
export async function inviteMany(actor: Actor, text: string) {
  const emailed = emailConfigured();
  const invites = await createBulkInvites(actor, text, {
    tokenFor: bulkInviteToken,
    inTransaction: emailed
      ? async (tx, created) => {
          for (const i of created) await enqueue(inviteEmailJob, { organizationId: actor.organizationId, inviteId: i.id }, { tx });
        }
      : undefined,
  });
  return { invites, emailed };
}
