import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an organisation" };

export default async function SignUpPage() {
  if (await getActor()) redirect("/");
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Create your organisation
        </CardTitle>
        <CardDescription>You will be its admin, and can invite your colleagues next.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <SignUpForm />
        <p className="text-sm text-muted-foreground">
          Already on Ripple?{" "}
          <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
