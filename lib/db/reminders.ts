import "server-only";
import { prisma } from "./client";
import { effectiveReflectionDay, isReflectionDue, weekLabel, weekStartOf } from "@/lib/domain/week";

export const REFLECTION_REMINDER_KIND = "reflection.reminder";

export type DueReminder = { membershipId: string; organizationId: string; email: string; name: string; weekLabel: string };

/**
 * A system job, across organisations: the people whose weekly reflection is due today and
 * who have not been reminded this week. Each reminder is recorded as a notification, so it
 * is sent once per week and also shows in the app.
 */
export async function findDueReflectionReminders(today: Date, limit = 500): Promise<DueReminder[]> {
  const weekStart = weekStartOf(today);
  const rows = await prisma().membership.findMany({
    where: {
      status: "ACTIVE",
      reflections: { none: { weekStart } },
      notifications: { none: { kind: REFLECTION_REMINDER_KIND, createdAt: { gte: weekStart } } },
    },
    select: { id: true, organizationId: true, reflectionDay: true, organization: { select: { reflectionDay: true } }, user: { select: { email: true, name: true } } },
    take: limit,
  });
  return rows
    .filter((m) => isReflectionDue({ today, reflectionDay: effectiveReflectionDay(m.organization.reflectionDay, m.reflectionDay), hasReflectionThisWeek: false }))
    .map((m) => ({ membershipId: m.id, organizationId: m.organizationId, email: m.user.email, name: m.user.name, weekLabel: weekLabel(weekStart) }));
}

/**
 * Stamped with the same clock that decided the reminder was due (not the database's now()),
 * so "reminded this week" is judged in one time line.
 */
export async function recordReminderSent(reminder: DueReminder, sentAt: Date): Promise<void> {
  await prisma().notification.create({
    data: { organizationId: reminder.organizationId, recipientId: reminder.membershipId, kind: REFLECTION_REMINDER_KIND, createdAt: sentAt },
  });
}
