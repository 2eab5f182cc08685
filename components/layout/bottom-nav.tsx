"use client";

import { BarChart3, BookOpen, House, NotebookPen, Settings2, UsersRound, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";
import { useActiveNav } from "./nav-links";

export type BottomNavItem = { href: string; label: string; icon: "home" | "stories" | "reflect" | "reports" | "team" | "admin" };

const ICONS: Record<BottomNavItem["icon"], LucideIcon> = {
  home: House,
  stories: BookOpen,
  reflect: NotebookPen,
  reports: BarChart3,
  team: UsersRound,
  admin: Settings2,
};

const slotClass = cn(
  "flex min-h-14 w-full flex-col items-center justify-center gap-0.5 rounded-md px-1 text-[0.7rem] leading-tight font-medium text-muted-foreground",
  "hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
);

/**
 * The phone's navigation: a bar at the bottom of the screen with every destination the person
 * has (the header's tab row did not fit 375 px: "Team" and "Admin" were cut off). Each role has
 * at most five (access.ts: no role both reviews a team and administers); six would still fit
 * (62 px each at 375 px), labels truncating rather than overflowing.
 */
export function BottomNav({ items }: { items: BottomNavItem[] }) {
  const isActive = useActiveNav();
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-border bg-background/95 pb-[env(safe-area-inset-bottom)] backdrop-blur supports-[backdrop-filter]:bg-background/85 sm:hidden"
      data-slot="bottom-nav"
    >
      <ul className="mx-auto grid max-w-md px-1 py-1" style={{ gridTemplateColumns: `repeat(${items.length}, minmax(0, 1fr))` }}>
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = isActive(item.href);
          return (
            <li key={item.href} className="flex">
              <Link href={item.href} aria-current={active ? "page" : undefined} className={cn(slotClass, active && "bg-secondary text-secondary-foreground")}>
                <Icon aria-hidden="true" className="size-5" />
                <span className="max-w-full truncate">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
