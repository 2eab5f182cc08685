// REST API: one story, as its page shows it to the token's person; its author changes it.
import { updateStoryFields } from "@/lib/db/api-stories";
import { requireStoryForViewer } from "@/lib/db/stories";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { storyJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.getStory, async ({ actor, params }) => ({
  body: storyJson(await requireStoryForViewer(actor, params.storyId)),
}));

export const PATCH = createApiRoute(OPERATIONS.updateStory, async ({ actor, params, body }) => {
  await updateStoryFields(actor, params.storyId, body);
  return { body: storyJson(await requireStoryForViewer(actor, params.storyId)) };
});
