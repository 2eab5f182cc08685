"use server";

import { revalidatePath } from "next/cache";
import { quickCapture } from "@/lib/db/stories";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { quickCaptureSchema } from "@/lib/validation/story";

export const quickCaptureAction = createAction({
  name: "quickCapture",
  input: quickCaptureSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const story = await quickCapture(actor, input);
    revalidatePath("/", "layout");
    return story;
  },
});
