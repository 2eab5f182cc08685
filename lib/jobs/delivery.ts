import "server-only";
import { unsubscribeToken, type UnsubscribeKind } from "@/lib/db/nudges";
import type { NudgeChannel } from "@/lib/domain/nudges";
import { env, publicUrl } from "@/lib/platform/env";
import { mailer } from "@/lib/platform/mailer";

// Where a nudge is delivered: one small interface, one implementation per channel. E-mail is
// built in; Slack direct messages plug in by registering themselves (lib/jobs/chat-job.ts).

/** One person's nudge, channel-neutral: plain text with absolute links. */
export type NudgeMessage = {
  person: { organizationId: string; membershipId: string; email: string; name: string };
  /** What the unsubscribe link stops. */
  kind: UnsubscribeKind;
  subject: string;
  text: string;
  /**
   * The same on every attempt of one delivery (the job's idempotency key): the channel gives it to
   * the receiver (e-mail: the Message-ID), so a delivery repeated after a crash is recognisably one.
   */
  idempotencyKey: string;
};

export interface DeliveryChannel {
  readonly id: Exclude<NudgeChannel, "off">;
  /** Whether the channel can deliver at all now (e-mail: SMTP_URL is set). */
  configured(): boolean;
  /** Delivers, or throws (the job is then retried with backoff). Returns the receiver's message id. */
  send(message: NudgeMessage): Promise<{ messageId: string }>;
}

/** The person's own links for one kind: the confirm page (in the text) and the one-click POST address (RFC 8058). */
export function unsubscribeUrls(person: { organizationId: string; membershipId: string }, kind: UnsubscribeKind): { page: string; oneClick: string } {
  const token = unsubscribeToken(person, kind);
  return { page: `${publicUrl()}/unsubscribe/${token}`, oneClick: `${publicUrl()}/api/unsubscribe/${token}` };
}

export const emailChannel: DeliveryChannel = {
  id: "email",
  configured: () => Boolean(env().SMTP_URL),
  async send(message) {
    const transport = mailer();
    if (!transport) throw new Error("E-mail is not configured (SMTP_URL)"); // retried: the setting may come back
    const host = new URL(publicUrl()).hostname || "ripple.local";
    const messageId = `<${message.idempotencyKey}@${host}>`;
    const { oneClick } = unsubscribeUrls(message.person, message.kind);
    await transport.sendMail({
      from: env().SMTP_FROM,
      to: message.person.email,
      subject: message.subject,
      text: message.text,
      messageId,
      // RFC 2369 and RFC 8058: mail clients offer "Unsubscribe", and one click POSTs
      // "List-Unsubscribe=One-Click" to this address (no sign-in; the token is the person's).
      headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    return { messageId };
  },
};

const g = globalThis as typeof globalThis & { __rippleDeliveryChannels?: Map<string, DeliveryChannel> };
const registry = (g.__rippleDeliveryChannels ??= new Map<string, DeliveryChannel>([[emailChannel.id, emailChannel]]));

/** Another channel plugs in here at start-up: Slack direct messages register from chat-job.ts. */
export function registerDeliveryChannel(channel: DeliveryChannel): void {
  registry.set(channel.id, channel);
}

export function deliveryChannel(id: NudgeChannel): DeliveryChannel | undefined {
  return id === "off" ? undefined : registry.get(id);
}

/** The channels that can deliver now. */
export function availableChannels(): Set<NudgeChannel> {
  return new Set([...registry.values()].filter((c) => c.configured()).map((c) => c.id));
}
