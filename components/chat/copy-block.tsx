"use client";

import { useId } from "react";
import { useCopy } from "@/components/forms/use-copy";
import { Button } from "@/components/ui/button";

/** A block of text to paste elsewhere (an app manifest): shown in full, with a Copy button that says what happened. */
export function CopyBlock({ text, label, copyLabel = "Copy the manifest" }: { text: string; label: string; copyLabel?: string }) {
  const { note, copy } = useCopy();
  const id = useId();
  return (
    <div className="space-y-2">
      <pre id={id} aria-label={label} tabIndex={0} className="max-h-80 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed">
        {text}
      </pre>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" size="sm" onClick={() => void copy(text)} aria-describedby={id}>
          {copyLabel}
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {note}
        </p>
      </div>
    </div>
  );
}
