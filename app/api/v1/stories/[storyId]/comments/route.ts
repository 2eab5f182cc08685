// REST API: a story's comments, for whoever may read the story; they may add one.
import { storyFor } from "@/lib/db/access";
import { addComment, listComments } from "@/lib/db/comments";
import { pageOf } from "@/lib/domain/api";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { createApiRoute } from "@/lib/server/api-route";
import { OPERATIONS } from "@/lib/server/api/operations";
import { commentJson } from "@/lib/server/api/views";

export const dynamic = "force-dynamic";

// A story the person may not read answers 404, as its page does (listComments alone answers an empty list).
export const GET = createApiRoute(OPERATIONS.listComments, async ({ actor, params, page }) => {
  const story = await storyFor(actor, params.storyId, "read");
  if (!story) throw notFound();
  return { body: pageOf((await listComments(actor, story)).map(commentJson), page.after, page.limit) };
});

export const POST = createApiRoute(OPERATIONS.addComment, async ({ actor, params, body }) => {
  const { id } = await addComment(actor, params.storyId, body.body);
  const created = (await listComments(actor, params.storyId)).find((c) => c.id === id);
  if (!created) throw new ExpectedError("conflict", "The comment was removed as it was posted.");
  return { body: commentJson(created) };
});
