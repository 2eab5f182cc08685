"use client";

import { useActionState } from "react";
import { markAllNotificationsReadAction, openNotificationAction } from "@/lib/actions/notifications";
import { Button } from "@/components/ui/button";

export function MarkAllReadForm() {
  const [state, action, pending] = useActionState(markAllNotificationsReadAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        Mark all as read
      </Button>
      <p role="status" aria-live="polite" className="text-sm">
        {state && !state.ok ? <span className="text-destructive">{state.message}</span> : null}
      </p>
    </form>
  );
}

/** An unread notification: following it marks it read on the way (a form, so it works without JavaScript too). */
export function OpenNotificationForm({ id, text }: { id: string; text: string }) {
  const [state, action, pending] = useActionState(openNotificationAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="notificationId" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="cursor-pointer rounded-sm text-left font-medium text-primary underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-ring disabled:opacity-70"
      >
        {text}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
