import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { InvalidLinkCard } from "@/components/auth/invalid-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getPasswordReset } from "@/lib/db/password-reset";

// The token is in the address: never send it on to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners open links too): the form does.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await getPasswordReset(token);
  if (!reset) {
    return (
      <InvalidLinkCard description="It was used already, or it expired. Ask for a new one." retry={{ href: "/forgot-password", label: "Get a new link" }} />
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Choose a new password
        </CardTitle>
        <CardDescription>For {reset.email}. Setting it signs you out on every other device.</CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm token={token} email={reset.email} />
      </CardContent>
    </Card>
  );
}
