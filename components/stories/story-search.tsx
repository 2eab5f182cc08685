"use client";

import { createContext, useCallback, useContext, useMemo, useTransition } from "react";
import { useRouter } from "next/navigation";
import { cn } from "@/lib/utils";

// My stories applies its search and filters as they change. A change is a navigation (the
// address stays the view: share it, go back to it), run as a transition: the results on screen
// stay until the new ones arrive, marked busy meanwhile, and a polite status says so.

type StorySearch = {
  pending: boolean;
  /** Shows My stories at `href`; "replace" for typing (one history entry per search, not per pause). */
  show: (href: string, mode: "push" | "replace") => void;
};

const StorySearchContext = createContext<StorySearch>({ pending: false, show: () => {} });

export function useStorySearch(): StorySearch {
  return useContext(StorySearchContext);
}

export function StorySearchProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const show = useCallback(
    (href: string, mode: "push" | "replace") => {
      startTransition(() => {
        if (mode === "replace") router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [router],
  );
  const value = useMemo(() => ({ pending, show }), [pending, show]);
  return <StorySearchContext.Provider value={value}>{children}</StorySearchContext.Provider>;
}

/** The results: kept while new ones load, dimmed and marked busy. */
export function StorySearchResults({ children, className }: { children: React.ReactNode; className?: string }) {
  const { pending } = useStorySearch();
  return (
    <div
      id="stories-results"
      aria-busy={pending}
      data-pending={pending || undefined}
      className={cn("transition-opacity duration-200 data-pending:opacity-60", className)}
    >
      {children}
    </div>
  );
}

/** The polite status line: "Searching…" while new results load, then what is shown. */
export function StorySearchStatus({ children, className }: { children: React.ReactNode; className?: string }) {
  const { pending } = useStorySearch();
  return (
    <p role="status" aria-live="polite" aria-atomic="true" className={className} id="stories-summary">
      {pending ? "Searching…" : children}
    </p>
  );
}
