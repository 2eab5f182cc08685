import type { Metadata } from "next";
import Link from "next/link";
import { LinkChatForm } from "@/components/chat/link-chat-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { previewChatLink } from "@/lib/db/chat";
import { CHAT_LINK_HOURS } from "@/lib/domain/chat";
import { chatLinkTokenSchema } from "@/lib/validation/chat";

export const metadata: Metadata = { title: "Link your chat account", referrer: "no-referrer" };

const CHAT_NAME = { SLACK: "Slack", TEAMS: "Microsoft Teams" } as const;

function Refused({
  title,
  description,
  action = { href: "/", label: "Go to Ripple" },
}: {
  title: string;
  description: string;
  action?: { href: string; label: string };
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={action.href} className="text-sm font-medium text-primary underline underline-offset-4">
          {action.label}
        </Link>
      </CardContent>
    </Card>
  );
}

/**
 * The one-time link Ripple sends an unknown Slack or Teams account. Opened while signed in (to the
 * organisation the chat belongs to), one button links the two accounts; the capture that waited
 * then goes through. Used, expired, and other organisations' links are refused in words.
 */
export default async function ChatLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await getActor();
  if (!actor) {
    return (
      <Refused
        title="Sign in to link your chat account"
        description="Sign in to Ripple in this browser: you come back to this page to link it. The link works once, for a day."
        action={{ href: `/sign-in?next=${encodeURIComponent(`/chat-link/${encodeURIComponent(token)}`)}`, label: "Sign in" }}
      />
    );
  }
  const valid = chatLinkTokenSchema.safeParse({ token });
  const preview = valid.success ? await previewChatLink(actor, valid.data.token) : ({ status: "unknown" } as const);
  switch (preview.status) {
    case "used":
      return (
        <Refused
          title="This link was used already"
          description="Each link works once. Use Ripple from the chat again: if your account is not linked, you get a new link."
        />
      );
    case "expired":
      return <Refused title="This link has expired" description={`Links work for ${CHAT_LINK_HOURS} hours. Use Ripple from the chat again for a new one.`} />;
    case "unknown":
      return (
        <Refused
          title="This link is not for this account"
          description={`It is not one of ${actor.organizationName}'s links, or it is incomplete. Sign in with the Ripple account of the organisation the chat belongs to, or use Ripple from the chat again for a new link.`}
        />
      );
  }
  const chat = CHAT_NAME[preview.provider];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Link your {chat} account
        </CardTitle>
        <CardDescription>
          {preview.externalName ? `The ${chat} account “${preview.externalName}”` : `Your ${chat} account`} will save learning moments as {actor.name} (
          {actor.email}) in {actor.organizationName}. Not you? Sign out first: only link your own account.
          {preview.hasCapture ? " The moment you just saved goes through once you link." : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <LinkChatForm token={valid.success ? valid.data.token : ""} chat={chat} />
      </CardContent>
    </Card>
  );
}
