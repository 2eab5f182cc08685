"use client";

import { useActionState, useEffect, useEffectEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import type { ActionResult } from "@/lib/platform/result";
import { cn } from "@/lib/utils";

type Action<T> = (prev: unknown, form: FormData) => Promise<ActionResult<T>>;

export type FormBits = { errors: Record<string, string[] | undefined>; values: Record<string, string>; pending: boolean };

/**
 * A form bound to one server action: shows the action's message and field errors, keeps
 * what was typed after a refusal, and announces success politely.
 */
export function ActionForm<T>({
  action,
  children,
  className,
  successMessage,
  onSuccess,
  label,
}: {
  action: Action<T>;
  children: (bits: FormBits) => React.ReactNode;
  className?: string;
  successMessage?: string;
  onSuccess?: (data: T) => void;
  /** Accessible name of the form, when it is one of many alike. */
  label?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  // The latest onSuccess, called once per successful result (not again when only the callback changes).
  const succeeded = useEffectEvent((data: T) => onSuccess?.(data));
  useEffect(() => {
    if (state?.ok) succeeded(state.data);
  }, [state]);

  return (
    <form ref={formRef} action={formAction} noValidate aria-label={label} className={cn(className)}>
      {children({ errors, values, pending })}
      <FormError message={formError} className="mt-2 basis-full" />
      {successMessage ? (
        <p role="status" className={cn("text-sm text-success", state?.ok ? "basis-full" : "sr-only")}>
          {state?.ok ? successMessage : ""}
        </p>
      ) : null}
    </form>
  );
}
