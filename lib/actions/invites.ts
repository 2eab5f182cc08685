"use server";

import { revalidatePath } from "next/cache";
import { acceptInvite, checkBulkInvite, createInvite, revokeInvite } from "@/lib/db/invites";
import { allowedTo } from "@/lib/domain/access";
import { createAction, PUBLIC } from "@/lib/server/action";
import { inviteMany } from "@/lib/jobs/invite-email-job";
import { bulkInviteSchema } from "@/lib/validation/bulk-invite";
import { acceptInviteSchema, inviteCreateSchema, inviteIdSchema } from "@/lib/validation/admin";

// Invitations: admins create and revoke them; whoever holds a link accepts it.

export const createInviteAction = createAction({
  name: "admin.createInvite",
  input: inviteCreateSchema,
  authorize: allowedTo("admin.manage"),
  run: async (input, { actor }) => {
    const invite = await createInvite(actor, input);
    revalidatePath("/admin/invites");
    // The link is shown once, to the admin who made it; only its hash is stored.
    return { id: invite.id, path: invite.path, expiresAt: invite.expiresAt.toISOString(), emailed: invite.emailed };
  },
});

/** Many at once, step 1: every row checked, nothing written. */
export const previewBulkInviteAction = createAction({
  name: "admin.previewBulkInvite",
  input: bulkInviteSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ text }, { actor }) => checkBulkInvite(actor, text),
});

/** Many at once, step 2: checked again, then all created (and their e-mails enqueued) or none. */
export const createBulkInviteAction = createAction({
  name: "admin.createBulkInvite",
  input: bulkInviteSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ text }, { actor }) => {
    const { invites, emailed } = await inviteMany(actor, text);
    revalidatePath("/admin/invites");
    revalidatePath("/", "page");
    return {
      emailed,
      invites: invites.map((i) => ({ id: i.id, email: i.email, name: i.name, path: i.path })),
      expiresAt: invites[0]?.expiresAt.toISOString() ?? null,
    };
  },
});

export const revokeInviteAction = createAction({
  name: "admin.revokeInvite",
  input: inviteIdSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ inviteId }, { actor }) => {
    const result = await revokeInvite(actor, inviteId);
    revalidatePath("/admin/invites");
    return result;
  },
});

export const acceptInviteAction = createAction({
  name: "acceptInvite",
  input: acceptInviteSchema,
  authorize: PUBLIC,
  run: async ({ token, ...input }) => {
    await acceptInvite(token, input);
    return { email: input.email };
  },
});
