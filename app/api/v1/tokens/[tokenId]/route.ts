// REST API (admin scope): revoke a token of the organisation.
import { revokeApiToken } from "@/lib/db/api-tokens";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";

export const dynamic = "force-dynamic";

export const DELETE = createApiRoute(OPERATIONS.revokeToken, async ({ actor, params }) => {
  const { id } = await revokeApiToken(actor, params.tokenId);
  return { body: { id, revoked: true as const } };
});
