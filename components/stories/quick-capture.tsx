"use client";

import { Plus, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { CaptureSaved, isTyping } from "./capture-saved";

// The dialog (Radix) and its form load on the first open (or when the pointer or focus comes near
// the button), not with every page: the header is on every page, the dialog is rarely needed at first paint.
const loadDialog = () => import("./quick-capture-dialog");
const QuickCaptureDialog = lazy(loadDialog);

/** The capture button in the header, and its keyboard shortcut: press "c" anywhere. */
export function QuickCapture({ channels, preferredChannel = null }: { channels: { key: string; label: string }[]; preferredChannel?: string | null }) {
  const [open, setOpen] = useState(false);
  // Mounted from the first open on, so closing it keeps Radix's exit and the form's state for the next open.
  const [wanted, setWanted] = useState(false);
  // The answer to the last capture: shown, after the dialog closes, until dismissed or the page changes.
  const [saved, setSaved] = useState<{ id: string; what: string; path: string } | null>(null);
  const pathname = usePathname();
  // The answer lives in <body>: the header's backdrop blur would make it the box a fixed element is placed in.
  const hydrated = useHydrated();
  const trigger = useRef<HTMLButtonElement>(null);
  const show = () => {
    setWanted(true);
    setOpen(true);
  };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "c" || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("[role=dialog]")) return;
      event.preventDefault();
      setWanted(true);
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
      <Button
        ref={trigger}
        size="sm"
        aria-keyshortcuts="c"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Capture a learning moment (shortcut: C)"
        onClick={show}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        <Plus aria-hidden="true" />
        <span>Capture</span>
      </Button>
      {wanted ? (
        <Suspense fallback={null}>
          <QuickCaptureDialog
            open={open}
            onOpenChange={setOpen}
            channels={channels}
            preferredChannel={preferredChannel}
            returnFocus={() => trigger.current?.focus()}
            onSaved={(moment) => {
              setSaved({ ...moment, path: pathname });
              setOpen(false);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
