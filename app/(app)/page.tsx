import type { Metadata } from "next";
import Link from "next/link";
import { QuickCaptureForm } from "@/components/stories/quick-capture-form";
import { StoryList } from "@/components/stories/story-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { shellPreferences } from "@/lib/db/profile";
import { listMyStories } from "@/lib/db/stories";
import { listDueFollowUps } from "@/lib/db/follow-ups";
import { reflectionReminder } from "@/lib/db/reflections";
import { ReflectionReminder } from "@/components/reflect/reflection-reminder";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { TeamShared } from "@/components/stories/team-shared";
import { can } from "@/lib/domain/access";
import { sharedWithMe } from "@/lib/db/review";
import { onboardingChecklist } from "@/lib/db/onboarding";
import { OnboardingChecklist } from "@/components/admin/onboarding-checklist";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireActor();
  const reviews = can(actor, "team.review");
  const [channels, recent, due, reminder, shared, prefs, onboarding] = await Promise.all([
    listChannels(actor),
    listMyStories(actor, { take: 5 }),
    listDueFollowUps(actor),
    reflectionReminder(actor),
    reviews ? sharedWithMe(actor, { take: 8 }) : null,
    shellPreferences(actor),
    can(actor, "admin.manage") ? onboardingChecklist(actor) : null,
  ]);
  const firstName = actor.name.split(" ")[0] ?? actor.name;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Hello, {firstName}</h1>
        <p className="mt-1 text-muted-foreground">What did your network teach you this week?</p>
      </div>
      {onboarding ? <OnboardingChecklist steps={onboarding} organizationName={actor.organizationName} /> : null}
      {shared ? <TeamShared unread={shared.unread} items={shared.items} /> : null}
      {reminder.due ? <ReflectionReminder weekLabel={reminder.weekLabel} /> : null}
      {due.length ? (
        <section aria-labelledby="due-heading" className="space-y-3">
          <h2 id="due-heading" className="text-lg font-semibold">
            Stories waiting for their next cycle
          </h2>
          <ul className="divide-y divide-border rounded-lg border border-border bg-card">
            {due.map((f) => (
              <li key={f.id} className="p-4">
                <Link
                  href={`/stories/${f.story.id}/edit${f.cycle ? `#cycle-${f.cycle.toLowerCase()}` : ""}`}
                  className="font-medium text-primary underline-offset-4 hover:underline"
                >
                  {f.cycle ? `Add ${CYCLE_INFO[f.cycle].name.toLowerCase()}` : "What happened next?"} to “{f.story.title}”
                </Link>
                {f.requestedBy.id !== actor.membershipId ? (
                  <p className="text-sm text-muted-foreground">
                    Asked by {f.requestedBy.user.name}
                    {f.note ? (
                      <>
                        : <q className="text-foreground">{f.note}</q>
                      </>
                    ) : null}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Capture a learning moment</CardTitle>
          <CardDescription>
            A question answered in minutes, a tip from a community, an idea from a conference chat. Press{" "}
            <kbd className="rounded border border-border bg-muted px-1 font-mono text-xs">C</kbd> on any page to capture.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <QuickCaptureForm channels={channels.map((c) => ({ key: c.key, label: c.label }))} preferredChannel={prefs.captureChannel} idPrefix="qc-home" />
        </CardContent>
      </Card>
      <section aria-labelledby="recent-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="recent-heading" className="text-lg font-semibold">
            Your recent stories
          </h2>
          <Link href="/stories" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            All my stories
          </Link>
        </div>
        <StoryList stories={recent} emptyText="Nothing yet. Your first captured moment will appear here." />
      </section>
    </div>
  );
}
