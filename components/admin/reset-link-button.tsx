"use client";

import { useState } from "react";
import { createResetLinkAction } from "@/lib/actions/password-reset";
import { useTimeZone } from "@/components/layout/time-zone";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/lib/domain/format";
import { ActionForm } from "./action-form";

type Created = { path: string; expiresAt: string; name: string };

/**
 * An admin makes a link for a member to choose a new password (when Ripple cannot send e-mail,
 * or the person cannot reach theirs). The link is shown once; using it signs the person out
 * everywhere. The making is in the audit log.
 */
export function ResetLinkButton({ member }: { member: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const timeZone = useTimeZone();
  const url = created ? `${window.location.origin}${created.path}` : "";
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(null);
          setCopied(false);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Password reset link<span className="sr-only"> for {member.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Password reset link for {member.name}</DialogTitle>
          <DialogDescription>
            {created
              ? `Give this link to ${created.name} yourself. It works once, until ${formatDate(created.expiresAt, "dayTime", timeZone)}, and is shown only now.`
              : `${member.name} can choose a new password with it. Using it signs them out everywhere. Their current password keeps working until then.`}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <div className="space-y-4">
            <div className="flex flex-wrap items-end gap-2">
              <Field id={`reset-link-${member.id}`} label="Reset link" className="min-w-0 flex-1">
                <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-reset-link />
              </Field>
              <Button
                type="button"
                variant="secondary"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(url);
                    setCopied(true);
                  } catch {
                    setCopied(false);
                  }
                }}
              >
                {copied ? "Copied" : "Copy link"}
              </Button>
            </div>
            <DialogFooter>
              <Button type="button" onClick={() => setOpen(false)}>
                Done
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <ActionForm action={createResetLinkAction} onSuccess={setCreated}>
            {({ pending }) => (
              <>
                <input type="hidden" name="membershipId" value={member.id} />
                <DialogFooter>
                  <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                    Cancel
                  </Button>
                  <Button type="submit" disabled={pending}>
                    {pending ? "Creating…" : "Create link"}
                  </Button>
                </DialogFooter>
              </>
            )}
          </ActionForm>
        )}
      </DialogContent>
    </Dialog>
  );
}
