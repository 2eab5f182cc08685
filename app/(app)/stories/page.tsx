import { Trash2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StoryFilterForm } from "@/components/stories/story-filters";
import { StoryList } from "@/components/stories/story-list";
import { timeZoneOf } from "@/lib/domain/actor";
import { StorySearchProvider, StorySearchResults, StorySearchStatus } from "@/components/stories/story-search";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { findMyStories, listTagNames, STORY_LIST_LIMIT } from "@/lib/db/stories";
import { canonicalStoriesQuery, describeFilters, effectiveSort, hasActiveFilters, restrictToKnown } from "@/lib/domain/story-filters";
import { parseStoryFilters } from "@/lib/validation/story-filters";

export const metadata: Metadata = { title: "My stories" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function MyStoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const [channels, tags] = await Promise.all([listChannels(actor), listTagNames(actor, { scope: "own" })]);
  // Invalid values are dropped; the address is then rewritten to say exactly what applies.
  const filters = restrictToKnown(parseStoryFilters(raw), { channels: channels.map((c) => c.key), tags });
  const canonical = canonicalStoriesQuery(raw, filters);
  if (canonical !== null) redirect(canonical ? `/stories?${canonical}` : "/stories");

  const { stories, more } = await findMyStories(actor, filters);
  const filtered = hasActiveFilters(filters);
  const summary = describeFilters(filters, stories.length, {
    channelLabels: Object.fromEntries(channels.map((c) => [c.key, c.label])),
    more,
  });
  const sort = effectiveSort(filters);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">My stories</h1>
          <p className="mt-1 text-muted-foreground">Each grows through up to five cycles of value. Search them, or narrow them down.</p>
        </div>
        <Link
          href="/stories/trash"
          className="inline-flex h-10 items-center gap-1.5 rounded-md px-3 text-sm text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          <Trash2 aria-hidden="true" className="size-4" /> Trash
        </Link>
      </div>
      <StorySearchProvider>
        <StoryFilterForm filters={filters} channels={channels.map((c) => ({ key: c.key, label: c.label }))} tags={tags} />
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <StorySearchStatus className="text-sm text-muted-foreground">
            {summary}
            {more ? `. Showing the first ${STORY_LIST_LIMIT}: narrow the search to see the rest.` : null}
          </StorySearchStatus>
          {filtered ? (
            <Link href="/stories" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Clear filters
            </Link>
          ) : null}
        </div>
        <StorySearchResults>
          <StoryList
            stories={stories}
            groupByMonth={sort === "newest" || sort === "oldest"}
            timeZone={timeZoneOf(actor)}
            emptyText={
              filtered ? (
                <>
                  No stories match these filters.{" "}
                  <Link href="/stories" className="font-medium text-primary underline underline-offset-4">
                    Show all my stories
                  </Link>
                </>
              ) : (
                "No stories yet. Press C, or use Capture at the top, to record your first learning moment."
              )
            }
          />
        </StorySearchResults>
      </StorySearchProvider>
    </div>
  );
}
