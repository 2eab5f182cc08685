"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { DECLARES_SECTION, useNavSection } from "./nav-section";

export type NavItem = { href: string; label: string };

/** Whether a navigation item is the page shown: Home only on itself, others on their subpages too. */
export function isActiveNav(pathname: string, href: string, match: "prefix" | "exact" = "prefix"): boolean {
  if (href === "/" || match === "exact") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Which navigation item is the page shown: the tab a page declares (a story's page: "Team" for a
 * manager, "My stories" for its author), else by the address. Until a declaring page has said,
 * no tab is marked, never a wrong one. Shared by the top navigation and the phone's bottom bar.
 */
export function useActiveNav(match: "prefix" | "exact" = "prefix"): (href: string) => boolean {
  const pathname = usePathname();
  const declared = useNavSection();
  return (href: string) => {
    if (declared !== undefined) return declared === href;
    if (DECLARES_SECTION.test(pathname)) return false;
    return isActiveNav(pathname, href, match);
  };
}

export function NavLinks({ items, className, match = "prefix" }: { items: NavItem[]; className?: string; match?: "prefix" | "exact" }) {
  const isActive = useActiveNav(match);
  return (
    <ul className={cn("flex items-center gap-1", className)}>
      {items.map((item) => {
        const active = isActive(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "inline-flex h-10 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                active && "bg-secondary text-secondary-foreground",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
