import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { unreadCount } from "@/lib/db/notifications";

// The shell only: each page and action authorizes for itself through lib/.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [channels, unread] = await Promise.all([listChannels(actor), unreadCount(actor)]);
  return (
    <AppShell actor={actor} channels={channels.map((c) => ({ key: c.key, label: c.label }))} unreadNotifications={unread}>
      {children}
    </AppShell>
  );
}
