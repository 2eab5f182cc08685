// REST API: a story's comments, for whoever may read the story; they may add one.
import { addComment, listComments } from "@/lib/db/comments";
import { pageOf } from "@/lib/domain/api";
import { ExpectedError } from "@/lib/platform/errors";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { commentJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

export const GET = createApiRoute(OPERATIONS.listComments, async ({ actor, params, page }) => ({
  body: pageOf((await listComments(actor, params.storyId)).map(commentJson), page.after, page.limit),
}));

export const POST = createApiRoute(OPERATIONS.addComment, async ({ actor, params, body }) => {
  const { id } = await addComment(actor, params.storyId, body.body);
  const created = (await listComments(actor, params.storyId)).find((c) => c.id === id);
  if (!created) throw new ExpectedError("conflict", "The comment was removed as it was posted.");
  return { body: commentJson(created) };
});
