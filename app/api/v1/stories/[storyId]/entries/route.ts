// REST API: a story's cycle entries; its author adds one.
import { setCycleEntry } from "@/lib/db/api-stories";
import { requireStoryForViewer } from "@/lib/db/stories";
import { pageOf } from "@/lib/domain/api";
import { notFound } from "@/lib/platform/errors";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { entryJson, storyJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listEntries, async ({ actor, params, page }) => {
  const story = storyJson(await requireStoryForViewer(actor, params.storyId));
  return { body: pageOf(story.entries, page.after, page.limit) };
});

export const POST = createApiRoute(OPERATIONS.addEntry, async ({ actor, params, body }) => {
  const { cycle, ...entry } = body;
  await setCycleEntry(actor, params.storyId, cycle, entry);
  const saved = (await requireStoryForViewer(actor, params.storyId)).entries.find((e) => e.cycle === cycle);
  // An entry with nothing in it is not kept (as in the editor).
  if (!saved) throw notFound();
  return { body: entryJson(saved), headers: { Location: `/api/v1/stories/${params.storyId}/entries` } };
});
