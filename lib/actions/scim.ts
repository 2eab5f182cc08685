"use server";

import { revalidatePath } from "next/cache";
import { issueScimToken, revokeScimToken } from "@/lib/db/scim";
import { allowedTo } from "@/lib/domain/access";
import { createAction } from "@/lib/server/action";
import { scimTokenActionSchema } from "@/lib/validation/scim";

// Admin › Provisioning (SCIM): the organisation admin makes (or rotates) and revokes the bearer
// token an identity provider uses. The token is in the answer once, and never again.

export const issueScimTokenAction = createAction({
  name: "issueScimToken",
  input: scimTokenActionSchema,
  authorize: allowedTo("admin.manage"),
  run: async (_input, { actor }) => {
    const result = await issueScimToken(actor);
    revalidatePath("/admin/provisioning");
    return result;
  },
});

export const revokeScimTokenAction = createAction({
  name: "revokeScimToken",
  input: scimTokenActionSchema,
  authorize: allowedTo("admin.manage"),
  run: async (_input, { actor }) => {
    const result = await revokeScimToken(actor);
    revalidatePath("/admin/provisioning");
    return result;
  },
});
