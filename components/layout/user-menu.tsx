"use client";

import { ChevronDown, UserRound } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { UserMenuPerson } from "./user-menu-content";

// The menu (Radix's dropdown: focus, keys, dismissal) loads when the pointer or focus comes near
// the account button, and opens on the first press; until then the header carries only a button.
const loadMenu = () => import("./user-menu-content");
const UserMenuContent = lazy(loadMenu);

export function UserMenu({ person }: { person: UserMenuPerson }) {
  const [wanted, setWanted] = useState(false);
  const button = (
    <Button
      variant="ghost"
      className="gap-1.5 px-2"
      aria-label={`Account: ${person.name}`}
      aria-haspopup="menu"
      aria-expanded={false}
      onClick={() => setWanted(true)}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
    >
      <UserRound aria-hidden="true" />
      <span className="hidden max-w-32 truncate md:inline">{person.name}</span>
      <ChevronDown aria-hidden="true" className="size-3.5 opacity-60" />
    </Button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <UserMenuContent person={person} />
    </Suspense>
  );
}
