import "server-only";
import { prisma } from "./client";
import type { Actor } from "@/lib/domain/actor";

/** Active colleagues in the actor's organisation (for picking who helped). */
export async function listColleagues(actor: Actor) {
  const rows = await prisma().membership.findMany({
    where: { organizationId: actor.organizationId, status: "ACTIVE" },
    select: { id: true, user: { select: { name: true } }, team: { select: { name: true } } },
    orderBy: { user: { name: "asc" } },
    take: 2000,
  });
  return rows.map((m) => ({ id: m.id, name: m.user.name, team: m.team?.name ?? null }));
}
