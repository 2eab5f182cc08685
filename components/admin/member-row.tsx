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

/**
 * One page of people: a table on a wide screen, a compact list on a phone. Each person's role,
 * team and manager are changed in a dialog ("Edit"), where they can also be deactivated or
 * reactivated. The choices of team and manager come once, for every row.
 */
export function PeopleTable({
  members,
  teams,
  managers,
}: {
  members: MemberView[];
  teams: { id: string; label: string }[];
  managers: { id: string; name: string }[];
}) {
  const [editing, setEditing] = useState<MemberView | null>(null);
  const teamName = new Map(teams.map((t) => [t.id, t.label.replace(/^(\u2014 )+/, "")]));
  const managerName = new Map(managers.map((m) => [m.id, m.name]));
  const editButton = (m: MemberView) => (
    <Button type="button" variant="outline" size="sm" onClick={() => setEditing(m)} aria-haspopup="dialog">
      Edit<span className="sr-only"> {m.name}</span>
    </Button>
  );
  const name = (m: MemberView) => (
    <>
      <span className="font-medium">{m.name}</span>
      {m.isYou ? <span className="text-muted-foreground"> (you)</span> : null}
      {m.status === "ACTIVE" ? null : (
        <Badge variant="muted" className="ms-2">
          Deactivated
        </Badge>
      )}
    </>
  );
  const team = (m: MemberView) => (m.teamId ? (teamName.get(m.teamId) ?? "A team") : "No team");
  const manager = (m: MemberView) => (m.managerId ? (managerName.get(m.managerId) ?? "A deactivated person") : "No manager");
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-border bg-card md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">People, with their role, team and manager</caption>
          <thead className="border-b border-border bg-muted/50 text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Team
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Manager
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {members.map((m) => (
              <tr key={m.id} data-person={m.email}>
                <th scope="row" className="px-4 py-2 font-normal">
                  <div>{name(m)}</div>
                  <div className="break-all text-muted-foreground">{m.email}</div>
                </th>
                <td className="px-4 py-2">{ROLE_LABEL[m.role]}</td>
                <td className="px-4 py-2">{team(m)}</td>
                <td className="px-4 py-2">{manager(m)}</td>
                <td className="px-4 py-2 text-right">{editButton(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-border rounded-lg border border-border bg-card md:hidden">
        {members.map((m) => (
          <li key={m.id} data-person={m.email} className="flex items-start gap-3 p-3">
            <div className="min-w-0 flex-1 text-sm">
              <p>{name(m)}</p>
              <p className="break-all text-muted-foreground">{m.email}</p>
              <p className="text-muted-foreground">
                {ROLE_LABEL[m.role]}
                {m.teamId ? ` · ${team(m)}` : ""}
                {m.managerId ? ` · reports to ${manager(m)}` : ""}
              </p>
            </div>
            {editButton(m)}
          </li>
        ))}
      </ul>
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing ? <EditMemberDialog key={editing.id} member={editing} teams={teams} managers={managers} onDone={() => setEditing(null)} /> : null}
      </Dialog>
    </>
  );
}

function EditMemberDialog({
  member,
  teams,
  managers,
  onDone,
}: {
  member: MemberView;
  teams: { id: string; label: string }[];
  managers: { id: string; name: string }[];
  onDone: () => void;
}) {
  const id = (name: string) => `m-${member.id}-${name}`;
  const active = member.status === "ACTIVE";
  return (
    <DialogContent>
      <DialogHeader>
        <DialogTitle>{member.name}</DialogTitle>
        <DialogDescription className="break-all">{member.email}</DialogDescription>
      </DialogHeader>
      <ActionForm action={updateMemberAction} label={`Role, team and manager of ${member.name}`} onSuccess={onDone} className="grid gap-4">
        {({ errors, values, pending }) => (
          <>
            <input type="hidden" name="membershipId" value={member.id} />
            <Field id={id("role")} label="Role" error={errors.role?.[0]}>
              <SelectNative name="role" defaultValue={values.role ?? member.role}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id={id("team")} label="Team" error={errors.teamId?.[0]}>
              <SelectNative name="teamId" defaultValue={values.teamId ?? member.teamId ?? ""}>
                <option value="">No team</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id={id("manager")} label="Manager" error={errors.managerId?.[0]}>
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
            <DialogFooter>
              <Button type="button" variant="outline" onClick={onDone}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : "Save"}
              </Button>
            </DialogFooter>
          </>
        )}
      </ActionForm>
      {member.isYou ? null : (
        <div className="flex flex-wrap gap-2 border-t border-border pt-3">
          <StatusChangeButton member={member} change={active ? "deactivate" : "reactivate"} onDone={onDone} />
          {active ? <ResetLinkButton member={member} /> : null}
        </div>
      )}
    </DialogContent>
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
function StatusChangeButton({ member, change, onDone }: { member: MemberView; change: keyof typeof STATUS_CHANGE; onDone: () => void }) {
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
        <ActionForm
          action={c.action}
          onSuccess={() => {
            setOpen(false);
            onDone();
          }}
        >
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
