"use server";

import { z } from "zod";
import { confirmSignUp, signUp } from "@/lib/db/sign-up";
import { createAction, PUBLIC } from "@/lib/server/action";
import { requestClientAddress } from "@/lib/server/request-context";
import { signUpSchema } from "@/lib/validation/auth";

export const signUpAction = createAction({
  name: "signUp",
  input: signUpSchema,
  authorize: PUBLIC,
  run: async (input) => signUp(input, { address: await requestClientAddress() }),
});

export const confirmSignUpAction = createAction({
  name: "confirmSignUp",
  input: z.object({ token: z.string().min(1, "This link is not complete. Open the link from the e-mail again.").max(200) }),
  authorize: PUBLIC,
  run: async ({ token }) => {
    const { email } = await confirmSignUp(token);
    return { email };
  },
});
