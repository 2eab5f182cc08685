"use client";

import Link from "next/link";
import { useActionState, useEffect, useState, useTransition, type FormEvent } from "react";
import { saveReflectionAction, saveReflectionDraftAction, skipWeekAction } from "@/lib/actions/reflect";
import { ConflictNotice, type ConflictField } from "@/components/forms/conflict-notice";
import { SaveStatus } from "@/components/forms/save-status";
import { useAutosave, type ServerVersion } from "@/components/forms/use-autosave";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import {
  changedReflectionFields,
  EMPTY_REFLECTION_DRAFT,
  mergeReflectionDrafts,
  REFLECTION_ANSWER_MAX,
  REFLECTION_QUESTIONS,
  reviveReflectionDraft,
  sameReflectionDraft,
  type ReflectionDraftDoc,
} from "@/lib/domain/reflection";

type SubmitState = Awaited<ReturnType<typeof saveReflectionAction>> | null;
type SkipState = Awaited<ReturnType<typeof skipWeekAction>> | null;

export type ReflectionFormStory = { id: string; title: string; dateLabel: string; dateTime: string; linked: boolean };

export type ReflectionFormInitial = {
  /** The week's draft as the server holds it (version 0: none; then the saved answers, if any). */
  draft: ServerVersion<ReflectionDraftDoc>;
  /** Where this browser keeps unsent changes: per person and week. */
  storageKey: string;
  /** This week already has a reflection with answers. */
  saved: boolean;
  /** This week is marked "Nothing this week". */
  skipped: boolean;
};

const QUESTIONS = [
  { name: "learned", label: REFLECTION_QUESTIONS.learned, hint: "A tip, an answer, an idea, a conversation. A line or two is enough." },
  { name: "performance", label: REFLECTION_QUESTIONS.performance, hint: "Time saved, better quality, something you could not do before." },
  { name: "organizationImpact", label: REFLECTION_QUESTIONS.organizationImpact, hint: "Customers, colleagues, cost, speed, or how your team works." },
] as const;

const OFFLINE_MESSAGE = "We could not reach Ripple. Your answers are kept on this device; save again when you are back online.";

/**
 * This week's reflection: the three questions, stories to link, sharing, and "Nothing this
 * week". What the person types is a draft, autosaved like a story (in this browser at once, on
 * the server after a pause, restored on any device); it becomes the week's reflection only when
 * they press "Save reflection".
 */
