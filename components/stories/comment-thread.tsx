"use client";

import { useActionState, useEffect, useState } from "react";
import { addCommentAction, deleteCommentAction } from "@/lib/actions/comments";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { RichText } from "@/components/stories/rich-text";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { formatDate } from "@/lib/domain/format";
import { useTimeZone } from "@/components/layout/time-zone";

export type ThreadComment = {
  id: string;
  authorName: string | null;
  body: string | null;
  deleted: boolean;
  /** ISO timestamps. */
  createdAt: string;
  editedAt: string | null;
  mine: boolean;
};

// UTC, so the server and the browser render the same text.
const MAX = 4000;

/** The comment thread under a story: everyone who can read the story can read and add comments. */
export function CommentThread({ storyId, comments }: { storyId: string; comments: ThreadComment[] }) {
  const timeZone = useTimeZone();
  return (
    <section id="comments" aria-labelledby="comments-heading" className="scroll-mt-20 space-y-4">
      <h2 id="comments-heading" className="text-xl font-semibold tracking-tight">
        Comments
      </h2>
      {comments.length ? (
        <ol className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="rounded-lg border border-border bg-card p-4">
              {c.deleted ? (
                <p className="text-sm italic text-muted-foreground">Comment removed</p>
              ) : (
                <article aria-label={`Comment by ${c.authorName ?? "someone"}`} className="space-y-2">
                  <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span className="font-medium">{c.mine ? `${c.authorName} (you)` : c.authorName}</span>
                    <time dateTime={c.createdAt} className="text-muted-foreground">
                      {formatDate(new Date(c.createdAt), "dayTime", timeZone)}
                    </time>
                    {c.editedAt ? <span className="text-muted-foreground">· edited</span> : null}
                    {c.mine ? <DeleteComment commentId={c.id} /> : null}
                  </header>
                  <RichText text={c.body ?? ""} />
                </article>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-muted-foreground">No comments yet.</p>
      )}
      <CommentForm storyId={storyId} />
    </section>
  );
}

function CommentForm({ storyId }: { storyId: string }) {
  const [state, action, pending] = useActionState(addCommentAction, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state, formRef]);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-3">
      <input type="hidden" name="storyId" value={storyId} />
      <FormError message={formError} />
      <Field id="comment-body" label="Add a comment" error={errors.body?.[0]} hint="Everyone who can see this story can read comments.">
        <Textarea name="body" rows={3} maxLength={MAX} defaultValue={values.body ?? ""} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Posting…" : "Post comment"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm text-success">
          {state?.ok ? "Comment posted." : null}
        </p>
      </div>
    </form>
  );
}

function DeleteComment({ commentId }: { commentId: string }) {
  const [state, action, pending] = useActionState(deleteCommentAction, null);
  const [open, setOpen] = useState(false);
  // A new result closes the dialog when the comment is deleted (state adjusted while rendering,
  // as React advises, rather than in an effect after the render).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setOpen(false);
  }
  return (
    <>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" className="ml-auto text-destructive">
            Delete<span className="sr-only"> your comment</span>
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete your comment?</DialogTitle>
            <DialogDescription>The thread will show “Comment removed” in its place. This cannot be undone.</DialogDescription>
          </DialogHeader>
          {state && !state.ok ? (
            <p role="alert" className="text-sm text-destructive">
              {state.message}
            </p>
          ) : null}
          <DialogFooter className="gap-2">
            <DialogClose asChild>
              <Button variant="outline">Keep it</Button>
            </DialogClose>
            <form action={action}>
              <input type="hidden" name="commentId" value={commentId} />
              <Button type="submit" variant="destructive" disabled={pending}>
                Delete comment
              </Button>
            </form>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
