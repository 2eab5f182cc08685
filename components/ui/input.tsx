import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * Shared look for text-like form controls. 16px text below the `md` breakpoint
 * stops iOS Safari from zooming on focus; 40px tall for comfortable touch.
 */
const controlClassName = [
  "w-full min-w-0 rounded-md border border-input bg-background text-base text-foreground shadow-xs md:text-sm",
  "placeholder:text-muted-foreground",
  "transition-[border-color,box-shadow] duration-150",
  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring",
  "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive",
  "disabled:cursor-not-allowed disabled:opacity-50 [&[readonly]]:bg-muted",
].join(" ");

function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        controlClassName,
        "h-10 px-3 py-2",
        "file:-my-1 file:me-3 file:inline-flex file:h-8 file:rounded-sm file:border-0 file:bg-secondary file:px-3 file:text-sm file:font-medium file:text-secondary-foreground",
        className,
      )}
      {...props}
    />
  );
}

export { Input, controlClassName };
