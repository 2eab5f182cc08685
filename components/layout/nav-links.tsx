"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { DECLARES_SECTION, useNavSection } from "./nav-section";

export type NavItem = { href: string; label: string };

export function NavLinks({ items, className, match = "prefix" }: { items: NavItem[]; className?: string; match?: "prefix" | "exact" }) {
  const pathname = usePathname();
  const declared = useNavSection();
  const isActive = (href: string) => {
    if (declared !== undefined) return declared === href;
    if (DECLARES_SECTION.test(pathname)) return false;
    return href === "/" || match === "exact" ? pathname === href : pathname.startsWith(href);
  };
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
