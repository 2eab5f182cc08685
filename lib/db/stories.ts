import "server-only";
import { prisma, type Prisma } from "./client";
import { ExpectedError, notFound } from "./errors";
import { recordAudit, auditFromActor } from "./audit";
import type { Actor } from "@/lib/domain/actor";
import { furthestCycle, valueChain, type Cycle } from "@/lib/domain/framework";
import type { QuickCaptureInput } from "@/lib/validation/story";

/**
 * Which stories the actor may read. The one place that builds this scope; every story
 * query starts from it. (Issue "roles and privacy" extends it to managers up the line.)
 */
export function readableStoryScope(actor: Actor): Prisma.StoryWhereInput {
  const shared: Prisma.StoryWhereInput[] = [{ authorId: actor.membershipId }, { visibility: "ORG", status: "PUBLISHED" }];
  if (actor.teamId) shared.push({ visibility: "TEAM", status: "PUBLISHED", author: { teamId: actor.teamId } });
  return { organizationId: actor.organizationId, deletedAt: null, OR: shared };
}

/** Only the author's own story (for editing), or null. Trashed stories count only when asked. */
export function ownStoryScope(actor: Actor, storyId: string, opts: { includeTrashed?: boolean } = {}): Prisma.StoryWhereInput {
  return {
    id: storyId,
    organizationId: actor.organizationId,
    authorId: actor.membershipId,
    ...(opts.includeTrashed ? {} : { deletedAt: null }),
  };
}

/** Quick capture: one line, a channel, an optional link. A draft story with its first cycle entry. */
export async function quickCapture(actor: Actor, input: QuickCaptureInput): Promise<{ id: string }> {
  const db = prisma();
  const [channel, org] = await Promise.all([
    db.channel.findFirst({ where: { organizationId: actor.organizationId, key: input.channel, retiredAt: null }, select: { id: true } }),
    db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { defaultVisibility: true } }),
  ]);
  if (!channel) {
    throw new ExpectedError("invalid", "Choose where it happened from the list.", { channel: ["Choose where it happened from the list."] });
  }
  const story = await db.story.create({
    data: {
      organizationId: actor.organizationId,
      authorId: actor.membershipId,
      title: input.what,
      occurredAt: new Date(),
      channelId: channel.id,
      visibility: org.defaultVisibility,
      status: "DRAFT",
      entries: {
        create: {
          organizationId: actor.organizationId,
          cycle: input.startCycle,
          narrative: input.what,
          ...(input.link
            ? { evidence: { create: { organizationId: actor.organizationId, kind: "LINK", url: input.link } } }
            : {}),
        },
      },
    },
    select: { id: true },
  });
  await recordAudit({ ...auditFromActor(actor), action: "story.created", targetType: "story", targetId: story.id });
  return story;
}

const listSelect = {
  id: true,
  title: true,
  occurredAt: true,
  visibility: true,
  status: true,
  updatedAt: true,
  channel: { select: { label: true } },
  entries: { select: { cycle: true } },
} satisfies Prisma.StorySelect;

export type StoryListItem = {
  id: string;
  title: string;
  occurredAt: Date;
  visibility: Prisma.StoryGetPayload<{ select: typeof listSelect }>["visibility"];
  status: "DRAFT" | "PUBLISHED";
  channel: string | null;
  furthest: Cycle | null;
  chain: { cycle: Cycle; reached: boolean }[];
};

function toListItem(s: Prisma.StoryGetPayload<{ select: typeof listSelect }>): StoryListItem {
  const cycles = s.entries.map((e) => e.cycle);
  return {
    id: s.id,
    title: s.title,
    occurredAt: s.occurredAt,
    visibility: s.visibility,
    status: s.status,
    channel: s.channel?.label ?? null,
    furthest: furthestCycle(cycles),
    chain: valueChain(cycles),
  };
}

/** The actor's own stories, newest first. */
export async function listMyStories(actor: Actor, opts: { take?: number } = {}): Promise<StoryListItem[]> {
  const rows = await prisma().story.findMany({
    where: { organizationId: actor.organizationId, authorId: actor.membershipId, deletedAt: null },
    select: listSelect,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 200,
  });
  return rows.map(toListItem);
}

/** A story the actor may read, or null: not found and not allowed look the same. */
export async function getStoryForViewer(actor: Actor, storyId: string) {
  const story = await prisma().story.findFirst({
    where: { AND: [{ id: storyId }, readableStoryScope(actor)] },
    select: {
      id: true,
      title: true,
      occurredAt: true,
      visibility: true,
      status: true,
      version: true,
      authorId: true,
      createdAt: true,
      updatedAt: true,
      minutesInvested: true,
      minutesSaved: true,
      author: { select: { user: { select: { name: true } } } },
      channel: { select: { label: true } },
      entries: {
        select: {
          id: true,
          cycle: true,
          narrative: true,
          indicatorKeys: true,
          figureValue: true,
          figureUnit: true,
          recordedAt: true,
          evidence: { select: { id: true, kind: true, url: true, label: true, fileName: true } },
        },
      },
    },
  });
  if (!story) return null;
  return { ...story, chain: valueChain(story.entries.map((e) => e.cycle)), isAuthor: story.authorId === actor.membershipId };
}

export async function requireStoryForViewer(actor: Actor, storyId: string) {
  const story = await getStoryForViewer(actor, storyId);
  if (!story) throw notFound();
  return story;
}
