import "server-only";
import { prisma, type Prisma } from "./client";
import { effectiveReflectionDay, isReflectionDue, weekLabel, weekStartOf } from "@/lib/domain/week";

export const REFLECTION_REMINDER_KIND = "reflection.reminder";

export type DueReminder = { membershipId: string; organizationId: string; email: string; name: string; weekLabel: string };

/**
 * A system job, across organisations: the people whose weekly reflection is due today and
 * who have not been reminded this week. Each reminder is recorded as a notification, so it
 * is sent once per week and also shows in the app.
 */
export async function findDueReflectionReminders(
  today: Date,
  limit = 500,
  opts: { person?: { organizationId: string; membershipId: string } } = {},
): Promise<DueReminder[]> {
  return (await findDueReflectionRemindersPage(today, limit, opts)).due;
}

/**
 * One page of members (in id order, after `after`), and the due reminders among them. `next`
 * is the cursor of the following page, null after the last: a page may hold no due person.
 */
export async function findDueReflectionRemindersPage(
  today: Date,
  limit = 500,
  opts: { person?: { organizationId: string; membershipId: string }; after?: string } = {},
): Promise<{ due: DueReminder[]; next: string | null }> {
  const weekStart = weekStartOf(today);
  const rows = await prisma().membership.findMany({
    where: {
      ...(opts.person ? { organizationId: opts.person.organizationId, id: opts.person.membershipId } : opts.after ? { id: { gt: opts.after } } : {}),
      status: "ACTIVE",
      reflections: { none: { weekStart } },
      notifications: { none: { kind: REFLECTION_REMINDER_KIND, createdAt: { gte: weekStart } } },
    },
    select: {
      id: true,
      organizationId: true,
      reflectionDay: true,
      organization: { select: { reflectionDay: true } },
      user: { select: { email: true, name: true } },
    },
    orderBy: { id: "asc" },
    take: limit,
  });
  const due = rows
    .filter((m) =>
      isReflectionDue({ today, reflectionDay: effectiveReflectionDay(m.organization.reflectionDay, m.reflectionDay), hasReflectionThisWeek: false }),
    )
    .map((m) => ({ membershipId: m.id, organizationId: m.organizationId, email: m.user.email, name: m.user.name, weekLabel: weekLabel(weekStart) }));
  return { due, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}

/**
 * Stamped with the same clock that decided the reminder was due (not the database's now()),
 * so "reminded this week" is judged in one time line.
 */
export async function recordReminderSent(reminder: DueReminder, sentAt: Date, tx: Prisma.TransactionClient = prisma()): Promise<void> {
  await tx.notification.create({
    data: { organizationId: reminder.organizationId, recipientId: reminder.membershipId, kind: REFLECTION_REMINDER_KIND, createdAt: sentAt },
  });
}
