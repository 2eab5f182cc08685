"use client";

import { useRef } from "react";
import { createTeamAction, deleteTeamAction, moveTeamAction, renameTeamAction } from "@/lib/actions/admin";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { ActionForm } from "./action-form";

export type TeamView = { id: string; name: string; parentId: string | null; depth: number; memberCount: number; childCount: number };

function label(t: TeamView) {
  return `${"\u2014 ".repeat(t.depth)}${t.name}`;
}

export function CreateTeamForm({ teams }: { teams: TeamView[] }) {
  const nameRef = useRef<HTMLInputElement>(null);
  return (
    <ActionForm action={createTeamAction} successMessage="Team created." onSuccess={() => nameRef.current?.focus()} className="flex flex-wrap items-end gap-3">
      {({ errors, values, pending }) => (
        <>
          <Field id="new-team-name" label="Team name" error={errors.name?.[0]} className="w-full sm:w-64">
            <Input ref={nameRef} name="name" maxLength={80} defaultValue={values.name} autoComplete="off" />
          </Field>
          <Field id="new-team-parent" label="Inside" error={errors.parentId?.[0]} className="w-full sm:w-64">
            <SelectNative name="parentId" defaultValue={values.parentId ?? ""}>
              <option value="">No parent (top level)</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {label(t)}
                </option>
              ))}
            </SelectNative>
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create team"}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** Teams that may become `team`'s parent: not itself and not one of its descendants. */
function possibleParents(team: TeamView, teams: TeamView[]): TeamView[] {
  const blocked = new Set([team.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && blocked.has(t.parentId) && !blocked.has(t.id)) {
        blocked.add(t.id);
        grew = true;
      }
    }
  }
  return teams.filter((t) => !blocked.has(t.id));
}

export function TeamRow({ team, teams }: { team: TeamView; teams: TeamView[] }) {
  const id = (name: string) => `t-${team.id}-${name}`;
  const deletable = team.memberCount === 0 && team.childCount === 0;
  return (
    <li className="rounded-lg border border-border bg-card p-4">
      <div className={team.depth ? "border-l-2 border-border pl-3" : undefined}>
        <h3 className="font-medium">
          {team.depth ? <span className="sr-only">Sub-team: </span> : null}
          {label(team)}
        </h3>
        <p className="text-sm text-muted-foreground">
          {team.memberCount} {team.memberCount === 1 ? "person" : "people"}
          {team.childCount ? ` · ${team.childCount} sub-team${team.childCount === 1 ? "" : "s"}` : ""}
        </p>
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <ActionForm action={renameTeamAction} label={`Rename ${team.name}`} successMessage="Renamed." className="flex flex-wrap items-end gap-2">
          {({ errors, values, pending }) => (
            <>
              <input type="hidden" name="teamId" value={team.id} />
              <Field id={id("name")} label="Name" error={errors.name?.[0]} className="min-w-0 flex-1">
                <Input name="name" maxLength={80} defaultValue={values.name ?? team.name} autoComplete="off" />
              </Field>
              <Button type="submit" variant="secondary" disabled={pending}>
                Rename<span className="sr-only"> {team.name}</span>
              </Button>
            </>
          )}
        </ActionForm>
        <ActionForm action={moveTeamAction} label={`Move ${team.name}`} successMessage="Moved." className="flex flex-wrap items-end gap-2">
          {({ errors, values, pending }) => (
            <>
              <input type="hidden" name="teamId" value={team.id} />
              <Field id={id("parent")} label="Inside" error={errors.parentId?.[0]} className="min-w-0 flex-1">
                <SelectNative name="parentId" defaultValue={values.parentId ?? team.parentId ?? ""}>
                  <option value="">No parent (top level)</option>
                  {possibleParents(team, teams).map((t) => (
                    <option key={t.id} value={t.id}>
                      {label(t)}
                    </option>
                  ))}
                </SelectNative>
              </Field>
              <Button type="submit" variant="secondary" disabled={pending}>
                Move<span className="sr-only"> {team.name}</span>
              </Button>
            </>
          )}
        </ActionForm>
      </div>
      <ActionForm action={deleteTeamAction} label={`Delete ${team.name}`} className="mt-3 flex flex-wrap items-center gap-2 border-t border-border pt-3">
        {({ pending }) => (
          <>
            <input type="hidden" name="teamId" value={team.id} />
            <Button type="submit" variant="outline" size="sm" disabled={pending} aria-describedby={deletable ? undefined : id("delete-hint")}>
              Delete<span className="sr-only"> {team.name}</span>
            </Button>
            {deletable ? null : (
              <span id={id("delete-hint")} className="text-sm text-muted-foreground">
                Only an empty team without sub-teams can be deleted.
              </span>
            )}
          </>
        )}
      </ActionForm>
    </li>
  );
}
