"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";

export function SignOutMenuItem() {
  return (
    <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/sign-in" })}>
      <LogOut aria-hidden="true" /> Sign out
    </DropdownMenuItem>
  );
}
