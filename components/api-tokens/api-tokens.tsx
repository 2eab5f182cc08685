"use client";

import { useActionState, useId } from "react";
import { ActionForm } from "@/components/admin/action-form";
import { FormError } from "@/components/forms/form-error";
import { useCopy } from "@/components/forms/use-copy";
import { useFormResult } from "@/components/forms/use-form-result";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { EXPIRY_CHOICES, TOKEN_NAME_MAX, type ApiScope } from "@/lib/domain/api-tokens";
import { formatDate } from "@/lib/domain/format";

export type TokenRow = {
  id: string;
  kind: "PERSONAL" | "ORGANIZATION";
  name: string;
  prefix: string;
  scopes: string[];
  ownerName: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
};

const SCOPE_HINT: Record<ApiScope, string> = {
  read: "Read what you can read on the pages.",
  write: "Also capture, change and comment, as you.",
  admin: "Also list and revoke the organisation's tokens.",
};

type CreateState = Awaited<ReturnType<typeof createApiTokenAction>> | null;

/** The token just created, shown once, with a Copy button. */
function NewToken({ token, name }: { token: string; name: string }) {
  const { note, copy } = useCopy({ refused: "Your browser did not let Ripple copy it: select the token and copy it." });
  const id = useId();
  return (
    <div role="status" className="space-y-2 rounded-md border border-success/40 bg-success-soft p-3">
      <p className="text-sm font-medium">Token “{name}” created. Copy it now: Ripple keeps only a fingerprint of it and cannot show it again.</p>
      <code id={id} data-testid="new-api-token" tabIndex={0} className="block break-all rounded bg-background p-2 font-mono text-xs">
        {token}
      </code>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" size="sm" onClick={() => void copy(token)} aria-describedby={id}>
          Copy the token
        </Button>
        <span className="text-sm text-muted-foreground">{note}</span>
      </div>
    </div>
  );
}

/** Create a token: name, scopes, expiry. `kind` ORGANIZATION on the admin page. */
export function CreateTokenForm({ scopes, kind }: { scopes: ApiScope[]; kind: "PERSONAL" | "ORGANIZATION" }) {
  const [state, action, pending] = useActionState<CreateState, FormData>(createApiTokenAction, null);
  const { formRef, errors, values, formError } = useFormResult(state);
  const prefix = kind === "ORGANIZATION" ? "org-token" : "token";
  return (
    <div className="space-y-4">
      {state?.ok ? <NewToken token={state.data.token} name={state.data.name} /> : null}
      <form
        ref={formRef}
        action={action}
        noValidate
        className="space-y-4"
        aria-label={kind === "ORGANIZATION" ? "Create an organisation token" : "Create an API token"}
      >
        <FormError message={formError} />
        <input type="hidden" name="kind" value={kind} />
        <Field id={`${prefix}-name`} label="Name" hint="What will use it, to recognise it later." error={errors.name?.[0]} required>
          <Input name="name" maxLength={TOKEN_NAME_MAX} defaultValue={values.name ?? ""} className="sm:max-w-md" autoComplete="off" />
        </Field>
        <fieldset className="space-y-2" aria-describedby={errors.scopes ? `${prefix}-scopes-error` : undefined}>
          <legend className="text-sm font-medium">Scopes</legend>
          {scopes.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="mt-1 size-4 accent-primary" />
              <span>
                <span className="font-medium">{scope}</span> <span className="text-muted-foreground">· {SCOPE_HINT[scope]}</span>
              </span>
            </label>
          ))}
          {errors.scopes ? (
            <p id={`${prefix}-scopes-error`} className="text-sm text-destructive">
              {errors.scopes[0]}
            </p>
          ) : null}
        </fieldset>
        <Field id={`${prefix}-expiry`} label="Expires after" error={errors.expiresInDays?.[0]}>
          <SelectNative name="expiresInDays" defaultValue={values.expiresInDays ?? "90"} wrapperClassName="sm:max-w-xs">
            {EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </SelectNative>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}

const STATE_BADGE = { active: "success", expired: "muted", revoked: "muted" } as const;

/** Tokens with their last use, each live one with Revoke. */
export function TokenList({ tokens, timeZone, showOwner }: { tokens: TokenRow[]; timeZone: string; showOwner?: boolean }) {
  if (!tokens.length) return <p className="text-sm text-muted-foreground">No tokens yet.</p>;
  return (
    <ul className="space-y-2" aria-label="API tokens">
      {tokens.map((t) => {
        const label = `${t.name} (${t.prefix}…)`;
        return (
          <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 rounded-md border p-3">
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-all">{t.name}</span>
                <Badge variant={STATE_BADGE[t.state]}>{t.state}</Badge>
                {t.kind === "ORGANIZATION" ? <Badge variant="outline">organisation</Badge> : null}
              </p>
              <p className="font-mono text-xs text-muted-foreground">{t.prefix}…</p>
              <p className="text-sm text-muted-foreground">
                {showOwner ? `${t.kind === "ORGANIZATION" ? "Created by" : "Of"} ${t.ownerName} · ` : ""}
                Scopes: {t.scopes.join(", ")} · Expires {formatDate(t.expiresAt, "day", timeZone)} · Last used{" "}
                {t.lastUsedAt ? formatDate(t.lastUsedAt, "dayTime", timeZone) : "never"}
              </p>
            </div>
            {t.state === "active" ? (
              <ActionForm action={revokeApiTokenAction} label={`Revoke ${label}`}>
                {({ pending }) => (
                  <>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Revoke ${label}`}>
                      Revoke
                    </Button>
                  </>
                )}
              </ActionForm>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
