"use server";

import { createOrganizationWithAdmin } from "@/lib/db/organizations";
import { createAction, PUBLIC } from "@/lib/server/action";
import { signUpSchema } from "@/lib/validation/auth";

export const signUpAction = createAction({
  name: "signUp",
  input: signUpSchema,
  authorize: PUBLIC,
  run: async (input) => {
    await createOrganizationWithAdmin(input);
    return { email: input.email };
  },
});
