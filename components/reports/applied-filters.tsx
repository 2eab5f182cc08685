import Link from "next/link";
import { XIcon } from "lucide-react";
import type { AppliedFilter } from "@/lib/domain/report-view";

/** What narrows the report, each with a link that removes it, and a link that clears them all. */
export function AppliedFilters({
  applied,
  hrefWithout,
  clearHref,
  lead,
}: {
  applied: AppliedFilter[];
  hrefWithout: (key: AppliedFilter["key"]) => string;
  clearHref: string;
  lead: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm" data-slot="applied-filters">
      <p role="status" aria-live="polite" aria-atomic="true" className="text-muted-foreground">
        {lead}
        {applied.length ? <span className="sr-only"> Filtered by {applied.map((a) => `${a.label.toLowerCase()} ${a.value}`).join(", ")}.</span> : null}
      </p>
      {applied.length ? (
        <>
          <ul className="flex flex-wrap gap-1.5" aria-label="Filters applied">
            {applied.map((a) => (
              <li key={a.key}>
                <Link
                  href={hrefWithout(a.key)}
                  className="inline-flex min-h-8 items-center gap-1 rounded-full border border-border bg-secondary px-2.5 text-xs font-medium text-secondary-foreground hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <span className="text-muted-foreground">{a.label}:</span> {a.value}
                  <XIcon aria-hidden="true" className="size-3.5" />
                  <span className="sr-only">(remove this filter)</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link href={clearHref} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Clear
          </Link>
        </>
      ) : null}
    </div>
  );
}
