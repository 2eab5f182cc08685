"use client";

import { ChevronDown, Settings, UserRound } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { SignOutMenuItem } from "./sign-out-button";

/** What the account menu shows of the signed-in person (and nothing more crosses to the browser). */
export type UserMenuPerson = { name: string; email: string; roleLabel: string; organizationName: string };

/** The account menu (Radix): loaded by UserMenu on first use, and opened at once. */
export default function UserMenuContent({ person: actor }: { person: UserMenuPerson }) {
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-1.5 px-2" aria-label={`Account: ${actor.name}`}>
          <UserRound aria-hidden="true" />
          <span className="hidden max-w-32 truncate md:inline">{actor.name}</span>
          <ChevronDown aria-hidden="true" className="size-3.5 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="font-normal">
          <span className="block font-medium">{actor.name}</span>
          <span className="block truncate text-xs text-muted-foreground">{actor.email}</span>
          <span className="mt-1 block text-xs text-muted-foreground">
            {actor.roleLabel} · {actor.organizationName}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/profile">
            <Settings aria-hidden="true" /> Profile and settings
          </Link>
        </DropdownMenuItem>
        <SignOutMenuItem />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
