import type { Metadata } from "next";
import { ConfirmSignUpForm } from "@/components/auth/confirm-sign-up-form";
import { InvalidLinkCard } from "@/components/auth/invalid-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getPendingSignUp } from "@/lib/db/sign-up";

export const metadata: Metadata = { title: "Create your organisation", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners open links too): the button does.
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const pending = await getPendingSignUp(token);
  if (!pending) {
    return (
      <InvalidLinkCard
        description="It may have expired or been used already. Sign up again to get a new one."
        retry={{ href: "/sign-up", label: "Create an organisation" }}
      />
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Create {pending.organizationName}
        </CardTitle>
        <CardDescription>
          Your address {pending.email} is confirmed. Create the organisation, with you ({pending.name}) as its admin.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmSignUpForm token={token} />
      </CardContent>
    </Card>
  );
}
