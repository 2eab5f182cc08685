import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * Decorative loading placeholder (hidden from assistive tech). Announce the
 * loading state separately, e.g. with `<Spinner />` or `aria-busy` on the region.
 */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="skeleton" aria-hidden="true" className={cn("rounded-md bg-muted motion-safe:animate-pulse", className)} {...props} />;
}

export { Skeleton };
