import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryEditor } from "@/components/stories/editor/story-editor";
import type { IndicatorOption } from "@/components/stories/editor/cycle-section";
import { requireActor } from "@/lib/auth/session";
import { listChannels, listIndicators } from "@/lib/db/catalogue";
import { listColleagues } from "@/lib/db/members";
import { getStoryForEditing } from "@/lib/db/story-editor";
import { listTagNames } from "@/lib/db/stories";
import { CYCLES, type Cycle } from "@/lib/domain/framework";
import { idSchema } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Edit story" };

export default async function EditStoryPage({ params }: { params: Promise<{ storyId: string }> }) {
  const actor = await requireActor();
  const id = idSchema.safeParse((await params).storyId);
  if (!id.success) notFound();
  const [story, channels, indicators, colleagues, tags] = await Promise.all([
    getStoryForEditing(actor, id.data),
    listChannels(actor),
    listIndicators(actor),
    listColleagues(actor),
    listTagNames(actor, { scope: "organization" }),
  ]);
  if (!story) notFound();
  const byCycle = Object.fromEntries(CYCLES.map((c) => [c, [] as IndicatorOption[]])) as Record<Cycle, IndicatorOption[]>;
  for (const i of indicators)
    byCycle[i.cycle].push({ key: i.key, label: i.label, description: i.description, capitalKind: i.capitalKind, retired: i.retiredAt !== null });
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/stories" className="text-muted-foreground underline-offset-4 hover:underline">
          My stories
        </Link>
        <span aria-hidden="true" className="px-1 text-muted-foreground">
          /
        </span>
        <Link href={`/stories/${story.id}`} className="text-muted-foreground underline-offset-4 hover:underline">
          {story.doc.title}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Edit story</h1>
      <StoryEditor
        storyId={story.id}
        version={story.version}
        status={story.status}
        updatedAt={story.updatedAt}
        doc={story.doc}
        files={story.files}
        channels={channels.map((c) => ({ key: c.key, label: c.label }))}
        indicators={byCycle}
        colleagues={colleagues.filter((c) => c.id !== actor.membershipId)}
        tagSuggestions={tags}
      />
    </div>
  );
}
