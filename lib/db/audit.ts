import "server-only";
import { prisma, type Prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";
import { now } from "@/lib/server/clock";

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

export async function recordAudit(event: {
  action: AuditAction;
  organizationId?: string | null;
  actorId?: string | null;
  subject?: string | null;
  targetType?: string;
  targetId?: string;
  meta?: Prisma.InputJsonValue;
}): Promise<void> {
  await prisma().auditEvent.create({
    data: {
      // Stamped by the clock, not Prisma's default (the process's own time): the sign-in limits
      // compare these stamps with the clock's now().
      createdAt: now(),
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
