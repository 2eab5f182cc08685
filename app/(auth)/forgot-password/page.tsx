import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { RESET_LINK_MINUTES } from "@/lib/db/password-reset";
import { emailConfigured } from "@/lib/platform/mailer";

export const metadata: Metadata = { title: "Forgot your password" };

export default async function ForgotPasswordPage() {
  if (await getActor()) redirect("/profile");
  const email = emailConfigured();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Forgot your password?
        </CardTitle>
        <CardDescription>
          {email
            ? "Enter the e-mail address you sign in with. We will send you a link to choose a new password."
            : "This Ripple cannot send e-mail. Ask your organisation's admin: they can make you a link to choose a new password, from the People page."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {email ? <ForgotPasswordForm linkMinutes={RESET_LINK_MINUTES} /> : null}
        <p className="text-sm text-muted-foreground">
          Remembered it?{" "}
          <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
