"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** A block of text to paste elsewhere (an app manifest): shown in full, with a Copy button that says what happened. */
export function CopyBlock({ text, label, copyLabel = "Copy the manifest" }: { text: string; label: string; copyLabel?: string }) {
  const [note, setNote] = useState("");
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setNote("Copied.");
    } catch {
      setNote("Your browser did not let Ripple copy it: select the text and copy it.");
    }
  }
  return (
    <div className="space-y-2">
      <pre id={id} aria-label={label} tabIndex={0} className="max-h-80 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed">
        {text}
      </pre>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" size="sm" onClick={copy} aria-describedby={id}>
          {copyLabel}
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {note}
        </p>
      </div>
    </div>
  );
}
