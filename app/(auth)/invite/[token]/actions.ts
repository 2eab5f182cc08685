"use server";

import { acceptInvite } from "@/lib/db/invites";
import { createAction, PUBLIC } from "@/lib/server/action";
import { acceptInviteSchema } from "@/lib/validation/admin";

export const acceptInviteAction = createAction({
  name: "acceptInvite",
  input: acceptInviteSchema,
  authorize: PUBLIC,
  run: async ({ token, ...input }) => {
    await acceptInvite(token, input);
    return { email: input.email };
  },
});
