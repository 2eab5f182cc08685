"use client";

import { useEffect, type RefObject } from "react";

/**
 * After a refused submission, moves focus to the first field marked invalid, so keyboard
 * and screen-reader users land on the problem (its message is its accessible description).
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, trigger: unknown) {
  useEffect(() => {
    if (!trigger) return;
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    invalid?.focus();
  }, [formRef, trigger]);
}
