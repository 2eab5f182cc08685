"use client";

import { Copy, GitCompareArrows } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { formatDate } from "@/lib/domain/format";
import { useTimeZone } from "@/components/layout/time-zone";
import type { ConflictNoticeProps } from "./conflict-notice";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A version saved somewhere else while the person was writing here. It never interrupts: a
 * notice beside the fields (the save status announces it politely) offers to compare, and the
 * comparison opens only when the person asks. Nothing is replaced until they choose; "Keep both"
 * loses no word of either version, the person's own version can be copied at any time, and
 * after "Use the saved version" it can be brought back.
 */
export default function ConflictNoticePanel<D>({
  noun,
  conflict,
  mine,
  fields,
  asText,
  merge,
  bothHint,
  resolveWith,
  restore,
  variant = "banner",
}: ConflictNoticeProps<D>) {
  const timeZone = useTimeZone();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const [replaced, setReplaced] = useState<D | null>(null);
  const [showText, setShowText] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const compareRef = useRef<HTMLDivElement>(null);
  const replacedRef = useRef<HTMLButtonElement>(null);
  /** Where the person was writing when the conflict came: focus goes back there after a choice. */
  const writingIn = useRef<HTMLElement | null>(null);
  const chose = useRef(false);
  const hasConflict = conflict !== null;
  useEffect(() => {
    if (!hasConflict) return;
    const active = document.activeElement;
    writingIn.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, [hasConflict]);

  async function copy(doc: D) {
    const ok = await copyText(asText(doc));
    setCopied(ok ? "copied" : "failed");
    if (!ok) {
      setShowText(true);
      setTimeout(() => textRef.current?.select(), 0);
    }
  }

  function choose(choice: "both" | "mine" | "saved") {
    if (!conflict) return;
    chose.current = true;
    setOpen(false);
    setCopied(null);
    if (choice === "both") resolveWith(merge(mine, conflict.doc));
    else if (choice === "mine") resolveWith(mine);
    else {
      setReplaced(mine);
      resolveWith(conflict.doc);
    }
  }

  if (!conflict && !replaced) return null;

  if (!conflict && replaced) {
    return (
      <div
        data-conflict-notice="replaced"
        className="flex w-full flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-border bg-muted px-4 py-3 text-sm"
      >
        <p className="min-w-0 flex-1">The saved version replaced yours. Yours is still here until you leave this page.</p>
        <div className="flex flex-wrap gap-2">
          <Button
            ref={replacedRef}
            size="sm"
            variant="outline"
            onClick={() => {
              restore(replaced);
              setReplaced(null);
            }}
          >
            Bring my version back
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void copy(replaced)}>
            <Copy aria-hidden="true" /> Copy my version
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setReplaced(null)}>
            Dismiss
          </Button>
        </div>
        <p role="status" className="w-full text-xs text-muted-foreground">
          {copied === "copied" ? "Copied." : copied === "failed" ? "Copying is not allowed here: bring your version back to see it again." : null}
        </p>
      </div>
    );
  }

  const saved = conflict!;
  const diff = fields(mine, saved.doc);
  const when = saved.updatedAt ? ` at ${formatDate(new Date(saved.updatedAt), "dayMonthTime", timeZone)}` : "";
  const button = (
    <Button size="sm" variant="outline" onClick={() => setOpen(true)} aria-haspopup="dialog" data-conflict-notice={variant === "button" ? "open" : undefined}>
      <GitCompareArrows aria-hidden="true" /> Compare versions
    </Button>
  );
  const dialog = (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent
        className="max-w-3xl"
        closeLabel="Close, and go on writing"
        // The person opened this: show the comparison, but put no button under their fingers.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          compareRef.current?.focus();
        }}
        onCloseAutoFocus={(event) => {
          // After a choice the button that opened this is gone: back to the undo, or to the writing.
          if (!chose.current) return;
          chose.current = false;
          event.preventDefault();
          const target = replacedRef.current ?? (writingIn.current?.isConnected ? writingIn.current : null);
          target?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Two versions of this {noun}</DialogTitle>
          <DialogDescription>
            Another tab or device saved it{when}, while you were writing here. Choose what to keep. {bothHint}
          </DialogDescription>
        </DialogHeader>
        <div
          ref={compareRef}
          tabIndex={0}
          role="group"
          aria-label="What differs"
          className="max-h-[45dvh] space-y-3 overflow-y-auto rounded-md focus-visible:outline-2 focus-visible:outline-ring"
        >
          {diff.length === 0 ? <p className="text-sm text-muted-foreground">The two versions have the same content.</p> : null}
          {diff.map((f) => (
            <div key={f.key} className="rounded-md border border-border p-3">
              <h3 className="mb-2 text-sm font-semibold">{f.label}</h3>
              <div className="grid gap-3 sm:grid-cols-2">
                <div className="min-w-0">
                  <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Your version</p>
                  <p className="text-sm break-words whitespace-pre-line" data-version="mine">
                    {f.mine}
                  </p>
                </div>
                <div className="min-w-0">
                  <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Saved version</p>
                  <p className="text-sm break-words whitespace-pre-line" data-version="saved">
                    {f.saved}
                  </p>
                </div>
              </div>
            </div>
          ))}
        </div>
        <details className="text-sm" open={showText} onToggle={(e) => setShowText(e.currentTarget.open)}>
          <summary className="cursor-pointer rounded-md py-1 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
            Your whole version as text
          </summary>
          <textarea
            ref={textRef}
            readOnly
            aria-label={`Your version of this ${noun}, as text`}
            value={asText(mine)}
            rows={6}
            className="mt-2 w-full rounded-md border border-input bg-background p-2 text-sm"
          />
        </details>
        <p role="status" className="min-h-4 text-xs text-muted-foreground">
          {copied === "copied"
            ? "Your version is copied."
            : copied === "failed"
              ? "Copying is not allowed here: the text of your version is selected above, copy it with your keyboard."
              : null}
        </p>
        <DialogFooter className="gap-2 sm:flex-wrap sm:justify-end">
          <Button variant="ghost" onClick={() => void copy(mine)}>
            <Copy aria-hidden="true" /> Copy my version
          </Button>
          <Button variant="outline" onClick={() => choose("saved")}>
            Use the saved version
          </Button>
          <Button variant="outline" onClick={() => choose("mine")}>
            Keep only mine
          </Button>
          <Button onClick={() => choose("both")}>Keep both</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
  if (variant === "button") {
    return (
      <>
        {button}
        {dialog}
      </>
    );
  }
  return (
    <div
      data-conflict-notice="open"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm"
    >
      <p className="min-w-48 flex-1">
        This {noun} was also saved in another tab or on another device{when}. Nothing has been replaced: what you write here stays here.
      </p>
      {button}
      {dialog}
    </div>
  );
}
