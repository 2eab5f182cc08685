"use server";

import { revalidatePath } from "next/cache";
import { addComment, deleteComment } from "@/lib/db/comments";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { addCommentSchema, deleteCommentSchema } from "@/lib/validation/comments";

/** Comments on a story the actor may read; the data layer checks access and notifies. */
export const addCommentAction = createAction({
  name: "addComment",
  input: addCommentSchema,
  authorize: anySignedIn,
  run: async ({ storyId, body }, { actor }) => {
    const result = await addComment(actor, storyId, body);
    revalidatePath(`/stories/${result.storyId}`);
    return { id: result.id };
  },
});

/** Removes one of the actor's own comments. */
export const deleteCommentAction = createAction({
  name: "deleteComment",
  input: deleteCommentSchema,
  authorize: anySignedIn,
  run: async ({ commentId }, { actor }) => {
    const result = await deleteComment(actor, commentId);
    revalidatePath(`/stories/${result.storyId}`);
    return { commentId };
  },
});
