"use client";

import { useEffect, useRef } from "react";
import { ChevronDownIcon, SlidersHorizontalIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";

const WIDE = "(min-width: 40rem)";

/**
 * The filters behind a "Filters" disclosure: closed on phones (the summary shows how many are
 * active), opened on wider screens once the page is interactive. Without JavaScript it is a
 * plain <details> that opens on click.
 */
export function FiltersDisclosure({ activeCount, children }: { activeCount: number; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const sync = () => {
      if (ref.current) ref.current.open = query.matches;
    };
    sync();
    query.addEventListener("change", sync);
    return () => query.removeEventListener("change", sync);
  }, []);
  return (
    <details ref={ref} className="group rounded-lg border border-border bg-card" data-slot="filters-disclosure">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-2 text-sm font-medium select-none hover:bg-muted/50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
        <SlidersHorizontalIcon aria-hidden="true" className="size-4 text-muted-foreground" />
        <span>Filters</span>
        {activeCount > 0 ? (
          <Badge variant="secondary">
            {activeCount}
            <span className="sr-only"> active</span>
          </Badge>
        ) : null}
        <ChevronDownIcon aria-hidden="true" className="ms-auto size-4 text-muted-foreground transition-transform group-open:rotate-180" />
      </summary>
      <div className="border-t border-border p-4">{children}</div>
    </details>
  );
}
