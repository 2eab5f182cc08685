"use client";

import { useRef } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { QuickCaptureForm } from "./quick-capture-form";

/** Quick capture's dialog and form: loaded by QuickCapture (the header's button) on first use. */
export default function QuickCaptureDialog({
  open,
  onOpenChange,
  channels,
  preferredChannel,
  returnFocus,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  channels: { key: string; label: string }[];
  preferredChannel: string | null;
  /** Back to the Capture button when the dialog closes without a save (it is not Radix's trigger). */
  returnFocus: () => void;
  onSaved: (moment: { id: string; what: string }) => void;
}) {
  const justSaved = useRef(false);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        onCloseAutoFocus={(e) => {
          // Closed by a save: the focus goes to the answer's link, not back to the Capture button.
          e.preventDefault();
          if (!justSaved.current) returnFocus();
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
            onSaved(moment);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
