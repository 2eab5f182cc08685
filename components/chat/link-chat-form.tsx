"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { linkChatAccountAction } from "@/lib/actions/chat";

/** The one button of the link page; then what happened, and the way on. */
export function LinkChatForm({ token, chat }: { token: string; chat: string }) {
  const [state, action, pending] = useActionState(linkChatAccountAction, null);
  const done = state?.ok ? state.data : null;
  if (done?.status === "confirm") {
    return (
      <div role="status" className="space-y-3">
        <p className="font-medium">One more step: prove the {chat} account is yours.</p>
        <p>
          In {chat}, send <strong className="font-mono">@Ripple link {done.code}</strong> from that account (in the channel where you used Ripple). The code
          only works from that account, for you.
        </p>
      </div>
    );
  }
  if (done) {
    return (
      <div role="status" className="space-y-3">
        <p className="font-medium">
          Your {chat} account is linked. What you save from {chat} now goes straight to your stories.
        </p>
        {done.storyId ? (
          <p>
            Your moment is saved.{" "}
            <Link href={`/stories/${done.storyId}`} className="font-medium text-primary underline underline-offset-4">
              Grow the story
            </Link>
          </p>
        ) : (
          <p>
            <Link href="/" className="font-medium text-primary underline underline-offset-4">
              Go to Ripple
            </Link>
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Linking…" : `Link my ${chat} account`}
      </Button>
      <FormError message={state && !state.ok ? state.message : undefined} />
    </form>
  );
}
