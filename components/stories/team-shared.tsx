import Link from "next/link";
import { ValueChain } from "@/components/stories/value-chain";
import { Badge } from "@/components/ui/badge";
import { FormattedDate } from "@/components/layout/time-zone";
import { plural } from "@/lib/domain/format";
import type { Cycle } from "@/lib/domain/framework";

type Item = { id: string; title: string; author: string; sharedAt: Date; unread: boolean; chain: { cycle: Cycle; reached: boolean }[] };

/** A manager's Home leads with what their reports shared with them: new ones first, marked. */
export function TeamShared({ unread, items }: { unread: number; items: Item[] }) {
  return (
    <section aria-labelledby="team-shared-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="team-shared-heading" className="text-lg font-semibold">
          Shared by your team
        </h2>
        <Link href="/team" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          All of your team&apos;s stories
        </Link>
      </div>
      <p className="text-sm text-muted-foreground" data-testid="team-shared-summary">
        {unread
          ? `${plural(unread, "new story", "new stories")} since your last visit.`
          : items.length
            ? "Nothing new since your last visit."
            : "When someone who reports to you shares a story with you, it appears here."}
      </p>
      {items.length ? (
        <ul className="divide-y divide-border rounded-lg border border-border bg-card">
          {items.map((s) => (
            <li key={s.id} className="flex gap-3 p-4">
              <span aria-hidden="true" className={`mt-2 size-2.5 shrink-0 rounded-full ${s.unread ? "bg-primary" : ""}`} />
              <div className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:items-center sm:gap-3">
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/stories/${s.id}`}
                    prefetch={false}
                    className={`break-words text-primary underline-offset-4 hover:underline ${s.unread ? "font-semibold" : "font-medium"}`}
                  >
                    {s.title}
                  </Link>
                  <p className="text-xs text-muted-foreground">
                    {s.author} · shared{" "}
                    <time dateTime={s.sharedAt.toISOString()}>
                      <FormattedDate date={s.sharedAt} style="dayMonthLong" />
                    </time>
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {s.unread ? <Badge variant="default">New</Badge> : null}
                  <ValueChain chain={s.chain} />
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
