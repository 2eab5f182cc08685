import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { SIGN_IN_ERRORS, ssoProvider } from "@/lib/auth/options";
import { lookup } from "@/lib/domain/lookup";
import { safeReturnPath } from "@/lib/domain/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[]; callbackUrl?: string | string[]; next?: string | string[] }>;
}) {
  const { error, next } = await searchParams;
  // Where the person was going (a capture filled in by the bookmarklet): back there after signing in.
  const returnTo = safeReturnPath(next) ?? "/";
  if (await getActor()) redirect(returnTo);
  // The code comes from the address: an unknown one (or "constructor") gets the default message.
  const initialError = error ? (lookup(SIGN_IN_ERRORS, error) ?? SIGN_IN_ERRORS.Default) : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Sign in to Ripple
        </CardTitle>
        <CardDescription>Record what your network taught you, and show what it was worth.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <SignInForm initialError={initialError} sso={ssoProvider()} messages={SIGN_IN_ERRORS} returnTo={returnTo} />
        <p className="text-sm">
          <Link href="/forgot-password" className="font-medium text-primary underline underline-offset-4">
            Forgot your password?
          </Link>
        </p>
        <p className="text-sm text-muted-foreground">
          New to Ripple?{" "}
          <Link href="/sign-up" className="font-medium text-primary underline underline-offset-4">
            Create an organisation
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
