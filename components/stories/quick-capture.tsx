"use client";

import { Plus, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { CaptureSaved, isTyping } from "./capture-saved";
import { QuickCaptureForm } from "./quick-capture-form";

/** The capture button in the header, and its keyboard shortcut: press "c" anywhere. */
export function QuickCapture({ channels, preferredChannel = null }: { channels: { key: string; label: string }[]; preferredChannel?: string | null }) {
  const [open, setOpen] = useState(false);
  // The answer to the last capture: shown, after the dialog closes, until dismissed or the page changes.
  const [saved, setSaved] = useState<{ id: string; what: string; path: string } | null>(null);
  const pathname = usePathname();
  // The answer lives in <body>: the header's backdrop blur would make it the box a fixed element is placed in.
  const hydrated = useHydrated();
  const justSaved = useRef(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "c" || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("[role=dialog]")) return;
      event.preventDefault();
      setOpen(true);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const shown = saved && saved.path === pathname ? saved : null;
  const answer = (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-end sm:left-auto">
      {shown ? (
        <div className="pointer-events-auto flex max-w-sm items-start gap-2 rounded-lg border border-border bg-popover p-3 text-sm text-popover-foreground shadow-lg">
          <CaptureSaved key={shown.id} id={shown.id} what={shown.what} />
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => setSaved(null)}
            className="-m-1 inline-flex size-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
  return (
    <>
      {hydrated ? createPortal(answer, document.body) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button size="sm" aria-keyshortcuts="c" title="Capture a learning moment (shortcut: C)">
            <Plus aria-hidden="true" />
            <span>Capture</span>
          </Button>
        </DialogTrigger>
        <DialogContent
          onCloseAutoFocus={(e) => {
            // Closed by a save: the focus goes to the answer's link, not back to the Capture button.
            if (justSaved.current) e.preventDefault();
            justSaved.current = false;
          }}
        >
          <DialogHeader>
            <DialogTitle>Capture a learning moment</DialogTitle>
            <DialogDescription>One line is enough. You can grow it into a story later.</DialogDescription>
          </DialogHeader>
          <QuickCaptureForm
            channels={channels}
            preferredChannel={preferredChannel}
            idPrefix="qc-dialog"
            onDone={(moment) => {
              justSaved.current = true;
              setSaved({ ...moment, path: pathname });
              setOpen(false);
            }}
          />
        </DialogContent>
      </Dialog>
    </>
  );
}
