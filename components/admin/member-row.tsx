"use client";

import { useState } from "react";
import { deactivateMemberAction, reactivateMemberAction, updateMemberAction } from "@/lib/actions/admin";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SelectNative } from "@/components/ui/select-native";
import { ROLES, ROLE_LABEL, type Role } from "@/lib/domain/roles";
import { ActionForm } from "./action-form";
import { ResetLinkButton } from "./reset-link-button";

export type MemberView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: "ACTIVE" | "DEACTIVATED";
  teamId: string | null;
  managerId: string | null;
  isYou: boolean;
};

export function MemberRow({
  member,
  teams,
  managers,
}: {
  member: MemberView;
  teams: { id: string; label: string }[];
  managers: { id: string; name: string }[];
}) {
  const id = (name: string) => `m-${member.id}-${name}`;
  const active = member.status === "ACTIVE";
  return (
    <li className="rounded-lg border border-border bg-card p-4">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={id("name")} className="font-medium">
          {member.name}
          {member.isYou ? <span className="text-muted-foreground"> (you)</span> : null}
        </h3>
        <span className="break-all text-sm text-muted-foreground">{member.email}</span>
        {active ? null : <Badge variant="muted">Deactivated</Badge>}
      </div>
      <ActionForm action={updateMemberAction} label={`Role, team and manager of ${member.name}`} successMessage="Saved." className="flex flex-wrap items-end gap-3">
        {({ errors, values, pending }) => (
          <>
            <input type="hidden" name="membershipId" value={member.id} />
            <Field id={id("role")} label="Role" error={errors.role?.[0]} className="w-full sm:w-40">
              <SelectNative name="role" defaultValue={values.role ?? member.role}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id={id("team")} label="Team" error={errors.teamId?.[0]} className="w-full sm:w-48">
              <SelectNative name="teamId" defaultValue={values.teamId ?? member.teamId ?? ""}>
                <option value="">No team</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id={id("manager")} label="Manager" error={errors.managerId?.[0]} className="w-full sm:w-48">
              <SelectNative name="managerId" defaultValue={values.managerId ?? member.managerId ?? ""}>
                <option value="">No manager</option>
                {managers
                  .filter((m) => m.id !== member.id)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </SelectNative>
            </Field>
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? "Saving…" : "Save"}
              <span className="sr-only"> changes for {member.name}</span>
            </Button>
          </>
        )}
      </ActionForm>
      {member.isYou ? null : (
        <div className="mt-3 flex flex-wrap gap-2 border-t border-border pt-3">
          <StatusChangeButton member={member} change={active ? "deactivate" : "reactivate"} />
          {active ? <ResetLinkButton member={member} /> : null}
        </div>
      )}
    </li>
  );
}

const STATUS_CHANGE = {
  deactivate: {
    verb: "Deactivate",
    pending: "Deactivating…",
    description: "They can no longer sign in. Their stories follow your organisation's setting for deactivated people. You can reactivate them later.",
    action: deactivateMemberAction,
    confirmVariant: "destructive",
  },
  reactivate: {
    verb: "Reactivate",
    pending: "Reactivating…",
    description: "They can sign in again, with the role, team and manager shown here.",
    action: reactivateMemberAction,
    confirmVariant: "default",
  },
} as const;

/** Deactivate or reactivate someone, after a confirmation. */
function StatusChangeButton({ member, change }: { member: MemberView; change: keyof typeof STATUS_CHANGE }) {
  const [open, setOpen] = useState(false);
  const c = STATUS_CHANGE[change];
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          {c.verb}
          <span className="sr-only"> {member.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {c.verb} {member.name}?
          </DialogTitle>
          <DialogDescription>{c.description}</DialogDescription>
        </DialogHeader>
        <ActionForm action={c.action} onSuccess={() => setOpen(false)}>
          {({ pending }) => (
            <>
              <input type="hidden" name="membershipId" value={member.id} />
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button type="submit" variant={c.confirmVariant} disabled={pending}>
                  {pending ? c.pending : c.verb}
                </Button>
              </DialogFooter>
            </>
          )}
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
