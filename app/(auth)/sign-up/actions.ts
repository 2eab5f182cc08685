"use server";

import { signUp } from "@/lib/db/sign-up";
import { createAction, PUBLIC } from "@/lib/server/action";
import { requestClientAddress } from "@/lib/server/request-context";
import { signUpSchema } from "@/lib/validation/auth";

export const signUpAction = createAction({
  name: "signUp",
  input: signUpSchema,
  authorize: PUBLIC,
  run: async (input) => signUp(input, { address: await requestClientAddress() }),
});
