"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";

// API tokens: a person's own (Profile), the organisation's (Admin). The token is returned once,
// to be shown once; only its hash is kept. Organisation tokens and the admin scope are checked in
// the data layer (createApiToken), so no caller can get round it.

export const createApiTokenAction = createAction({
  name: "createApiToken",
  input: createApiTokenSchema,
  authorize: anySignedIn,
  run: async (input, { actor }) => {
    const { token, view } = await createApiToken(actor, input);
    revalidatePath(input.kind === "ORGANIZATION" ? "/admin/api-tokens" : "/profile");
    return { token, id: view.id, name: view.name, prefix: view.prefix };
  },
});

export const revokeApiTokenAction = createAction({
  name: "revokeApiToken",
  input: revokeApiTokenSchema,
  authorize: anySignedIn,
  run: async ({ tokenId }, { actor }) => {
    const result = await revokeApiToken(actor, tokenId);
    revalidatePath("/profile");
    revalidatePath("/admin/api-tokens");
    return result;
  },
});
