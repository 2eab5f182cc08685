"use server";

import { createAdminResetLink, requestPasswordReset, resetPassword } from "@/lib/db/password-reset";
import { allowedTo } from "@/lib/domain/access";
import { createAction, PUBLIC } from "@/lib/server/action";
import { requestClientAddress } from "@/lib/server/request-context";
import { adminResetLinkSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/profile";

// Password reset: "Forgot password" (by e-mail), the reset page, and the admin's reset link.

export const forgotPasswordAction = createAction({
  name: "forgotPassword",
  input: forgotPasswordSchema,
  authorize: PUBLIC,
  run: async ({ email }) => requestPasswordReset(email, { address: await requestClientAddress() }),
});

/** Sets the new password; the page then signs the person in with it (every other session has ended). */
export const resetPasswordAction = createAction({
  name: "resetPassword",
  input: resetPasswordSchema,
  authorize: PUBLIC,
  run: async ({ token, newPassword }) => {
    const { email } = await resetPassword(token, newPassword);
    return { email };
  },
});

export const createResetLinkAction = createAction({
  name: "createResetLink",
  input: adminResetLinkSchema,
  authorize: allowedTo("admin.manage"),
  run: async ({ membershipId }, { actor }) => {
    const link = await createAdminResetLink(actor, membershipId);
    return { path: link.path, expiresAt: link.expiresAt.toISOString(), name: link.name };
  },
});
