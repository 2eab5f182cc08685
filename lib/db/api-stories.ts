import "server-only";
import { readableStoryScope } from "./access";
import { prisma } from "./client";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "./story-editor";
import { entryHasContent, type EntryDoc, type StoryDoc } from "@/lib/domain/story";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import { furthestCycle, type Cycle } from "@/lib/domain/framework";
import type { Visibility } from "@/lib/domain/roles";

export type ReadableStory = {
  id: string;
  title: string;
  occurredAt: Date;
  visibility: Visibility;
  status: "DRAFT" | "PUBLISHED";
  authorId: string;
  authorName: string;
  isAuthor: boolean;
  furthestCycle: Cycle | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The stories the actor may read (the same filter as every story query: readableStoryScope),
 * newest first by id (ids are UUIDv7, so in order of creation), `limit` after the id `after`.
 * Returns one more than asked when there is a next page, which the caller drops.
 */
export async function listReadableStories(actor: Actor, opts: { after: string | null; limit: number }): Promise<{ stories: ReadableStory[]; more: boolean }> {
  const rows = await prisma().story.findMany({
    where: { AND: [await readableStoryScope(actor), ...(opts.after ? [{ id: { lt: opts.after } }] : [])] },
    select: {
      id: true,
      title: true,
      occurredAt: true,
      visibility: true,
      status: true,
      authorId: true,
      createdAt: true,
      updatedAt: true,
      author: { select: { user: { select: { name: true } } } },
      entries: { select: { cycle: true } },
    },
    orderBy: { id: "desc" },
    take: opts.limit + 1,
  });
  return {
    more: rows.length > opts.limit,
    stories: rows.slice(0, opts.limit).map(({ author, entries, ...r }) => ({
      ...r,
      authorName: author.user.name,
      isAuthor: r.authorId === actor.membershipId,
      furthestCycle: furthestCycle(entries.map((e) => e.cycle)),
    })),
  };
}

/**
 * The REST API's change of a story: the editor's fields given, merged into the story as its author
 * edits it (getStoryForEditing: only the author's own story, else not found) and saved as the
 * editor saves it (saveStoryDocument: optimistic concurrency on `baseVersion`, its audit and its
 * notifications), then the status as the Publish button sets it.
 */
export async function updateStoryFields(
  actor: Actor,
  storyId: string,
  change: Partial<Pick<StoryDoc, "title" | "narrative" | "occurredOn" | "visibility" | "tags" | "minutesInvested" | "minutesSaved">> & {
    baseVersion?: number | undefined;
    status?: "DRAFT" | "PUBLISHED" | undefined;
  },
): Promise<void> {
  const { baseVersion, status, ...fields } = change;
  const current = await getStoryForEditing(actor, storyId);
  if (!current) throw notFound();
  if (baseVersion !== undefined && baseVersion !== current.version) throw staleVersion();
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(defined).length) {
    const saved = await saveStoryDocument(actor, storyId, current.version, { ...current.doc, ...defined });
    if (saved.status === "conflict") throw staleVersion();
  }
  if (status && status !== current.status) await setStoryStatus(actor, storyId, status);
}

/** Sets one cycle's entry of the author's own story, as the editor does (the other cycles stay). */
export async function setCycleEntry(actor: Actor, storyId: string, cycle: Cycle, entry: EntryDoc): Promise<void> {
  const current = await getStoryForEditing(actor, storyId);
  if (!current) throw notFound();
  // The editor keeps no empty entry: say so rather than store nothing.
  if (!entryHasContent(entry)) throw new ExpectedError("invalid", "Write what happened in this cycle, or add an indicator, a figure or a link.");
  const saved = await saveStoryDocument(actor, storyId, current.version, { ...current.doc, entries: { ...current.doc.entries, [cycle]: entry } });
  if (saved.status === "conflict") throw staleVersion();
}

const staleVersion = () => new ExpectedError("conflict", "The story changed since the version you sent. Read it again, then send your change.");
