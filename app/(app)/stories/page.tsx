import type { Metadata } from "next";
import { StoryList } from "@/components/stories/story-list";
import { requireActor } from "@/lib/auth/session";
import { listMyStories } from "@/lib/db/stories";

export const metadata: Metadata = { title: "My stories" };

export default async function MyStoriesPage() {
  const actor = await requireActor();
  const stories = await listMyStories(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">My stories</h1>
        <p className="mt-1 text-muted-foreground">
          {stories.length === 1 ? "1 story" : `${stories.length} stories`}. Each grows through up to five cycles of value.
        </p>
      </div>
      <StoryList stories={stories} emptyText="No stories yet. Press C, or use Capture at the top, to record your first learning moment." />
    </div>
  );
}
