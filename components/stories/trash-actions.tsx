"use client";

import { useActionState, useState } from "react";
import { eraseStoryAction, restoreStoryAction } from "@/lib/actions/stories";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** Restore, or erase for good after a confirmation. */
export function TrashActions({ storyId, title }: { storyId: string; title: string }) {
  const [restoreState, restore, restoring] = useActionState(restoreStoryAction, null);
  const [eraseState, erase, erasing] = useActionState(eraseStoryAction, null);
  const [open, setOpen] = useState(false);
  const error = (restoreState && !restoreState.ok && restoreState.message) || (eraseState && !eraseState.ok && eraseState.message);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={restore}>
        <input type="hidden" name="storyId" value={storyId} />
        <Button type="submit" variant="outline" size="sm" disabled={restoring} aria-label={`Restore “${title}”`}>
          Restore
        </Button>
      </form>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" className="text-destructive" aria-label={`Erase “${title}” for good`}>
            Erase for good
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Erase this story for good?</DialogTitle>
            <DialogDescription>
              “{title}”, its cycles, files, comments and reminders are removed permanently. This cannot be undone. The audit log keeps only that a story was
              erased, not its content.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter className="gap-2">
            <DialogClose asChild>
              <Button variant="outline">Keep it</Button>
            </DialogClose>
            <form action={erase}>
              <input type="hidden" name="storyId" value={storyId} />
              <Button type="submit" variant="destructive" disabled={erasing}>
                Erase for good
              </Button>
            </form>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      {error ? (
        <p role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
