import "server-only";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import { storableJson, storableText } from "@/lib/validation/common";
import { now } from "@/lib/platform/clock";
import { recordOutbound } from "./outbox";

/** Security-relevant events. Never pass story text or secrets in meta. */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_blocked"
  | "auth.sign_up"
  | "auth.sign_out"
  | "auth.password_changed"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "auth.password_reset_link_created"
  | "profile.changed"
  | "profile.unsubscribed"
  | "story.created"
  | "story.visibility_changed"
  | "story.erased"
  | "member.role_changed"
  | "member.team_changed"
  | "member.deactivated"
  | "member.reactivated"
  | "invite.created"
  | "invite.accepted"
  | "invite.revoked"
  | "settings.changed"
  | "team.changed"
  | "export.created"
  | "export.requested"
  | "export.downloaded"
  | "review.asked_next"
  | "review.figure_confirmed"
  | "review.highlighted"
  | "story.acknowledged"
  | "chat.connected"
  | "chat.disconnected"
  | "chat.linked"
  | "chat.unlinked"
  | "scim.token_created"
  | "scim.token_revoked"
  | "scim.user_created"
  | "scim.user_updated"
  | "scim.user_deleted"
  | "story.cycle_added"
  | "webhook.created"
  | "webhook.changed"
  | "webhook.deleted"
  | "webhook.tested"
  | "outbound.replayed"
  | "lrs.connected"
  | "lrs.disconnected"
  | "api_token.created"
  | "api_token.revoked";

export type AuditEventInput = {
  action: AuditAction;
  organizationId?: string | null;
  actorId?: string | null;
  subject?: string | null;
  targetType?: string;
  targetId?: string;
  meta?: Prisma.InputJsonValue;
};

type Tx = Prisma.TransactionClient;

/**
 * Records an audit event. A write passes its transaction client, so the event and the write
 * commit together or not at all (see `auditedWrite`); alone, it records only the event (a sign-in
 * attempt, an export). Text in the subject and meta is made storable first (lib/validation/common.ts:
 * a lone surrogate or NUL cannot make jsonb refuse the event, and with it the write).
 */
export async function recordAudit(event: AuditEventInput, tx: Tx = prisma()): Promise<void> {
  // Stamped by the clock, not Prisma's default (the process's own time): the sign-in limits
  // compare these stamps with the clock's now().
  const data = eventData(event, now());
  // An organisation's events live with its data (keyed by organizationId); an event of no
  // organisation (a sign-in attempt for an unknown e-mail) is a system event.
  if (event.organizationId) {
    await tx.auditEvent.create({ data: { ...data, organizationId: event.organizationId, actorId: event.actorId ?? null } });
    // The same event, as outbound work for the organisation's webhooks and LRS (lib/db/outbox.ts).
    await recordOutbound(outboxAudit(event, event.organizationId), tx);
  } else await tx.systemAuditEvent.create({ data });
}

function outboxAudit(event: AuditEventInput, organizationId: string) {
  return {
    action: event.action,
    organizationId,
    actorId: event.actorId ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    meta: event.meta ?? null,
  };
}

function eventData(event: AuditEventInput, createdAt: Date) {
  return {
    createdAt,
    action: event.action,
    subject: event.subject == null ? null : storableText(event.subject),
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ...(event.meta === undefined ? {} : { meta: storableJson(event.meta) }),
  };
}

/**
 * A write and its audit events in one transaction: `work` gets the transaction client and an
 * `audit` function bound to it. If the write or any audit event fails, nothing is written.
 * Every data function that writes and audits goes through here (tests/unit/audit-transactions.test.ts).
 */
export async function auditedWrite<T>(
  work: (tx: Tx, audit: (event: AuditEventInput) => Promise<void>) => Promise<T>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma().$transaction((tx) => work(tx, (event) => recordAudit(event, tx)), options);
    } catch (error) {
      // PostgreSQL ended the transaction to break a deadlock (or a serialization conflict): nothing
      // of it was written, so it runs again, after a short random pause that lets the other finish.
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** Tries of a write PostgreSQL aborts for a deadlock or a serialization failure. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Whether PostgreSQL aborted the transaction for a deadlock (40P01) or a serialization failure
 * (40001): Prisma says P2034 for its own queries, P2010 with the driver's code for raw ones.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  if (e.code === "P2034") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40P01" || cause?.originalCode === "40001";
}

/** Many audit events of one write at once (a bulk invitation), in its transaction, made storable like recordAudit's. */
export async function recordAuditMany(events: readonly AuditEventInput[], tx: Tx): Promise<void> {
  if (!events.length) return;
  const at = now();
  const ofOrganization = events.flatMap((e) =>
    e.organizationId ? [{ ...eventData(e, at), organizationId: e.organizationId, actorId: e.actorId ?? null }] : [],
  );
  const ofNone = events.filter((e) => !e.organizationId).map((e) => eventData(e, at));
  if (ofOrganization.length) await tx.auditEvent.createMany({ data: ofOrganization });
  for (const e of events) if (e.organizationId) await recordOutbound(outboxAudit(e, e.organizationId), tx);
  if (ofNone.length) await tx.systemAuditEvent.createMany({ data: ofNone });
}

export function auditFromActor(actor: Actor) {
  return { organizationId: actor.organizationId, actorId: actor.membershipId };
}
