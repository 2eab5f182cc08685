import "server-only";
// The REST API's answers, from what the data functions return: dates as ISO 8601 strings,
// figures as numbers. Each matches its schema in lib/validation/api.ts.
import type { z } from "zod";
import type { ApiTokenView } from "@/lib/db/api-tokens";
import type { ReadableStory } from "@/lib/db/api-stories";
import type { CommentView } from "@/lib/db/comments";
import type { ReflectionView } from "@/lib/db/reflections";
import type { getStoryForViewer } from "@/lib/db/stories";
import { furthestCycle } from "@/lib/domain/framework";
import type { apiTokenSchema, commentSchema, cycleEntrySchema, reflectionSchema, storySchema, storySummarySchema } from "./schemas";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function storySummaryJson(s: ReadableStory): z.input<typeof storySummarySchema> {
  return { ...s, occurredAt: iso(s.occurredAt), createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) };
}

type ViewerStory = NonNullable<Awaited<ReturnType<typeof getStoryForViewer>>>;
type ViewerEntry = ViewerStory["entries"][number];

export function entryJson(e: ViewerEntry): z.input<typeof cycleEntrySchema> {
  return {
    id: e.id,
    cycle: e.cycle,
    narrative: e.narrative ?? "",
    indicators: e.indicatorKeys,
    figureValue: e.figureValue === null ? null : Number(e.figureValue),
    figureUnit: e.figureUnit,
    confirmedAt: isoOrNull(e.confirmedAt),
    recordedAt: iso(e.recordedAt),
  };
}

export function storyJson(s: ViewerStory): z.input<typeof storySchema> {
  return {
    id: s.id,
    title: s.title,
    narrative: s.narrative ?? "",
    occurredAt: iso(s.occurredAt),
    visibility: s.visibility,
    status: s.status,
    version: s.version,
    authorId: s.authorId,
    authorName: s.author.user.name,
    isAuthor: s.isAuthor,
    furthestCycle: furthestCycle(s.entries.map((e) => e.cycle)),
    channel: s.channel?.label ?? null,
    tags: s.tags,
    minutesInvested: s.minutesInvested,
    minutesSaved: s.minutesSaved,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    entries: [...s.entries].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime()).map(entryJson),
  };
}

export function commentJson(c: CommentView): z.input<typeof commentSchema> {
  return { id: c.id, authorName: c.authorName, body: c.body, deleted: c.deleted, mine: c.mine, createdAt: iso(c.createdAt), editedAt: isoOrNull(c.editedAt) };
}

export function reflectionJson(r: ReflectionView): z.input<typeof reflectionSchema> {
  return {
    id: r.id,
    weekStart: iso(r.weekStart),
    learned: r.learned,
    performance: r.performance,
    organizationImpact: r.organizationImpact,
    skipped: r.skipped,
    sharedWithManager: r.sharedWithManager,
    storyIds: r.stories.map((s) => s.id),
    updatedAt: iso(r.updatedAt),
  };
}

export function tokenJson(t: ApiTokenView): z.input<typeof apiTokenSchema> {
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes as z.input<typeof apiTokenSchema>["scopes"],
    ownerName: t.ownerName,
    state: t.state,
    createdAt: iso(t.createdAt),
    expiresAt: iso(t.expiresAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
    revokedAt: isoOrNull(t.revokedAt),
  };
}
