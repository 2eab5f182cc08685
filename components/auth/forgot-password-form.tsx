"use client";

import Link from "next/link";
import { useActionState } from "react";
import { forgotPasswordAction } from "@/lib/actions/password-reset";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** "Forgot password": the same answer whether or not the address has an account. */
export function ForgotPasswordForm({ linkMinutes }: { linkMinutes: number }) {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  if (state?.ok) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          <p>
            If {state.data.email} belongs to a Ripple account, an e-mail with a link to choose a new password is on its way. The link works once, for{" "}
            {linkMinutes} minutes.
          </p>
          <p className="mt-2">
            Nothing arrived after a few minutes? Check your spam folder, or ask your organisation&apos;s admin for a reset link.{" "}
            <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
              Back to sign in
            </Link>
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id="forgot-email" label="Email" error={errors.email?.[0]} required>
        <Input name="email" type="email" autoComplete="email" inputMode="email" defaultValue={values.email} autoFocus />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send me a reset link"}
      </Button>
    </form>
  );
}
