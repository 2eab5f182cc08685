import Link from "next/link";
import { QuickCapture } from "@/components/stories/quick-capture";
import { can } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { Logo } from "./logo";
import { NavLinks, type NavItem } from "./nav-links";
import { NavSectionProvider } from "./nav-section";
import { NotificationsBell } from "./notifications-bell";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

const NAV: NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/stories", label: "My stories" },
  { href: "/reflect", label: "Reflect" },
  { href: "/reports", label: "Reports" },
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
  const nav: NavItem[] = [
    ...NAV,
    ...(can(actor, "team.review") ? [{ href: "/team", label: "Team" }] : []),
    ...(can(actor, "admin.manage") ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <NavSectionProvider>
      <div className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:shadow">
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b border-border bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-6">
            <Link href="/" className="mr-2 rounded-md focus-visible:outline-2 focus-visible:outline-ring" aria-label="Ripple home">
              <Logo compact />
            </Link>
            <nav aria-label="Main" className="hidden sm:block">
              <NavLinks items={nav} />
            </nav>
            <div className="ml-auto flex items-center gap-1">
              <QuickCapture channels={channels} preferredChannel={captureChannel} />
              <NotificationsBell count={unreadNotifications} />
              <ThemeToggle />
              <UserMenu actor={actor} />
            </div>
          </div>
          <nav aria-label="Main" className="border-t border-border px-2 sm:hidden">
            <NavLinks items={nav} className="overflow-x-auto" />
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
          {children}
        </main>
        <footer className="border-t border-border py-4 text-center text-xs text-muted-foreground">
          Ripple · value-creation stories after Wenger, Trayner &amp; de Laat
        </footer>
      </div>
    </NavSectionProvider>
  );
}
