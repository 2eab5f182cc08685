"use client";

import { useState } from "react";
import { createInviteAction, revokeInviteAction } from "@/lib/actions/invites";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { ROLES, ROLE_LABEL } from "@/lib/domain/roles";
import { formatDate } from "@/lib/domain/format";
import { useTimeZone } from "@/components/layout/time-zone";
import { ActionForm } from "./action-form";

type Created = { id: string; path: string; expiresAt: string; emailed: boolean };

export function CreateInviteForm({
  teams,
  managers,
  emailConfigured,
}: {
  teams: { id: string; label: string }[];
  managers: { id: string; name: string }[];
  emailConfigured: boolean;
}) {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm action={createInviteAction} onSuccess={setCreated} className="grid gap-4 sm:grid-cols-2">
        {({ errors, values, pending }) => (
          <>
            <Field
              id="invite-email"
              label="Email (optional)"
              hint={
                emailConfigured
                  ? "We e-mail the link too. Only this address can accept it."
                  : "Only this address can accept the link. E-mail is not set up, so share the link yourself."
              }
              error={errors.email?.[0]}
              className="sm:col-span-2"
            >
              <Input name="email" type="email" inputMode="email" autoComplete="off" defaultValue={values.email} />
            </Field>
            <Field id="invite-role" label="Role" error={errors.role?.[0]}>
              <SelectNative name="role" defaultValue={values.role ?? "EMPLOYEE"}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id="invite-team" label="Team" error={errors.teamId?.[0]}>
              <SelectNative name="teamId" defaultValue={values.teamId ?? ""}>
                <option value="">No team</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <Field id="invite-manager" label="Manager" error={errors.managerId?.[0]}>
              <SelectNative name="managerId" defaultValue={values.managerId ?? ""}>
                <option value="">No manager</option>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </SelectNative>
            </Field>
            <div className="flex items-end">
              <Button type="submit" disabled={pending} className="w-full sm:w-auto">
                {pending ? "Creating…" : "Create invitation link"}
              </Button>
            </div>
          </>
        )}
      </ActionForm>
      {created ? <CreatedLink key={created.id} created={created} /> : null}
    </div>
  );
}

function CreatedLink({ created }: { created: Created }) {
  const timeZone = useTimeZone();
  const url = typeof window === "undefined" ? created.path : `${window.location.origin}${created.path}`;
  const [copied, setCopied] = useState(false);
  return (
    <Alert role="status">
      <AlertTitle>Invitation link ready{created.emailed ? " and e-mailed" : ""}</AlertTitle>
      <AlertDescription className="w-full justify-items-stretch space-y-3">
        <p>Share this link with the person. It works once, until {formatDate(created.expiresAt, "dayLong", timeZone)}. It is shown only now.</p>
        <div className="flex flex-wrap items-end gap-2">
          <Field id="invite-link" label="Invitation link" className="min-w-0 flex-1">
            <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-invite-link />
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
      </AlertDescription>
    </Alert>
  );
}

export function RevokeInviteButton({ inviteId, who }: { inviteId: string; who: string }) {
  return (
    <ActionForm action={revokeInviteAction} label={`Revoke invitation for ${who}`}>
      {({ pending }) => (
        <>
          <input type="hidden" name="inviteId" value={inviteId} />
          <Button type="submit" variant="outline" size="sm" disabled={pending}>
            Revoke<span className="sr-only"> invitation for {who}</span>
          </Button>
        </>
      )}
    </ActionForm>
  );
}
