import "server-only";
import { cache } from "react";
import { prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";

/** The organisation's channels that are still in use, in their order. */
// Once per request (React's cache, keyed by the request's actor): the shell and the page both list them.
export const listChannels = cache((actor: Actor) =>
  prisma().channel.findMany({
    where: { organizationId: actor.organizationId, retiredAt: null },
    select: { id: true, key: true, label: true },
    orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
  }),
);

/** The organisation's indicator catalogue, including retired indicators (old stories keep them). */
export function listIndicators(actor: Actor) {
  return prisma().indicator.findMany({
    where: { organizationId: actor.organizationId },
    select: { key: true, label: true, cycle: true, capitalKind: true, description: true, retiredAt: true },
    orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
  });
}
