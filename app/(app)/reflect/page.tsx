import type { Metadata } from "next";
import { ReflectionForm } from "@/components/reflect/reflection-form";
import { ReflectionHistory } from "@/components/reflect/reflection-history";
import { ReminderDayForm } from "@/components/reflect/reminder-day-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getReflectionWeek, listReflectionHistory, reflectionReminder } from "@/lib/db/reflections";
import { now } from "@/lib/platform/clock";
import { formatDate } from "@/lib/domain/format";

export const metadata: Metadata = { title: "Weekly reflection" };

// Weeks are UTC (lib/domain/week.ts), so story dates are shown in UTC too: the same on the
// server and in the browser, and always inside the week they are listed under.

export default async function ReflectPage() {
  const actor = await requireActor();
  const [week, history, reminder] = await Promise.all([getReflectionWeek(actor, now()), listReflectionHistory(actor, { take: 52 }), reflectionReminder(actor)]);
  const r = week.reflection;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Weekly reflection</h1>
        <p className="mt-1 text-muted-foreground">Three questions, a few minutes. Answer one, two or all three.</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{week.weekLabel}</CardTitle>
          <CardDescription>
            {r && !r.skipped
              ? "You reflected on this week. Change your answers and save again any time this week."
              : "Look back on what your network and your work taught you."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ReflectionForm
            initial={{
              draft: week.draft,
              storageKey: `ripple:reflection-draft:${actor.membershipId}:${week.weekStart.toISOString().slice(0, 10)}`,
              saved: Boolean(r && !r.skipped),
              skipped: Boolean(r?.skipped),
            }}
            stories={week.stories.map((s) => ({
              id: s.id,
              title: s.title,
              linked: s.linked,
              dateTime: s.occurredAt.toISOString(),
              dateLabel: formatDate(s.occurredAt, "weekdayDay"),
            }))}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            When to remind you
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ReminderDayForm day={reminder.day} />
        </CardContent>
      </Card>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Your reflections
        </h2>
        <ReflectionHistory reflections={history} />
      </section>
    </div>
  );
}