export function ReflectionForm({ initial, stories }: { initial: ReflectionFormInitial; stories: ReflectionFormStory[] }) {
  const autosave = useAutosave<ReflectionDraftDoc>({
    storageKey: initial.storageKey,
    channel: "ripple-reflection-drafts",
    initial: initial.draft,
    save: (baseVersion, doc) => saveReflectionDraftAction(null, { baseVersion, doc }),
    sameContent: sameReflectionDraft,
    revive: reviveReflectionDraft,
  });
  const { doc, setDoc, state, conflict, resolveWith } = autosave;
  const [touched, setTouched] = useState(false);
  const [submitState, setSubmitState] = useState<SubmitState>(null);
  const [submitting, startSubmit] = useTransition();
  const [skipState, skipAction, skipping] = useActionState<SkipState, FormData>(async (_prev, form) => {
    await autosave.settle();
    try {
      return await skipWeekAction(null, form);
    } catch {
      return { ok: false, code: "error", message: OFFLINE_MESSAGE } as const;
    }
  }, null);
  const [last, setLast] = useState<"save" | "skip" | null>(null);

  const offered = new Set(stories.map((s) => s.id));
  const { formRef, errors, formError } = useFormResult(last === "save" ? submitState : null);

  // A new answer to "skip" is the result shown (state adjusted while rendering, as React advises).
  const [skipSeen, setSkipSeen] = useState(skipState);
  if (skipState !== skipSeen) {
    setSkipSeen(skipState);
    if (skipState) setLast("skip");
  }
  useEffect(() => {
    if (!skipState) return;
    // The week's answers are now empty: show that rather than what was typed before.
    if (skipState.ok) autosave.reset({ version: 0, doc: { ...EMPTY_REFLECTION_DRAFT, sharedWithManager: doc.sharedWithManager }, updatedAt: null });
    else autosave.resume();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [skipState]);

  const change = (update: (d: ReflectionDraftDoc) => ReflectionDraftDoc) => {
    setTouched(true);
    setDoc(update);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startSubmit(async () => {
      await autosave.settle();
      const sent: ReflectionDraftDoc = { ...doc, storyIds: doc.storyIds.filter((id) => offered.has(id)) };
      let result: SubmitState;
      try {
        result = await saveReflectionAction(null, sent);
      } catch {
        result = { ok: false, code: "error", message: OFFLINE_MESSAGE };
      }
      setSubmitState(result);
      setLast("save");
      // The draft is now the week's reflection (the server removed it): start again from there.
      if (result.ok) autosave.reset({ version: 0, doc: sent, updatedAt: new Date() });
      else autosave.resume();
    });
  }

  const skipFailed = skipState && !skipState.ok ? skipState : null;
  const titleOf = new Map(stories.map((s) => [s.id, s.title]));
  const showDraftState = touched || initial.draft.version > 0 || state.kind !== "saved";

  return (
    <div className="space-y-6">
      {initial.skipped ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          You marked this week as “Nothing this week”. If something comes up, answer below and save.
        </p>
      ) : null}
      <div className="space-y-2">
        <p id="reflection-draft-hint" className="text-sm text-muted-foreground">
          Your answers are kept as you type, as a draft only you see, on this device and on your account. They become this week&apos;s reflection when you save
          it.
        </p>
        <SaveStatus state={state} savedText="Draft kept" quiet={!showDraftState} />
        <ConflictNotice
          noun="reflection"
          conflict={conflict}
          mine={doc}
          fields={(mine, saved) => reflectionConflictFields(mine, saved, titleOf)}
          asText={(d) => reflectionAsText(d, titleOf)}
          merge={mergeReflectionDrafts}
          bothHint="“Keep both” keeps both answers to each question and the stories of both; it is shared with your manager only if both versions were."
          resolveWith={resolveWith}
          restore={(mine) => change(() => mine)}
        />
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-label="This week's reflection" aria-describedby="reflection-draft-hint">
        <FormError message={formError} />
        {QUESTIONS.map((q) => (
          <Field key={q.name} id={`reflection-${q.name}`} label={q.label} hint={q.hint} error={errors[q.name]?.[0]}>
            <Textarea
              name={q.name}
              rows={3}
              maxLength={REFLECTION_ANSWER_MAX}
              value={doc[q.name]}
              onChange={(e) => change((d) => ({ ...d, [q.name]: e.target.value }))}
            />
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
                        checked={doc.storyIds.includes(s.id)}
                        onChange={(e) =>
                          change((d) => ({
                            ...d,
                            storyIds: e.target.checked ? [...d.storyIds.filter((id) => id !== s.id), s.id] : d.storyIds.filter((id) => id !== s.id),
                          }))
                        }
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
              No stories from this week yet. Press <kbd className="rounded border border-border bg-muted px-1 font-mono text-xs">C</kbd> to capture one, or see{" "}
              <Link href="/stories" className="text-primary underline underline-offset-4">
                My stories
              </Link>
              .
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
              checked={doc.sharedWithManager}
              onChange={(e) => change((d) => ({ ...d, sharedWithManager: e.target.checked }))}
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
          <Button type="submit" disabled={submitting || skipping}>
            {submitting ? "Saving…" : "Save reflection"}
          </Button>
          <p role="status" aria-live="polite" className="text-sm font-medium text-success">
            {last === "save" && submitState?.ok ? "Reflection saved. You can change it any time this week." : null}
          </p>
        </div>
      </form>

      <form action={skipAction} className="space-y-2 border-t border-border pt-4" aria-label="Nothing this week">
        <p className="text-sm text-muted-foreground">
          {initial.saved
            ? "Nothing to note after all? This clears this week's answers."
            : "Nothing to note this week? That's fine: say so, and we won't remind you again until next week."}
        </p>
        <FormError message={skipFailed?.message} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="outline" size="sm" disabled={submitting || skipping}>
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

const FIELD_LABEL: Record<string, string> = { ...REFLECTION_QUESTIONS, storyIds: "Linked stories", sharedWithManager: "Shared with my manager" };

function showField(doc: ReflectionDraftDoc, field: keyof ReflectionDraftDoc, titles: Map<string, string>): string {
  if (field === "storyIds") return doc.storyIds.length ? doc.storyIds.map((id) => titles.get(id) ?? "a story not listed this week").join("\n") : "(none)";
  if (field === "sharedWithManager") return doc.sharedWithManager ? "Yes" : "No";
  return doc[field] || "(no answer)";
}

function reflectionConflictFields(mine: ReflectionDraftDoc, saved: ReflectionDraftDoc, titles: Map<string, string>): ConflictField[] {
  return changedReflectionFields(mine, saved).map((f) => ({
    key: f,
    label: FIELD_LABEL[f] ?? f,
    mine: showField(mine, f, titles),
    saved: showField(saved, f, titles),
  }));
}

function reflectionAsText(doc: ReflectionDraftDoc, titles: Map<string, string>): string {
  return (["learned", "performance", "organizationImpact", "storyIds", "sharedWithManager"] as const)
    .map((f) => `${FIELD_LABEL[f]}\n${showField(doc, f, titles)}`)
    .join("\n\n");
}
