"use server";

import { revalidatePath } from "next/cache";
import { updateNudgePreferences } from "@/lib/db/nudges";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { nudgePreferencesSchema } from "@/lib/validation/nudges";

// The person's nudges (profile): per kind off / e-mail (/ Slack once linked), the hour and the days.

export const updateNudgePreferencesAction = createAction({
  name: "updateNudgePreferences",
  input: nudgePreferencesSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const prefs = await updateNudgePreferences(actor, input);
    revalidatePath("/profile");
    return { hour: prefs.hour };
  },
});
