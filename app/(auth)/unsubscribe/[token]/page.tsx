import type { Metadata } from "next";
import Link from "next/link";
import { InvalidLinkCard } from "@/components/auth/invalid-link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { unsubscribeView, type UnsubscribeKind } from "@/lib/db/nudges";
import { NUDGE_LABELS } from "@/lib/domain/nudges";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false } };

const WHAT: Record<UnsubscribeKind, string> = {
  followUps: NUDGE_LABELS.followUps.unsubscribe,
  reflection: NUDGE_LABELS.reflection.unsubscribe,
  shared: NUDGE_LABELS.shared.unsubscribe,
  digest: "the daily digest of your notifications",
};

// The page an e-mail's "Stop these e-mails" link opens: no sign-in. Opening it changes nothing
// (mail scanners open links too); the button POSTs to the one-click address.
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ token }, { done }] = await Promise.all([params, searchParams]);
  const view = token.length <= 200 ? await unsubscribeView(token) : null;
  if (!view)
    return (
      <InvalidLinkCard
        description="It may have been copied incompletely. You can change every e-mail Ripple sends you on your profile."
        retry={{ href: "/profile#nudges", label: "Open your profile" }}
      />
    );
  const what = WHAT[view.kind];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {view.subscribed ? "Stop these e-mails?" : "You are unsubscribed"}
        </CardTitle>
        <CardDescription>
          {view.subscribed
            ? `Ripple (${view.organizationName}) will stop e-mailing ${view.email} about ${what}. Your other e-mails and your notifications in Ripple stay as they are.`
            : `${done ? "Done. " : ""}Ripple (${view.organizationName}) no longer e-mails ${view.email} about ${what}. Your other e-mails and your notifications in Ripple stay as they are.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {view.subscribed ? (
          <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`}>
            <Button type="submit">Unsubscribe</Button>
          </form>
        ) : null}
        <p className="text-sm text-muted-foreground">
          To change when and how Ripple reminds you, or to turn this back on,{" "}
          <Link href="/profile#nudges" className="font-medium text-primary underline underline-offset-4">
            open your profile
          </Link>
          .
        </p>
      </CardContent>
    </Card>
  );
}
