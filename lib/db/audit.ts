import "server-only";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";

/** Security-relevant events. Never pass story text or secrets in meta. */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_blocked"
  | "auth.sign_up"
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
  | "export.created";

/** Records an event; pass the transaction of the write it belongs to, so both happen or neither. */
export async function recordAudit(
  event: {
    action: AuditAction;
    organizationId?: string | null;
    actorId?: string | null;
    subject?: string | null;
    targetType?: string;
    targetId?: string;
    meta?: Prisma.InputJsonValue;
  },
  db: Pick<Prisma.TransactionClient, "auditEvent"> = prisma(),
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      organizationId: event.organizationId ?? null,
      actorId: event.actorId ?? null,
      subject: event.subject ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ...(event.meta === undefined ? {} : { meta: event.meta }),
    },
  });
}

export function auditFromActor(actor: Actor) {
  return { organizationId: actor.organizationId, actorId: actor.membershipId };
}
