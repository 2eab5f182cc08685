import "server-only";
import type { Prisma } from "./client";
import { storyReaders } from "./access";
import { sharesWithManager } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import type { Visibility } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";

type Sharing = { status: "DRAFT" | "PUBLISHED"; visibility: Visibility };

/**
 * When the author's change (publishing, or a visibility that now includes their manager) shares
 * a story with their manager, the manager is told: once per story (sharing again after unsharing
 * is not news), and only if they may read it as the write leaves it. Runs inside the write's
 * transaction (`tx`), so the notification commits with the change or not at all.
 */
export async function notifyManagerOfShare(tx: Prisma.TransactionClient, author: Actor, storyId: string, before: Sharing, after: Sharing): Promise<void> {
  if (!author.managerId || !sharesWithManager(before, after)) return;
  const [manager] = await storyReaders(author, storyId, [author.managerId], tx);
  if (!manager) return;
  const already = await tx.notification.count({
    where: { organizationId: author.organizationId, recipientId: manager, kind: NOTIFICATION_KINDS.storyShared, storyId },
  });
  if (already) return;
  await tx.notification.create({
    data: {
      organizationId: author.organizationId,
      recipientId: manager,
      actorId: author.membershipId,
      kind: NOTIFICATION_KINDS.storyShared,
      storyId,
      createdAt: now(),
    },
  });
}
