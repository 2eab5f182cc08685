"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { saveReflectionAction, skipWeekAction } from "@/app/(app)/reflect/actions";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { REFLECTION_ANSWER_MAX, REFLECTION_QUESTIONS } from "@/lib/validation/reflection";

type SaveState = Awaited<ReturnType<typeof saveReflectionAction>> | null;
type SkipState = Awaited<ReturnType<typeof skipWeekAction>> | null;

export type ReflectionFormStory = { id: string; title: string; dateLabel: string; dateTime: string; linked: boolean };

export type ReflectionFormInitial = {
  learned: string;
  performance: string;
  organisation: string;
  sharedWithManager: boolean;
  /** This week already has a reflection with answers. */
  saved: boolean;
  /** This week is marked "Nothing this week". */
  skipped: boolean;
};

const QUESTIONS = [
  { name: "learned", label: REFLECTION_QUESTIONS.learned, hint: "A tip, an answer, an idea, a conversation. A line or two is enough." },
  { name: "performance", label: REFLECTION_QUESTIONS.performance, hint: "Time saved, better quality, something you could not do before." },
  { name: "organisation", label: REFLECTION_QUESTIONS.organisation, hint: "Customers, colleagues, cost, speed, or how your team works." },
] as const;

/**
 * This week's reflection: the three questions, stories to link, sharing, and "Nothing this
 * week". Answers stay in the form after saving (the page passes the saved ones back in).
 */
export function ReflectionForm({ initial, stories }: { initial: ReflectionFormInitial; stories: ReflectionFormStory[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [saveState, saveAction, saving] = useActionState<SaveState, FormData>(saveReflectionAction, null);
  const [skipState, skipAction, skipping] = useActionState<SkipState, FormData>(skipWeekAction, null);
  const [last, setLast] = useState<"save" | "skip" | null>(null);

  // After "Nothing this week", what was typed into a refused save is no longer shown.
  const failed = last !== "skip" && saveState && !saveState.ok ? saveState : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values;
  useFocusFirstError(formRef, failed);

  useEffect(() => {
    if (saveState) setLast("save");
  }, [saveState]);
  useEffect(() => {
    if (!skipState) return;
    setLast("skip");
    // The week's answers are now empty: show that rather than what was typed before.
    if (skipState.ok) formRef.current?.reset();
  }, [skipState]);

  const answer = (name: (typeof QUESTIONS)[number]["name"]) => (values ? (values[name] ?? "") : initial[name]);
  const linkedAfterFailure = values ? new Set((values.storyIds ?? "").split("\n").filter(Boolean)) : null;
  const shared = values ? values.sharedWithManager === "on" : initial.sharedWithManager;
  const skipFailed = skipState && !skipState.ok ? skipState : null;

  return (
    <div className="space-y-6">
      {initial.skipped ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          You marked this week as “Nothing this week”. If something comes up, answer below and save.
        </p>
      ) : null}
      <form ref={formRef} action={saveAction} noValidate className="space-y-5" aria-label="This week's reflection">
        {failed && !Object.keys(errors).length ? (
          <Alert variant="destructive">
            <AlertDescription>{failed.message}</AlertDescription>
          </Alert>
        ) : null}
        {QUESTIONS.map((q) => (
          <Field key={q.name} id={`reflection-${q.name}`} label={q.label} hint={q.hint} error={errors[q.name]?.[0]}>
            <Textarea name={q.name} rows={3} maxLength={REFLECTION_ANSWER_MAX} defaultValue={answer(q.name)} />
          </Field>
        ))}

        <fieldset className="space-y-2" aria-describedby={errors.storyIds ? "reflection-stories-error" : "reflection-stories-hint"}>
          <legend className="text-sm font-medium">Link this week&apos;s stories (optional)</legend>
          {stories.length ? (
            <>
              <p id="reflection-stories-hint" className="text-sm text-muted-foreground">
                Stories you captured this week. Linking shows what your reflection grew from.
              </p>
              <ul className="space-y-1">
                {stories.map((s) => (
                  <li key={s.id}>
                    <label className="flex min-h-10 cursor-pointer items-start gap-3 rounded-md px-2 py-2 hover:bg-muted/60">
                      <input
                        type="checkbox"
                        name="storyIds"
                        value={s.id}
                        defaultChecked={linkedAfterFailure ? linkedAfterFailure.has(s.id) : s.linked}
                        aria-invalid={errors.storyIds ? true : undefined}
                        className="mt-0.5 size-4 shrink-0 accent-primary"
                      />
                      <span className="min-w-0">
                        <span data-story-title className="block text-sm break-words">
                          {s.title}
                        </span>
                        <time dateTime={s.dateTime} className="block text-xs text-muted-foreground">
                          {s.dateLabel}
                        </time>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p id="reflection-stories-hint" className="text-sm text-muted-foreground">
              No stories from this week yet. Press <kbd className="rounded border border-border bg-muted px-1 font-mono text-xs">C</kbd> to capture
              one, or see <Link href="/stories" className="text-primary underline underline-offset-4">My stories</Link>.
            </p>
          )}
          {errors.storyIds ? (
            <p id="reflection-stories-error" className="text-sm font-medium text-destructive">
              {errors.storyIds[0]}
            </p>
          ) : null}
        </fieldset>

        <div className="space-y-1">
          <label className="flex min-h-10 cursor-pointer items-center gap-3 text-sm font-medium">
            <input
              type="checkbox"
              name="sharedWithManager"
              defaultChecked={shared}
              aria-describedby="reflection-share-hint"
              className="size-4 shrink-0 accent-primary"
            />
            Share with my manager
          </label>
          <p id="reflection-share-hint" className="ps-7 text-sm text-muted-foreground">
            Your manager sees your answers on their Team page.
          </p>
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={saving || skipping}>
            {saving ? "Saving…" : "Save reflection"}
          </Button>
          <p role="status" aria-live="polite" className="text-sm font-medium text-success">
            {last === "save" && saveState?.ok ? "Reflection saved. You can change it any time this week." : null}
          </p>
        </div>
      </form>

      <form action={skipAction} className="space-y-2 border-t border-border pt-4" aria-label="Nothing this week">
        <p className="text-sm text-muted-foreground">
          {initial.saved ? "Nothing to note after all? This clears this week's answers." : "Nothing to note this week? That's fine: say so, and we won't remind you again until next week."}
        </p>
        {skipFailed ? (
          <Alert variant="destructive">
            <AlertDescription>{skipFailed.message}</AlertDescription>
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="outline" size="sm" disabled={saving || skipping}>
            {skipping ? "Saving…" : "Nothing this week"}
          </Button>
          <p role="status" aria-live="polite" className="text-sm font-medium text-success">
            {last === "skip" && skipState?.ok ? "Noted: nothing this week." : null}
          </p>
        </div>
      </form>
    </div>
  );
}
