"use client";

import { useState } from "react";
import { useActionThenSignIn } from "@/components/auth/use-action-then-sign-in";
import { acceptInviteAction } from "@/app/(auth)/invite/[token]/actions";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function AcceptInviteForm({ token, email }: { token: string; email: string | null }) {
  // Controlled, so a refused submission does not clear it (React resets uncontrolled fields).
  const [password, setPassword] = useState("");
  const [state, formAction, pending] = useActionThenSignIn(acceptInviteAction);

  const { formRef, errors, values, formError } = useFormResult(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError message={formError} />
      <input type="hidden" name="token" value={token} />
      <Field id="name" label="Your name" error={errors.name?.[0]}>
        <Input name="name" autoComplete="name" defaultValue={values.name} required autoFocus />
      </Field>
      <Field id="email" label="Work email" hint={email ? "This invitation is for this address." : undefined} error={errors.email?.[0]}>
        {email ? (
          <Input name="email" type="email" autoComplete="email" value={email} readOnly />
        ) : (
          <Input name="email" type="email" autoComplete="email" inputMode="email" defaultValue={values.email} required />
        )}
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password?.[0]}>
        <Input name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
