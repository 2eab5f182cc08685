"use server";

import { revalidatePath } from "next/cache";
import { removeEvidence } from "@/lib/db/evidence";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { removeEvidenceSchema } from "@/lib/validation/evidence";

/** Removes a link or a file from a story; the data layer lets only the story's author. */
export const removeEvidenceAction = createAction({
  name: "removeEvidence",
  input: removeEvidenceSchema,
  authorize: anySignedIn,
  run: async ({ evidenceId }, { actor }) => {
    const result = await removeEvidence(actor, evidenceId);
    revalidatePath(`/stories/${result.storyId}`, "layout");
    return result;
  },
});
