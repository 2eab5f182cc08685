import Link from "next/link";
import { CaptureOutboxStatus } from "@/components/stories/capture-outbox-status";
import { QuickCapture } from "@/components/stories/quick-capture";
import { can } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { ROLE_LABEL } from "@/lib/domain/roles";
import { BottomNav, type BottomNavItem } from "./bottom-nav";
import { Logo } from "./logo";
import { ServiceWorker } from "./service-worker";
import { NavLinks } from "./nav-links";
import { NavSectionProvider } from "./nav-section";
import { NotificationsBell } from "./notifications-bell";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

const NAV: BottomNavItem[] = [
  { href: "/", label: "Home", icon: "home" },
  { href: "/stories", label: "My stories", icon: "stories" },
  { href: "/reflect", label: "Reflect", icon: "reflect" },
  { href: "/reports", label: "Reports", icon: "reports" },
];

export function AppShell({
  actor,
  channels,
  captureChannel = null,
  unreadNotifications = 0,
  children,
}: {
  actor: Actor;
  channels: { key: string; label: string }[];
  /** The channel quick capture preselects (the person's default, else the last used). */
  captureChannel?: string | null;
  unreadNotifications?: number;
  children: React.ReactNode;
}) {
  const nav: BottomNavItem[] = [
    ...NAV,
    ...(can(actor, "team.review") ? [{ href: "/team", label: "Team", icon: "team" } as const] : []),
    ...(can(actor, "admin.manage") ? [{ href: "/admin", label: "Admin", icon: "admin" } as const] : []),
  ];
  return (
    <NavSectionProvider>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b border-border bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-6">
            <Link href="/" className="mr-2 rounded-md focus-visible:outline-2 focus-visible:outline-ring" aria-label="Ripple home">
              <Logo compact />
            </Link>
            <nav aria-label="Main" className="hidden sm:block">
              <NavLinks items={nav.map(({ href, label }) => ({ href, label }))} />
            </nav>
            <div className="ml-auto flex items-center gap-1">
              <QuickCapture channels={channels} preferredChannel={captureChannel} />
              <NotificationsBell count={unreadNotifications} />
              <ThemeToggle />
              <UserMenu person={{ name: actor.name, email: actor.email, roleLabel: ROLE_LABEL[actor.role], organizationName: actor.organizationName }} />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
          <CaptureOutboxStatus owner={actor.membershipId} />
          {children}
        </main>
        {/* On a phone the bottom bar covers the last 4.5rem: the footer leaves room for it. */}
        <footer className="border-t border-border py-4 pb-[calc(5rem+env(safe-area-inset-bottom))] text-center text-xs text-muted-foreground sm:pb-4">
          Ripple · value-creation stories after Wenger, Trayner &amp; de Laat
        </footer>
        <BottomNav items={nav} />
        <ServiceWorker />
      </div>
    </NavSectionProvider>
  );
}
