"use server";

import { revalidatePath } from "next/cache";
import { deactivateMember, reactivateMember, updateMember } from "@/lib/db/admin";
import { hasRole } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { memberUpdateSchema, membershipIdSchema } from "@/lib/validation/admin";

export const updateMemberAction = createAction({
  name: "admin.updateMember",
  input: memberUpdateSchema,
  authorize: hasRole("ADMIN"),
  run: async ({ membershipId, ...changes }, { actor }) => {
    const result = await updateMember(actor, membershipId, changes);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const deactivateMemberAction = createAction({
  name: "admin.deactivateMember",
  input: membershipIdSchema,
  authorize: hasRole("ADMIN"),
  run: async ({ membershipId }, { actor }) => {
    const result = await deactivateMember(actor, membershipId);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const reactivateMemberAction = createAction({
  name: "admin.reactivateMember",
  input: membershipIdSchema,
  authorize: hasRole("ADMIN"),
  run: async ({ membershipId }, { actor }) => {
    const result = await reactivateMember(actor, membershipId);
    revalidatePath("/admin", "layout");
    return result;
  },
});
