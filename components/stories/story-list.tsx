import Link from "next/link";
import { FormattedDate } from "@/components/layout/time-zone";
import { Badge } from "@/components/ui/badge";
import type { StoryListItem } from "@/lib/db/stories";
import { CYCLE_INFO, cycleAnchor } from "@/lib/domain/framework";
import { audiencePhrase } from "@/lib/domain/roles";
import { highlightSegments } from "@/lib/domain/story-filters";
import { ValueChain } from "./value-chain";
import { formatDate } from "@/lib/domain/format";

/**
 * A list of the person's own stories (each cycle circle leads to that cycle in the editor). With `groupByMonth` it reads as a timeline: one list per month, under the
 * month's heading, in the order given.
 */
export function StoryList({
  stories,
  emptyText,
  groupByMonth = false,
  headingLevel = 2,
  timeZone = "UTC",
}: {
  stories: StoryListItem[];
  emptyText: React.ReactNode;
  groupByMonth?: boolean;
  headingLevel?: 2 | 3;
  /** The reader's zone: a story belongs to the month it happened in, there. */
  timeZone?: string;
}) {
  if (stories.length === 0) {
    return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">{emptyText}</p>;
  }
  if (!groupByMonth) return <StoryItems stories={stories} label="Stories" />;

  const groups: { key: string; label: string; stories: StoryListItem[] }[] = [];
  for (const s of stories) {
    const label = formatDate(s.occurredAt, "monthYearLong", timeZone);
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.stories.push(s);
    else groups.push({ key: `${label}-${groups.length}`, label, stories: [s] });
  }
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`month-${g.key.replace(/\W+/g, "-")}`} className="space-y-2">
          <Heading id={`month-${g.key.replace(/\W+/g, "-")}`} className="text-sm font-semibold text-muted-foreground">
            {g.label}
            <span className="font-normal"> · {g.stories.length === 1 ? "1 story" : `${g.stories.length} stories`}</span>
          </Heading>
          <StoryItems stories={g.stories} label={`Stories from ${g.label}`} />
        </section>
      ))}
    </div>
  );
}

function StoryItems({ stories, label }: { stories: StoryListItem[]; label: string }) {
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card" aria-label={label}>
      {stories.map((s) => (
        <li key={s.id} className="relative flex flex-col gap-2 p-4 hover:bg-muted/50 sm:flex-row sm:items-center sm:gap-4">
          <div className="min-w-0 flex-1">
            <Link
              href={`/stories/${s.id}`}
              className="font-medium after:absolute after:inset-0 focus-visible:outline-none [&:focus-visible]:after:outline-2 [&:focus-visible]:after:outline-ring"
            >
              <span className="line-clamp-2">{s.title}</span>
            </Link>
            {s.snippet ? <Snippet text={s.snippet} /> : null}
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
              <time dateTime={s.occurredAt.toISOString()}>
                <FormattedDate date={s.occurredAt} style="day" />
              </time>
              {s.channel ? <span>· {s.channel}</span> : null}
              {s.status === "DRAFT" ? (
                <Badge variant="outline">Draft: only you</Badge>
              ) : (
                <span>· {s.visibility === "PRIVATE" ? "Only you" : `Shared with ${audiencePhrase(s.visibility, null)}`}</span>
              )}
              {s.tags.length ? (
                <span className="flex flex-wrap gap-1">
                  <span className="sr-only">Tags:</span>
                  {s.tags.map((t) => (
                    <Badge key={t} variant="muted">
                      {t}
                    </Badge>
                  ))}
                </span>
              ) : null}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <ValueChain chain={s.chain} hrefFor={(cycle) => `/stories/${s.id}/edit#${cycleAnchor(cycle)}`} />
            {s.furthest ? <span className="w-28 text-xs text-muted-foreground">{CYCLE_INFO[s.furthest].name}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The matching words of a search snippet as <mark>; everything is rendered as text. */
function Snippet({ text }: { text: string }) {
  return (
    <p className="mt-1 line-clamp-2 text-sm text-muted-foreground" data-slot="search-snippet">
      {highlightSegments(text).map((seg, i) =>
        seg.highlight ? (
          <mark key={i} className="rounded-sm bg-warning-soft px-0.5 font-medium text-foreground">
            {seg.text}
          </mark>
        ) : (
          <span key={i}>{seg.text}</span>
        ),
      )}
    </p>
  );
}
