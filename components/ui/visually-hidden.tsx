"use client";

import { VisuallyHidden as VisuallyHiddenPrimitive } from "radix-ui";

/**
 * Hides content visually while keeping it available to screen readers
 * (e.g. a `DialogTitle` that should not be shown). For plain text in server
 * components the `sr-only` utility class works too.
 */
const VisuallyHidden = VisuallyHiddenPrimitive.Root;

export { VisuallyHidden };
