// REST API: the token's person's own weekly reflections, and this week's.
import { listReflectionHistory, saveReflection } from "@/lib/db/reflections";
import { pageOf } from "@/lib/domain/api";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { reflectionJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

// The last 200 weeks at most (the data function's own bound), paged.
export const GET = createApiRoute(OPERATIONS.listReflections, async ({ actor, page }) => ({
  body: pageOf((await listReflectionHistory(actor, { take: 200 })).map(reflectionJson), page.after, page.limit),
}));

export const POST = createApiRoute(OPERATIONS.addReflection, async ({ actor, body }) => ({
  body: reflectionJson(await saveReflection(actor, body)),
}));
