// REST API: the organisation's teams, as Admin › Teams shows them (admins only).
import { listTeams } from "@/lib/db/admin";
import { pageOf } from "@/lib/domain/api";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listTeams, async ({ actor, page }) => ({
  body: pageOf(
    (await listTeams(actor)).map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, depth: t.depth, memberCount: t.memberCount })),
    page.after,
    page.limit,
  ),
}));
