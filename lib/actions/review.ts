"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeStory, askWhatHappenedNext, confirmFigure, recordReading, setHighlight } from "@/lib/db/review";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { acknowledgeSchema, askNextSchema, confirmFigureSchema, highlightSchema, readingSchema } from "@/lib/validation/review";

// Who may do each of these is decided in lib/db/review.ts from lib/domain/access.ts
// (the author's managers; L&D too for readings and highlights; anyone who may read the story,
// but its author, for a thank-you): "signed in" is only the door.

export const askNextAction = createAction({
  name: "askWhatHappenedNext",
  input: askNextSchema,
  authorize: anySignedIn,
  run: async ({ storyId, note }, { actor }) => {
    const followUp = await askWhatHappenedNext(actor, storyId, note);
    revalidatePath(`/stories/${storyId}`);
    return followUp;
  },
});

export const confirmFigureAction = createAction({
  name: "confirmFigure",
  input: confirmFigureSchema,
  authorize: anySignedIn,
  run: async ({ storyId }, { actor }) => {
    const result = await confirmFigure(actor, storyId);
    revalidatePath(`/stories/${storyId}`);
    return result;
  },
});

export const recordReadingAction = createAction({
  name: "recordReading",
  input: readingSchema,
  authorize: anySignedIn,
  run: async ({ storyId, ...reading }, { actor }) => {
    const result = await recordReading(actor, storyId, reading);
    revalidatePath(`/stories/${storyId}`);
    return result;
  },
});

export const highlightAction = createAction({
  name: "highlightStory",
  input: highlightSchema,
  authorize: anySignedIn,
  run: async ({ storyId, on }, { actor }) => {
    const result = await setHighlight(actor, storyId, on);
    revalidatePath(`/stories/${storyId}`);
    return result;
  },
});

export const acknowledgeAction = createAction({
  name: "acknowledgeStory",
  input: acknowledgeSchema,
  authorize: anySignedIn,
  run: async ({ storyId }, { actor }) => {
    const result = await acknowledgeStory(actor, storyId);
    revalidatePath(`/stories/${storyId}`);
    return result;
  },
});
