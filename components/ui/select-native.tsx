import * as React from "react";
import { ChevronDownIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { controlClassName } from "@/components/ui/input";

type SelectNativeProps = React.ComponentProps<"select"> & {
  /** Classes for the positioning wrapper (width, margins). `className` goes on the `<select>`. */
  wrapperClassName?: string;
};

/**
 * A styled native `<select>`: works with FormData / server actions, the
 * platform picker on phones, and assistive tech out of the box.
 */
function SelectNative({ className, wrapperClassName, multiple, children, ...props }: SelectNativeProps) {
  return (
    <div data-slot="select-native-wrapper" className={cn("relative w-full", wrapperClassName)}>
      <select
        data-slot="select-native"
        multiple={multiple}
        className={cn(
          controlClassName,
          "appearance-none px-3 py-2 [&_option]:bg-popover [&_option]:text-popover-foreground",
          multiple ? "min-h-24" : "h-10 cursor-pointer pe-10 has-[option[value='']:checked]:text-muted-foreground",
          className,
        )}
        {...props}
      >
        {children}
      </select>
      {multiple ? null : (
        <ChevronDownIcon aria-hidden="true" className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
      )}
    </div>
  );
}

export { SelectNative, type SelectNativeProps };
