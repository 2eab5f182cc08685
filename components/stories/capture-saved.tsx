"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/** True when a key press is typing into a field, so a one-letter shortcut must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

// Only the newest confirmation answers to "e" (the home form's and the dialog's may both be shown).
let newest = 0;

/**
 * The answer to a capture: names the moment and offers to grow it. The link takes the focus
 * (Enter opens the editor), and "e" opens it from anywhere on the page outside a field.
 */
export function CaptureSaved({ id, what }: { id: string; what: string }) {
  const router = useRouter();
  const link = useRef<HTMLAnchorElement>(null);
  const href = `/stories/${id}/edit`;
  useEffect(() => {
    const mine = ++newest;
    link.current?.focus();
    function onKey(event: KeyboardEvent) {
      if (mine !== newest || event.key.toLowerCase() !== "e" || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("[role=dialog]")) return;
      event.preventDefault();
      router.push(href);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [href, router]);
  return (
    <span>
      Saved “<span className="font-medium">{what}</span>”.{" "}
      <Link ref={link} href={href} aria-keyshortcuts="e" className="font-medium text-primary underline underline-offset-4">
        Grow this story
      </Link>{" "}
      <span className="text-muted-foreground">
        (or press <kbd className="rounded border border-border bg-muted px-1 font-mono text-xs">E</kbd>)
      </span>
    </span>
  );
}
