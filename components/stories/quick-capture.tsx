"use client";

import { Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { QuickCaptureForm } from "./quick-capture-form";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The capture button in the header, and its keyboard shortcut: press "c" anywhere. */
export function QuickCapture({ channels, preferredChannel = null }: { channels: { key: string; label: string }[]; preferredChannel?: string | null }) {
  const [open, setOpen] = useState(false);
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
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" aria-keyshortcuts="c" title="Capture a learning moment (shortcut: C)">
          <Plus aria-hidden="true" />
          <span>Capture</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Capture a learning moment</DialogTitle>
          <DialogDescription>One line is enough. You can grow it into a story later.</DialogDescription>
        </DialogHeader>
        <QuickCaptureForm channels={channels} preferredChannel={preferredChannel} idPrefix="qc-dialog" onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
