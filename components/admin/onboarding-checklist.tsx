"use client";

import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { dismissOnboardingAction } from "@/lib/actions/admin";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OnboardingStep } from "@/lib/domain/onboarding";
import { ActionForm } from "./action-form";

/** A new organisation's first steps, for its admins, on Home. Each step ticks itself off. */
export function OnboardingChecklist({ steps, organizationName }: { steps: OnboardingStep[]; organizationName: string }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section aria-labelledby="onboarding-heading">
      <Card>
        <CardHeader>
          <CardTitle as="h2" id="onboarding-heading">
            Get {organizationName} started
          </CardTitle>
          <CardDescription>
            {done} of {steps.length} done. Each step ticks itself off when it is done.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
            <div className="h-full rounded-full bg-primary" style={{ width: `${(done / steps.length) * 100}%` }} />
          </div>
          <ol className="space-y-3">
            {steps.map((s) => (
              <li key={s.key} className="flex items-start gap-3" data-step={s.key} data-done={s.done}>
                {s.done ? (
                  <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-hidden="true" />
                ) : (
                  <Circle className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
                )}
                <div className="min-w-0">
                  {s.done ? (
                    <p className="text-muted-foreground line-through decoration-muted-foreground/60">
                      {s.label}
                      <span className="sr-only"> (done)</span>
                    </p>
                  ) : (
                    <Link href={s.href} className="font-medium text-primary underline-offset-4 hover:underline">
                      {s.label}
                    </Link>
                  )}
                  {s.done ? null : <p className="text-sm text-muted-foreground">{s.hint}</p>}
                </div>
              </li>
            ))}
          </ol>
          <ActionForm action={dismissOnboardingAction}>
            {({ pending }) => (
              <Button type="submit" variant="ghost" size="sm" disabled={pending}>
                Hide this list
              </Button>
            )}
          </ActionForm>
        </CardContent>
      </Card>
    </section>
  );
}
