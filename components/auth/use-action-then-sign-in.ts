"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/platform/result";

/**
 * For forms that create an account (sign-up, accepting an invitation): run the action, then
 * sign the new person in with the password they just typed and go to Home. A result with
 * status "check_email" created nothing yet (the address must be confirmed first): no sign-in.
 */
export function useActionThenSignIn<T extends { email: string; status?: string }>(action: (prev: unknown, form: FormData) => Promise<ActionResult<T>>) {
  const router = useRouter();
  return useActionState(async (prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T> | null> => {
    const result = await action(prev, form);
    if (result.ok && result.data.status !== "check_email") {
      const signedIn = await signIn("credentials", { email: result.data.email, password: String(form.get("password") ?? ""), redirect: false });
      router.replace(signedIn?.ok ? "/" : "/sign-in");
      router.refresh();
    }
    return result;
  }, null);
}
