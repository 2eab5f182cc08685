"use client";

import { AccountFields } from "@/components/auth/account-fields";
import { useActionThenSignIn } from "@/components/auth/use-action-then-sign-in";
import { acceptInviteAction } from "@/lib/actions/invites";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";

export function AcceptInviteForm({ token, email, name = null }: { token: string; email: string | null; name?: string | null }) {
  const [state, formAction, pending] = useActionThenSignIn(acceptInviteAction);

  const { formRef, errors, values, formError } = useFormResult(state);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError message={formError} />
      <input type="hidden" name="token" value={token} />
      <AccountFields errors={errors} values={values} fixedEmail={email} suggestedName={name} autoFocusName />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
