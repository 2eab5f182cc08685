"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useRef, useState } from "react";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { lookup } from "@/lib/domain/lookup";
import { describeWait } from "@/lib/domain/rate-limit";

type Messages = { CredentialsSignin: string; RateLimited: string; Default: string };

/** The message for next-auth's error code; "RateLimited:<seconds>" says how long to wait. */
function messageFor(code: string | null | undefined, messages: Messages): string {
  const [name = "", seconds] = (code ?? "").split(":");
  if (name === "RateLimited") {
    const wait = Number(seconds);
    return Number.isInteger(wait) && wait > 0 ? `Too many attempts. Try again in ${describeWait(wait)}.` : messages.RateLimited;
  }
  return lookup(messages, name) ?? messages.Default;
}

export function SignInForm({
  initialError,
  sso,
  messages,
  returnTo = "/",
}: {
  initialError?: string | undefined;
  /** A path on this site (checked by the page with safeReturnPath) to open once signed in. */
  returnTo?: string;
  sso: { id: string; name: string } | null;
  messages: Messages;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Until the page is interactive the button stays disabled: a native submission would
  // reach no handler (and must never put credentials in a URL, hence method="post").
  const hydrated = useHydrated();
  useFocusFirstError(formRef, fieldErrors);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Only presence is checked here (keeping zod out of this page's bundle); the server
    // parses the credentials with signInSchema.
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing = { email: email ? undefined : "Enter your email address.", password: password ? undefined : "Enter your password." };
    if (missing.email || missing.password) {
      setFieldErrors(missing);
      setError(undefined);
      return;
    }
    setFieldErrors({});
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(messageFor(result?.error, messages));
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? "sign-in-error" : undefined}>
        {error ? (
          <Alert variant="destructive" id="sign-in-error" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <Field id="email" label="Email" error={fieldErrors.email}>
          <Input name="email" type="email" autoComplete="email" inputMode="email" required autoFocus />
        </Field>
        <Field id="password" label="Password" error={fieldErrors.password}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending || !hydrated}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <Separator className="flex-1" /> or <Separator className="flex-1" />
          </div>
          <Button type="button" variant="outline" className="w-full" onClick={() => signIn(sso.id, { callbackUrl: returnTo })}>
            Continue with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
