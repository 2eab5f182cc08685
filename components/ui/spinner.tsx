import * as React from "react";
import { LoaderCircleIcon } from "lucide-react";

import { cn } from "@/lib/utils";

const sizes = {
  sm: "size-4",
  default: "size-5",
  lg: "size-8",
} as const;

type SpinnerProps = Omit<React.ComponentProps<"span">, "children"> & {
  /** Accessible name announced by screen readers. Defaults to "Loading". */
  label?: string;
  size?: keyof typeof sizes;
  /**
   * Purely visual (no role, hidden from assistive tech), e.g. inside a button
   * whose own text already says "Saving…".
   */
  decorative?: boolean;
};

function Spinner({ className, label = "Loading", size = "default", decorative = false, ...props }: SpinnerProps) {
  const a11y = decorative ? ({ "aria-hidden": true } as const) : ({ role: "status", "aria-label": label } as const);

  return (
    <span data-slot="spinner" className={cn("inline-flex shrink-0 items-center justify-center text-current", className)} {...a11y} {...props}>
      <LoaderCircleIcon aria-hidden="true" className={cn("motion-safe:animate-spin", sizes[size])} />
    </span>
  );
}

export { Spinner, type SpinnerProps };
