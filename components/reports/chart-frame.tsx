"use client";

import { useId, useState } from "react";
import { TableIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * A chart and its table. The chart is decoration for screen readers (aria-hidden) unless it
 * is interactive itself (`figureHidden={false}`: the network picture's focusable, named nodes);
 * the table carries the same numbers and is always in the page: visually hidden until "Show
 * the table" is pressed (without JavaScript it stays available to screen readers).
 */
export function ChartFrame({
  label,
  figure,
  table,
  className,
  figureHidden = true,
}: {
  /** What the chart shows, for the toggle ("Show the table: stories per month"). */
  label: string;
  figure: React.ReactNode;
  table: React.ReactNode;
  className?: string;
  figureHidden?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <div className={cn("min-w-0 space-y-2", className)}>
      <div aria-hidden={figureHidden || undefined} className="min-w-0">
        {figure}
      </div>
      <div className="flex justify-end">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={tableId}
          onClick={() => setOpen((v) => !v)}
          className="inline-flex min-h-9 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring pointer-coarse:min-h-10"
        >
          <TableIcon aria-hidden="true" className="size-3.5" />
          {open ? "Hide the table" : "Show the table"}
          <span className="sr-only">: {label}</span>
        </button>
      </div>
      <div id={tableId} className={open ? "overflow-x-auto" : "sr-only"}>
        {table}
      </div>
    </div>
  );
}
