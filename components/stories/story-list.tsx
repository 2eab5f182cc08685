import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { StoryListItem } from "@/lib/db/stories";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { VISIBILITY_LABEL } from "@/lib/domain/roles";
import { ValueChain } from "./value-chain";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

export function StoryList({ stories, emptyText }: { stories: StoryListItem[]; emptyText: React.ReactNode }) {
  if (stories.length === 0) {
    return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">{emptyText}</p>;
  }
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card" aria-label="Stories">
      {stories.map((s) => (
        <li key={s.id} className="relative flex flex-col gap-2 p-4 hover:bg-muted/50 sm:flex-row sm:items-center sm:gap-4">
          <div className="min-w-0 flex-1">
            <Link href={`/stories/${s.id}`} className="font-medium after:absolute after:inset-0 focus-visible:outline-none [&:focus-visible]:after:outline-2 [&:focus-visible]:after:outline-ring">
              <span className="line-clamp-2">{s.title}</span>
            </Link>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
              <time dateTime={s.occurredAt.toISOString()}>{dateFormat.format(s.occurredAt)}</time>
              {s.channel ? <span>· {s.channel}</span> : null}
              <span>· {VISIBILITY_LABEL[s.visibility]}</span>
              {s.status === "DRAFT" ? <Badge variant="outline">Draft</Badge> : null}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <ValueChain chain={s.chain} />
            {s.furthest ? <span className="w-28 text-xs text-muted-foreground">{CYCLE_INFO[s.furthest].name}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
