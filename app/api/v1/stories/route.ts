// REST API: the stories the token's person may read, and quick capture.
import { listReadableStories } from "@/lib/db/api-stories";
import { requireStoryForViewer, quickCapture } from "@/lib/db/stories";
import { encodeCursor } from "@/lib/domain/api";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { storyJson, storySummaryJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listStories, async ({ actor, page }) => {
  const { stories, more } = await listReadableStories(actor, page);
  const last = stories[stories.length - 1];
  return { body: { items: stories.map(storySummaryJson), next: more && last ? encodeCursor(last.id) : null } };
});

export const POST = createApiRoute(OPERATIONS.createStory, async ({ actor, body }) => {
  const { id } = await quickCapture(actor, body);
  return { body: storyJson(await requireStoryForViewer(actor, id)), headers: { Location: `/api/v1/stories/${id}` } };
});
