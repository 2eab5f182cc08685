import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { getInviteByToken } from "@/lib/db/invites";
import { ROLE_LABEL } from "@/lib/domain/roles";

export const metadata: Metadata = { title: "Join your organisation", referrer: "no-referrer" };

export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await getInviteByToken(token);
  if (!invite) {
    return (
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">
            This invitation link is not valid
          </CardTitle>
          <CardDescription>It may have expired, been used already, or been withdrawn. Ask your admin for a new link.</CardDescription>
        </CardHeader>
        <CardContent>
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
  const actor = await getActor();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Join {invite.organizationName} on Ripple
        </CardTitle>
        <CardDescription>You are invited with the role {ROLE_LABEL[invite.role]}. Create your account to start recording what you learn.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {actor ? (
          <p className="rounded-md bg-muted p-3 text-sm">
            You are signed in as {actor.email}. Joining a second organisation is not supported yet; sign out first to accept this invitation with another
            address.
          </p>
        ) : null}
        <AcceptInviteForm token={token} email={invite.email} name={invite.name} />
        <p className="text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
