import { z } from "zod";
import { idSchema, text } from "./common";

export const COMMENT_MAX = 4000;

export const commentBodySchema = text("A comment", { message: "Write a comment before posting." })
  .trim()
  .min(1, "Write a comment before posting.")
  .max(COMMENT_MAX, `Comment: use at most ${COMMENT_MAX} characters.`);

export const addCommentSchema = z.object({ storyId: idSchema, body: commentBodySchema });
export const deleteCommentSchema = z.object({ commentId: idSchema });

export const notificationIdSchema = z.object({ notificationId: idSchema });
