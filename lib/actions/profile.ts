"use server";

import { revalidatePath } from "next/cache";
import { getSessionId } from "@/lib/auth/session";
import { changePassword } from "@/lib/db/auth";
import { guessTimeZone, updateProfile } from "@/lib/db/profile";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { changePasswordSchema } from "@/lib/validation/auth";
import { guessTimeZoneSchema, profileSchema } from "@/lib/validation/profile";

// The person's own profile: name, time zone, notifications, reminder day, default channel, password.

export const updateProfileAction = createAction({
  name: "updateProfile",
  input: profileSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const profile = await updateProfile(actor, input);
    // The name, the zone and the capture channel show on every page.
    revalidatePath("/", "layout");
    return { name: profile.name, timeZone: profile.timeZone };
  },
});

/** The browser's zone, saved on the first visit only (while the person has none). */
export const guessTimeZoneAction = createAction({
  name: "guessTimeZone",
  input: guessTimeZoneSchema,
  authorize: anySignedIn,
  run: async ({ timeZone }, { actor }) => {
    const result = await guessTimeZone(actor, timeZone);
    if (result.saved) revalidatePath("/", "layout");
    return result;
  },
});

/** Changes the password; this browser stays signed in, every other session of the person ends. */
export const changePasswordAction = createAction({
  name: "changePassword",
  input: changePasswordSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => changePassword(actor, input, await getSessionId()),
});
