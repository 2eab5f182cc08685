import { AppShell } from "@/components/layout/app-shell";
import { TimeZoneProvider } from "@/components/layout/time-zone";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { shellPreferences } from "@/lib/db/profile";
import { timeZoneOf } from "@/lib/domain/actor";
import { unreadCount } from "@/lib/db/notifications";

// The shell only: each page and action authorizes for itself through lib/.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [channels, unread, prefs] = await Promise.all([listChannels(actor), unreadCount(actor), shellPreferences(actor)]);
  return (
    <TimeZoneProvider timeZone={timeZoneOf(actor)} guess={!actor.timeZone}>
      <AppShell
        actor={actor}
        channels={channels.map((c) => ({ key: c.key, label: c.label }))}
        captureChannel={prefs.captureChannel}
        unreadNotifications={prefs.notifyInApp ? unread : 0}
      >
        {children}
      </AppShell>
    </TimeZoneProvider>
  );
}
