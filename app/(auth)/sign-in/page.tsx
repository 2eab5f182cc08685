import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { SIGN_IN_ERRORS, ssoProvider } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getActor()) redirect("/");
  const { error } = await searchParams;
  const initialError = error ? (SIGN_IN_ERRORS[error as keyof typeof SIGN_IN_ERRORS] ?? SIGN_IN_ERRORS.Default) : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">Sign in to Ripple</CardTitle>
        <CardDescription>Record what your network taught you, and show what it was worth.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <SignInForm initialError={initialError} sso={ssoProvider()} messages={SIGN_IN_ERRORS} />
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
