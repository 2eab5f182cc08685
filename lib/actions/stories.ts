"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { dismissFollowUp, scheduleFollowUp } from "@/lib/db/follow-ups";
import { saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { quickCapture } from "@/lib/db/stories";
import { eraseStory, restoreStory, trashStory } from "@/lib/db/trash";
import { anySignedIn } from "@/lib/domain/actor";
import { ExpectedError } from "@/lib/platform/errors";
import { createAction } from "@/lib/server/action";
import { quickCaptureFormSchema } from "@/lib/validation/story";
import { followUpIdSchema, followUpSchema, saveStorySchema, storyIdSchema } from "@/lib/validation/story-editor";
import { z } from "zod";

// A person's own stories: capture, the editor, sharing, the trash, and follow-ups.

export const quickCaptureAction = createAction({
  name: "quickCapture",
  input: quickCaptureFormSchema,
  authorize: anySignedIn,
  // No revalidatePath: Next.js would render the whole page the person is on (any page: the
  // capture dialog opens everywhere) into this answer, on every capture. Every page is dynamic, so
  // nothing cached is stale; the form refreshes the page it is on once the moment is acknowledged.
  run: ({ owner, ...input }, { actor }) => {
    // Sent from the offline outbox of a page that was opened as someone else (who signed out in
    // another tab since): "unauthorized", so the outbox keeps it for its owner.
    if (owner && owner !== actor.membershipId)
      throw new ExpectedError("unauthorized", "This moment was captured by someone else signed in on this browser; it waits for them.");
    return quickCapture(actor, input);
  },
});

export const saveStoryAction = createAction({
  name: "saveStory",
  input: saveStorySchema,
  authorize: anySignedIn,
  run: async ({ storyId, baseVersion, doc }, { actor }) => {
    const result = await saveStoryDocument(actor, storyId, baseVersion, doc);
    if (result.status === "saved") revalidatePath(`/stories/${storyId}`);
    return result;
  },
});

export const setStoryStatusAction = createAction({
  name: "setStoryStatus",
  input: storyIdSchema.extend({ status: z.enum(["DRAFT", "PUBLISHED"]) }),
  authorize: anySignedIn,
  run: async ({ storyId, status }, { actor }) => {
    const result = await setStoryStatus(actor, storyId, status);
    revalidatePath(`/stories/${storyId}`);
    return result;
  },
});

export const trashStoryAction = createAction({
  name: "trashStory",
  input: storyIdSchema,
  authorize: anySignedIn,
  run: async ({ storyId }, { actor }) => {
    await trashStory(actor, storyId);
    revalidatePath("/", "layout");
    redirect("/stories/trash");
  },
});

export const restoreStoryAction = createAction({
  name: "restoreStory",
  input: storyIdSchema,
  authorize: anySignedIn,
  run: async ({ storyId }, { actor }) => {
    await restoreStory(actor, storyId);
    revalidatePath("/", "layout");
    return { storyId };
  },
});

export const eraseStoryAction = createAction({
  name: "eraseStory",
  input: storyIdSchema,
  authorize: anySignedIn,
  run: async ({ storyId }, { actor }) => {
    await eraseStory(actor, storyId);
    revalidatePath("/", "layout");
    return { storyId };
  },
});

export const scheduleFollowUpAction = createAction({
  name: "scheduleFollowUp",
  input: followUpSchema,
  authorize: anySignedIn,
  run: async ({ storyId, weeks }, { actor }) => {
    const followUp = await scheduleFollowUp(actor, storyId, weeks);
    revalidatePath(`/stories/${storyId}`);
    return followUp;
  },
});

export const dismissFollowUpAction = createAction({
  name: "dismissFollowUp",
  input: followUpIdSchema,
  authorize: anySignedIn,
  run: async ({ followUpId }, { actor }) => {
    await dismissFollowUp(actor, followUpId);
    revalidatePath("/", "layout");
    return { followUpId };
  },
});
