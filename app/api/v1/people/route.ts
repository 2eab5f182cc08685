// REST API: the active people of the organisation, as the "who helped" picker offers them.
import { listColleagues } from "@/lib/db/members";
import { pageOf } from "@/lib/domain/api";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listPeople, async ({ actor, page }) => ({
  body: pageOf(await listColleagues(actor), page.after, page.limit),
}));
