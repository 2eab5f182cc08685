import "server-only";
import { prisma } from "./client";
import { assertCan } from "./access";
import type { Actor } from "@/lib/domain/actor";
import { onboardingSteps, showOnboarding, type OnboardingStep } from "@/lib/domain/onboarding";
import { ExpectedError } from "@/lib/platform/errors";
import { now } from "@/lib/platform/clock";

/** The admin's onboarding checklist, from the organisation's own data; null when it is not shown. */
export async function onboardingChecklist(actor: Actor): Promise<OnboardingStep[] | null> {
  assertCan(actor, "admin.manage");
  const org = { organizationId: actor.organizationId };
  const me = await prisma().membership.findFirst({ where: { id: actor.membershipId, ...org }, select: { onboardingDismissedAt: true } });
  if (!me || me.onboardingDismissedAt) return null;
  const [otherPeople, invites, teams, reportingLines, catalogueChanges, stories] = await Promise.all([
    prisma().membership.count({ where: { ...org, id: { not: actor.membershipId } } }),
    prisma().invite.count({ where: org }),
    prisma().team.count({ where: org }),
    prisma().membership.count({ where: { ...org, managerId: { not: null } } }),
    prisma().auditEvent.count({ where: { ...org, action: "settings.changed" } }),
    prisma().story.count({ where: org }),
  ]);
  const steps = onboardingSteps({ otherPeople, invites, teams, reportingLines, catalogueChanges, stories });
  return showOnboarding(steps, false) ? steps : null;
}

/**
 * Hides the checklist for this admin (a preference of their own, like their reminder day: not
 * an audited event).
 */
export async function dismissOnboarding(actor: Actor) {
  assertCan(actor, "admin.manage");
  const { count } = await prisma().membership.updateMany({
    where: { id: actor.membershipId, organizationId: actor.organizationId },
    data: { onboardingDismissedAt: now() },
  });
  if (count !== 1) throw new ExpectedError("not_found", "We could not find your membership. Sign in again.");
  return { dismissed: true };
}
