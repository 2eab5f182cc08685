"use client";

import { useActionState, useEffect } from "react";
import { changePasswordAction } from "@/lib/actions/profile";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type State = Awaited<ReturnType<typeof changePasswordAction>> | null;

/** Changes the password; this browser stays signed in, every other session ends. */
export function PasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<State, FormData>(changePasswordAction, null);
  const { formRef, errors, formError } = useFormResult(state);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state, formRef]);
  const ended = state?.ok ? state.data.endedSessions : 0;
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4" aria-label="Change password">
      <FormError message={formError} />
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="password-current" label="Current password" error={errors.currentPassword?.[0]} required>
        <Input name="currentPassword" type="password" autoComplete="current-password" className="sm:max-w-md" />
      </Field>
      <Field id="password-new" label="New password" hint="At least 10 characters." error={errors.newPassword?.[0]} required>
        <Input name="newPassword" type="password" autoComplete="new-password" className="sm:max-w-md" />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm font-medium text-success">
          {state?.ok
            ? `Password changed. ${ended === 0 ? "You were signed in nowhere else." : ended === 1 ? "1 other session was signed out." : `${ended} other sessions were signed out.`}`
            : null}
        </p>
      </div>
    </form>
  );
}
