"use client";

import { useActionState, useRef } from "react";
import { setReflectionDayAction } from "@/lib/actions/reflect";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectNative } from "@/components/ui/select-native";
import { WEEKDAYS_MONDAY_FIRST, WEEKDAY_NAMES } from "@/lib/domain/week";

type State = Awaited<ReturnType<typeof setReflectionDayAction>> | null;

/** The day from which Home reminds the person to reflect. */
export function ReminderDayForm({ day }: { day: number }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState<State, FormData>(setReflectionDayAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  useFocusFirstError(formRef, failed);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-3" aria-label="When to remind you">
      {failed && !Object.keys(errors).length ? (
        <Alert variant="destructive">
          <AlertDescription>{failed.message}</AlertDescription>
        </Alert>
      ) : null}
      <Field
        id="reflection-day"
        label="Reminder day"
        hint="We remind you on Home from this day. By email too when your organisation has set up email."
        error={errors.reflectionDay?.[0]}
      >
        <SelectNative name="reflectionDay" defaultValue={failed?.values?.reflectionDay ?? String(day)} wrapperClassName="sm:max-w-56">
          {WEEKDAYS_MONDAY_FIRST.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </SelectNative>
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          {pending ? "Saving…" : "Save day"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm font-medium text-success">
          {state?.ok ? `Saved. We'll remind you from ${WEEKDAY_NAMES[state.data.reflectionDay]}.` : null}
        </p>
      </div>
    </form>
  );
}
