"use client";

import { useActionState } from "react";
import { setReflectionDayAction } from "@/lib/actions/reflect";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectNative } from "@/components/ui/select-native";
import { WEEKDAYS_MONDAY_FIRST, WEEKDAY_NAMES } from "@/lib/domain/week";

type State = Awaited<ReturnType<typeof setReflectionDayAction>> | null;

/** The day from which Home reminds the person to reflect. */
export function ReminderDayForm({ day }: { day: number }) {
  const [state, action, pending] = useActionState<State, FormData>(setReflectionDayAction, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-3" aria-label="When to remind you">
      <FormError message={formError} />
      <Field
        id="reflection-day"
        label="Reminder day"
        hint="We remind you on Home from this day. By email too when your organisation has set up email."
        error={errors.reflectionDay?.[0]}
      >
        <SelectNative name="reflectionDay" defaultValue={values.reflectionDay ?? String(day)} wrapperClassName="sm:max-w-56">
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
