"use client";

import { useActionState } from "react";
import { updateNudgePreferencesAction } from "@/lib/actions/nudges";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectNative } from "@/components/ui/select-native";
import { hourLabel, NUDGE_KINDS, NUDGE_LABELS, type NudgeChannel, type NudgeDays, type NudgeKind } from "@/lib/domain/nudges";
import { timeZoneLabel } from "@/lib/domain/time-zone";

type State = Awaited<ReturnType<typeof updateNudgePreferencesAction>> | null;

export type NudgePreferencesValues = Record<NudgeKind, NudgeChannel> & { hour: number; days: NudgeDays; chatLinked: boolean };

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * "Reminders outside Ripple": per kind off or e-mail (Slack once the person linked a chat
 * account), the hour in their time zone and the days. Its own form and save, apart from the
 * profile form above it. Each select is keyed by its default so a refusal shows what was chosen.
 */
export function NudgePreferences({ prefs, timeZone, emailConfigured }: { prefs: NudgePreferencesValues; timeZone: string; emailConfigured: boolean }) {
  const [state, action, pending] = useActionState<State, FormData>(updateNudgePreferencesAction, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  const v = (name: string, saved: string) => values[name] ?? saved;
  return (
    <form ref={formRef} action={action} noValidate className="space-y-6" aria-labelledby="nudges-title">
      <FormError message={formError} />
      {emailConfigured ? null : (
        <p className="rounded-md border border-border bg-muted px-3 py-2 text-sm text-muted-foreground">
          Your organisation&apos;s Ripple does not send e-mail yet; these take effect when it does. Your notifications in Ripple come either way.
        </p>
      )}
      <div className="space-y-4">
        {NUDGE_KINDS.map((kind) => (
          <Field key={kind} id={`nudge-${kind}`} label={NUDGE_LABELS[kind].title} hint={NUDGE_LABELS[kind].hint} error={errors[kind]?.[0]}>
            <SelectNative key={v(kind, prefs[kind])} name={kind} defaultValue={v(kind, prefs[kind])} wrapperClassName="sm:max-w-56">
              <option value="email">By e-mail</option>
              {/* SLACK: offered once the person has linked a chat account (lib/db/nudges.ts hasChatLink). */}
              {prefs.chatLinked || prefs[kind] === "slack" ? <option value="slack">By Slack message</option> : null}
              <option value="off">Only in Ripple</option>
            </SelectNative>
          </Field>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="nudge-hour"
          label="Time of day"
          hint={`In your time zone (${timeZoneLabel(timeZone)}). The weekly reminder comes on your reminder day, above.`}
          error={errors.hour?.[0]}
        >
          <SelectNative key={v("hour", String(prefs.hour))} name="hour" defaultValue={v("hour", String(prefs.hour))} wrapperClassName="sm:max-w-40">
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {hourLabel(h)}
              </option>
            ))}
          </SelectNative>
        </Field>
        <Field
          id="nudge-days"
          label="Follow-ups and shared stories on"
          hint="At most one e-mail of each a day, only when something is new."
          error={errors.days?.[0]}
        >
          <SelectNative key={v("days", prefs.days)} name="days" defaultValue={v("days", prefs.days)} wrapperClassName="sm:max-w-56">
            <option value="weekdays">Monday to Friday</option>
            <option value="every_day">Every day</option>
          </SelectNative>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save reminders"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm font-medium text-success">
          {state?.ok ? "Saved." : null}
        </p>
      </div>
    </form>
  );
}
