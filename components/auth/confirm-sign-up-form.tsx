"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmSignUpAction } from "@/lib/actions/sign-up";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ConfirmSignUpForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(confirmSignUpAction, null);
  if (state?.ok) {
    return (
      <Alert variant="success" role="status">
        <AlertTitle>Your organisation is ready</AlertTitle>
        <AlertDescription>
          <p>
            Sign in with {state.data.email} and the password you chose.{" "}
            <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
              Sign in
            </Link>
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      {state && !state.ok ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
