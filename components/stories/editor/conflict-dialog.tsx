"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { changedFields, type DocField, type StoryDoc } from "@/lib/domain/story";

const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  narrative: "What happened",
  occurredOn: "When",
  channel: "Where",
  visibility: "Who can see it",
  minutesInvested: "Time invested",
  minutesSaved: "Time saved",
  tags: "Tags",
  contributors: "Who helped",
};

function label(field: DocField): string {
  if (field.startsWith("entries.")) return CYCLE_INFO[field.slice(8) as Cycle].name;
  return FIELD_LABEL[field] ?? field;
}

function show(doc: StoryDoc, field: DocField): string {
  if (field.startsWith("entries.")) {
    const e = doc.entries[field.slice(8) as Cycle];
    const parts = [e.narrative || "(no text)"];
    if (e.indicators.length) parts.push(`Indicators: ${e.indicators.join(", ")}`);
    if (e.figureValue !== null) parts.push(`Figure: ${e.figureValue} ${e.figureUnit}`);
    if (e.links.length) parts.push(`Links: ${e.links.map((l) => l.url).join(", ")}`);
    return parts.join("\n");
  }
  const value = doc[field as keyof StoryDoc];
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "string" ? v : (v as { name?: string }).name || "a colleague")).join(", ") : "(none)";
  return value === null || value === "" ? "(empty)" : String(value);
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", day: "numeric", month: "short" });

/** Two versions of one story: this tab's and the one saved meanwhile. The person chooses. */
export function ConflictDialog({ mine, saved, savedAt, onResolve }: { mine: StoryDoc; saved: StoryDoc; savedAt: Date; onResolve: (choice: "mine" | "theirs") => void }) {
  const fields = changedFields(mine, saved);
  return (
    <Dialog open onOpenChange={() => {}}>
      <DialogContent className="max-w-3xl" showCloseButton={false}>
        <DialogHeader>
          <DialogTitle>This story was changed somewhere else</DialogTitle>
          <DialogDescription>
            Another tab or device saved it at {timeFormat.format(new Date(savedAt))}. Nothing has been overwritten. Choose which version to keep.
          </DialogDescription>
        </DialogHeader>
        <div className="max-h-[50dvh] space-y-3 overflow-y-auto">
          {fields.length === 0 ? <p className="text-sm text-muted-foreground">The two versions have the same content.</p> : null}
          {fields.map((f) => (
            <div key={f} className="rounded-md border border-border p-3">
              <h3 className="mb-2 text-sm font-semibold">{label(f)}</h3>
              <div className="grid gap-3 sm:grid-cols-2">
                <div>
                  <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Your version</p>
                  <p className="whitespace-pre-line break-words text-sm" data-version="mine">
                    {show(mine, f)}
                  </p>
                </div>
                <div>
                  <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Saved version</p>
                  <p className="whitespace-pre-line break-words text-sm" data-version="saved">
                    {show(saved, f)}
                  </p>
                </div>
              </div>
            </div>
          ))}
        </div>
        <DialogFooter className="gap-2">
          <Button variant="outline" onClick={() => onResolve("theirs")}>
            Use the saved version
          </Button>
          <Button onClick={() => onResolve("mine")}>Keep my version</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
