"use client";

import { useState } from "react";
import { useCopy } from "@/components/forms/use-copy";
import { ActionForm } from "@/components/admin/action-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { issueScimTokenAction, revokeScimTokenAction } from "@/lib/actions/scim";

/** A value to paste into the identity provider, with a Copy button that says what happened. */
export function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const { note, copy } = useCopy();
  return (
    <div className="space-y-2">
      <Field id={id} label={label} hint={hint}>
        <Input value={value} readOnly spellCheck={false} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" size="sm" onClick={() => void copy(value)} aria-label={`Copy: ${label}`}>
          Copy
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {note}
        </p>
      </div>
    </div>
  );
}

/**
 * Makes, rotates and revokes the organisation's provisioning token. A new token is shown here
 * once (the server keeps only its hash): it stays on screen until the page is left.
 */
export function ScimTokenPanel({ hasToken }: { hasToken: boolean }) {
  const [fresh, setFresh] = useState<{ token: string; prefix: string } | null>(null);
  return (
    <div className="space-y-4">
      {fresh ? (
        <Alert variant="warning">
          <AlertTitle>Copy the token now: it is shown only this once</AlertTitle>
          <AlertDescription>
            <div className="w-full pt-2">
              <CopyField
                id="scim-new-token"
                label="Provisioning token"
                value={fresh.token}
                hint="Paste it as the Secret Token (Entra ID) or the API token (Okta)."
              />
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        <ActionForm action={issueScimTokenAction} onSuccess={setFresh} label={hasToken ? "Rotate the token" : "Make a token"}>
          {({ pending }) => (
            <Button type="submit" disabled={pending}>
              {pending ? "Making the token…" : hasToken ? "Rotate the token" : "Make a token"}
            </Button>
          )}
        </ActionForm>
        {hasToken ? (
          <ActionForm
            action={revokeScimTokenAction}
            onSuccess={() => setFresh(null)}
            successMessage="Token revoked: provisioning has stopped."
            label="Revoke the token"
          >
            {({ pending }) => (
              <Button type="submit" variant="outline" disabled={pending}>
                Revoke the token
              </Button>
            )}
          </ActionForm>
        ) : null}
      </div>
      {hasToken ? (
        <p className="text-sm text-muted-foreground">
          Rotating makes a new token and revokes the current one at once: paste the new one into your identity provider straight away.
        </p>
      ) : null}
    </div>
  );
}
