import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ValueChain } from "@/components/stories/value-chain";
import { Badge } from "@/components/ui/badge";
import { requireActor } from "@/lib/auth/session";
import { getStoryForViewer } from "@/lib/db/stories";
import { CYCLES, CYCLE_INFO } from "@/lib/domain/framework";
import { VISIBILITY_LABEL } from "@/lib/domain/roles";
import { idSchema } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Story" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long" });

export default async function StoryPage({ params }: { params: Promise<{ storyId: string }> }) {
  const actor = await requireActor();
  const id = idSchema.safeParse((await params).storyId);
  if (!id.success) notFound();
  const story = await getStoryForViewer(actor, id.data);
  if (!story) notFound();
  const entries = new Map(story.entries.map((e) => [e.cycle, e]));
  return (
    <article className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/stories" className="text-muted-foreground underline-offset-4 hover:underline">
          My stories
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight text-balance sm:text-3xl">{story.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <time dateTime={story.occurredAt.toISOString()}>{dateFormat.format(story.occurredAt)}</time>
          {story.channel ? <span>· {story.channel.label}</span> : null}
          <span>· by {story.author.user.name}</span>
          <Badge variant="outline">Shared with: {VISIBILITY_LABEL[story.visibility]}</Badge>
          {story.status === "DRAFT" ? <Badge variant="secondary">Draft</Badge> : null}
        </p>
        <ValueChain chain={story.chain} size="md" />
      </header>
      <ol className="space-y-4">
        {CYCLES.map((cycle) => {
          const entry = entries.get(cycle);
          const info = CYCLE_INFO[cycle];
          return (
            <li key={cycle} className="rounded-lg border border-border bg-card p-4">
              <h2 className="font-semibold">
                {info.number}. {info.name}
              </h2>
              <p className="text-sm text-muted-foreground">{info.question}</p>
              {entry ? (
                <div className="mt-3 space-y-2">
                  {entry.narrative ? <p className="whitespace-pre-line">{entry.narrative}</p> : null}
                  {entry.evidence.length ? (
                    <ul className="space-y-1 text-sm">
                      {entry.evidence.map((ev) =>
                        ev.kind === "LINK" && ev.url ? (
                          <li key={ev.id}>
                            <a href={ev.url} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-primary underline underline-offset-4">
                              {ev.label ?? ev.url}
                            </a>
                          </li>
                        ) : null,
                      )}
                    </ul>
                  ) : null}
                </div>
              ) : (
                <p className="mt-3 text-sm italic text-muted-foreground">Not yet.</p>
              )}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
