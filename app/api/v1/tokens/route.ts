// REST API (admin scope): every API token of the organisation, as Admin › API tokens lists them.
import { listOrganizationApiTokens } from "@/lib/db/api-tokens";
import { pageOf } from "@/lib/domain/api";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { tokenJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listTokens, async ({ actor, page }) => ({
  body: pageOf((await listOrganizationApiTokens(actor)).map(tokenJson), page.after, page.limit),
}));
