"use client";

import { useRef } from "react";
import type { ActionState } from "@/lib/platform/result";
import { useFocusFirstError } from "./use-focus-first-error";

/**
 * What a form needs from its last action result: the refusal (if any), the messages per
 * field, what the person typed (to show it again), and focus on the first invalid field.
 */
export function useFormResult<T>(state: ActionState<T>) {
  const formRef = useRef<HTMLFormElement>(null);
  const failed = state && !state.ok ? state : null;
  useFocusFirstError(formRef, failed);
  const errors = failed?.fieldErrors ?? {};
  return {
    formRef,
    failed,
    errors,
    values: failed?.values ?? {},
    /** A message that belongs to no single field. */
    formError: failed && Object.keys(errors).length === 0 ? failed.message : null,
  };
}
