"use server";

import { revalidatePath } from "next/cache";
import { saveReflection, saveReflectionDraft, setReflectionDay, skipWeek } from "@/lib/db/reflections";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { reflectionDaySchema, reflectionDraftSaveSchema, reflectionInputSchema, reflectionSkipSchema } from "@/lib/validation/reflection";

/** Home shows the reminder, /reflect the form and history: both change. */
function revalidateReflection() {
  revalidatePath("/reflect");
  revalidatePath("/");
}

export const saveReflectionAction = createAction({
  name: "saveReflection",
  input: reflectionInputSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const saved = await saveReflection(actor, input);
    revalidateReflection();
    return { id: saved.id, weekLabel: saved.weekLabel };
  },
});

/** Autosave of this week's draft. Nothing else changes: a draft is not a reflection. */
export const saveReflectionDraftAction = createAction({
  name: "saveReflectionDraft",
  input: reflectionDraftSaveSchema,
  authorize: anySignedIn,
  run: async ({ baseVersion, doc }, { actor }) => saveReflectionDraft(actor, baseVersion, doc),
});

export const skipWeekAction = createAction({
  name: "skipReflectionWeek",
  input: reflectionSkipSchema,
  authorize: anySignedIn,
  run: async (_input, { actor }) => {
    const saved = await skipWeek(actor);
    revalidateReflection();
    return { id: saved.id, weekLabel: saved.weekLabel };
  },
});

export const setReflectionDayAction = createAction({
  name: "setReflectionDay",
  input: reflectionDaySchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const saved = await setReflectionDay(actor, input.reflectionDay);
    revalidateReflection();
    return saved;
  },
});
