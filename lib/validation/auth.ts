import { z } from "zod";
import { emailSchema, passwordSchema, text } from "./common";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const signUpSchema = z.object({
  organizationName: text("The organisation's name", { message: "Enter your organisation's name." })
    .trim()
    .min(2, "Enter your organisation's name (at least 2 characters).")
    .max(100, "Use at most 100 characters for the organisation's name."),
  name: text("Your name", { message: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Changing one's own password: the current one proves it is the person, not a borrowed session. */
export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: "Enter your current password." }).min(1, "Enter your current password.").max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
