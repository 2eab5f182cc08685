"use client";

import { LogOut } from "lucide-react";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";

/**
 * Signs out through next-auth's own endpoint (so its signOut event revokes the session), without
 * shipping `next-auth/react` to every page: fetch the CSRF token, POST the sign-out, follow its answer.
 */
async function signOut(callbackUrl: string) {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: string };
  window.location.href = url ?? callbackUrl;
}

export function SignOutMenuItem() {
  return (
    <DropdownMenuItem onSelect={() => void signOut("/sign-in")}>
      <LogOut aria-hidden="true" /> Sign out
    </DropdownMenuItem>
  );
}
