"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/password-reset";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/platform/result";

type State = ActionResult<{ email: string }> | null;

/** Choose a new password with a reset link; then this browser is signed in with it (every other session has ended). */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(async (prev: State, form: FormData): Promise<State> => {
    const result = await resetPasswordAction(prev, form);
    if (result.ok) {
      const signedIn = await signIn("credentials", { email: result.data.email, password: String(form.get("newPassword") ?? ""), redirect: false });
      router.replace(signedIn?.ok ? "/" : "/sign-in");
      router.refresh();
    }
    return result;
  }, null);
  const { formRef, errors, formError } = useFormResult(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4">
      <FormError message={formError} />
      {state?.ok ? (
        <p role="status" className="text-sm text-success">
          Your new password is set. Signing you in…
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="reset-new" label="New password" hint="At least 10 characters." error={errors.newPassword?.[0]} required>
        <Input name="newPassword" type="password" autoComplete="new-password" autoFocus />
      </Field>
      <Field id="reset-confirm" label="New password, again" error={errors.confirmPassword?.[0]} required>
        <Input name="confirmPassword" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" className="w-full" disabled={pending || Boolean(state?.ok)}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
