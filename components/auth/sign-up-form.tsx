"use client";

import { AccountFields } from "@/components/auth/account-fields";
import { useActionThenSignIn } from "@/components/auth/use-action-then-sign-in";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { signUpAction } from "@/lib/actions/sign-up";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignUpForm() {
  const [state, formAction, pending] = useActionThenSignIn(signUpAction);

  const { formRef, errors, values, formError } = useFormResult(state);

  if (state?.ok && state.data.status === "check_email") {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Check your inbox</AlertTitle>
        <AlertDescription>
          <p>We sent an e-mail to {state.data.email}. Open the link in it within a day to create your organisation. Nothing is created until then.</p>
          <p>No e-mail after a few minutes? Look in your spam folder, or sign up again.</p>
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field id="organizationName" label="Organisation" error={errors.organizationName?.[0]}>
        <Input name="organizationName" autoComplete="organization" defaultValue={values.organizationName} required autoFocus />
      </Field>
      <AccountFields errors={errors} values={values} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
