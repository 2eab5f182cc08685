import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadForm, OpenNotificationForm } from "@/components/notifications/notification-forms";
import { Badge } from "@/components/ui/badge";
import { requireActor } from "@/lib/auth/session";
import { listNotifications } from "@/lib/db/notifications";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Notifications" };

// Times in UTC, so the server and the browser show the same.

/**
 * Opening this page does not mark anything read. An unread notification is marked read when it
 * is followed (its link is a small form that marks it and then goes there), or with "Mark all as read".
 */
export default async function NotificationsPage() {
  const actor = await requireActor();
  const notifications = await listNotifications(actor, { take: 100 });
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Notifications</h1>
          <p className="mt-1 text-muted-foreground">{unread ? `${unread} unread` : "You are all caught up."}</p>
        </div>
        {unread ? <MarkAllReadForm /> : null}
      </div>
      {notifications.length ? (
        <ul className="divide-y divide-border rounded-lg border border-border bg-card">
          {notifications.map((n) => (
            <li key={n.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 p-4">
              <div className="min-w-0 flex-1 space-y-1 break-words">
                {n.href && !n.read ? (
                  <OpenNotificationForm id={n.id} text={n.text} />
                ) : n.href ? (
                  <Link href={n.href} className="text-foreground underline underline-offset-4">
                    {n.text}
                  </Link>
                ) : (
                  <p>{n.text}</p>
                )}
                <p className="text-sm text-muted-foreground">
                  <time dateTime={n.createdAt.toISOString()}>{formatDate(n.createdAt, "dayTime", timeZoneOf(actor))}</time>
                </p>
              </div>
              {n.read ? null : <Badge>Unread</Badge>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-muted-foreground">
          No notifications yet. Comments on your stories, follow-ups that come due and reminders show here.
        </p>
      )}
    </div>
  );
}
