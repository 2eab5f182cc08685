import * as React from "react";

import { cn } from "@/lib/utils";
import { controlClassName } from "@/components/ui/input";

function Textarea({ className, rows = 4, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      data-slot="textarea"
      rows={rows}
      className={cn(controlClassName, "field-sizing-content min-h-24 max-h-[60dvh] resize-y px-3 py-2 leading-relaxed", className)}
      {...props}
    />
  );
}

export { Textarea };
