"use server";

import { revalidatePath } from "next/cache";
import { createTeam, deactivateMember, deleteTeam, moveTeam, reactivateMember, renameTeam, updateMember } from "@/lib/db/admin";
import { allowedTo } from "@/lib/domain/access";
import { dismissOnboarding } from "@/lib/db/onboarding";
import { createAction } from "@/lib/server/action";
import { z } from "zod";
import { memberUpdateSchema, membershipIdSchema, teamCreateSchema, teamIdSchema, teamMoveSchema, teamRenameSchema } from "@/lib/validation/admin";

// Administration: the people of the organisation, and its teams.

export const updateMemberAction = createAction({
  name: "admin.updateMember",
  input: memberUpdateSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ membershipId, ...changes }, { actor }) => {
    const result = await updateMember(actor, membershipId, changes);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const deactivateMemberAction = createAction({
  name: "admin.deactivateMember",
  input: membershipIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ membershipId }, { actor }) => {
    const result = await deactivateMember(actor, membershipId);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const reactivateMemberAction = createAction({
  name: "admin.reactivateMember",
  input: membershipIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ membershipId }, { actor }) => {
    const result = await reactivateMember(actor, membershipId);
    revalidatePath("/admin", "layout");
    return result;
  },
});

// ---- Teams ---------------------------------------------------------------------------------

export const createTeamAction = createAction({
  name: "admin.createTeam",
  input: teamCreateSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const team = await createTeam(actor, input);
    revalidatePath("/admin", "layout");
    return team;
  },
});

export const renameTeamAction = createAction({
  name: "admin.renameTeam",
  input: teamRenameSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ teamId, name }, { actor }) => {
    const result = await renameTeam(actor, teamId, name);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const moveTeamAction = createAction({
  name: "admin.moveTeam",
  input: teamMoveSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ teamId, parentId }, { actor }) => {
    const result = await moveTeam(actor, teamId, parentId ?? null);
    revalidatePath("/admin", "layout");
    return result;
  },
});

export const deleteTeamAction = createAction({
  name: "admin.deleteTeam",
  input: teamIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ teamId }, { actor }) => {
    const result = await deleteTeam(actor, teamId);
    revalidatePath("/admin", "layout");
    return result;
  },
});

// ---- Onboarding ----------------------------------------------------------------------------

export const dismissOnboardingAction = createAction({
  name: "admin.dismissOnboarding",
  input: z.object({}),
  authorize: allowedTo("admin.manage"),
  run: async (_input, { actor }) => {
    const result = await dismissOnboarding(actor);
    revalidatePath("/", "page");
    return result;
  },
});
