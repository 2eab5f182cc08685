"use client";

import { useState } from "react";
import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { disconnectChatAction, saveSlackSettingsAction, saveTeamsSettingsAction } from "@/lib/actions/chat";

export type ChatSettingView = {
  source: "admin" | "environment";
  workspaceId: string;
  signingSecretHint: string | null;
  botTokenHint: string | null;
} | null;

/** "Stored (…abcd): leave empty to keep it" — a secret is never shown back. */
function secretHint(hint: string | null | undefined, what: string) {
  return hint ? `Stored (${hint}). Leave empty to keep it.` : `Paste the ${what}. It is stored encrypted and never shown again.`;
}

/**
 * The secrets a form holds while the person types: the server never echoes a secret back
 * (lib/server/action.ts), so they are kept here through a refusal, and emptied once saved.
 */
function useSecrets<K extends string>(...names: K[]) {
  const empty = () => Object.fromEntries(names.map((n) => [n, ""])) as Record<K, string>;
  const [secrets, setSecrets] = useState(empty);
  const field = (name: K) => ({
    name,
    value: secrets[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setSecrets((s) => ({ ...s, [name]: e.target.value })),
  });
  return { field, clear: () => setSecrets(empty()) };
}

export function SlackSettingsForm({ current }: { current: ChatSettingView }) {
  const stored = current?.source === "admin" ? current : null;
  const secrets = useSecrets("signingSecret", "botToken");
  return (
    <ActionForm
      action={saveSlackSettingsAction}
      onSuccess={secrets.clear}
      successMessage="Slack settings saved."
      className="grid gap-4 sm:grid-cols-3"
      label="Slack"
    >
      {({ errors, values, pending }) => (
        <>
          <Field id="slack-workspaceId" label="Workspace (team) id" hint="Starts with T, e.g. T0123ABCD." error={errors.workspaceId?.[0]} required>
            <Input name="workspaceId" defaultValue={values.workspaceId ?? stored?.workspaceId ?? ""} autoComplete="off" spellCheck={false} />
          </Field>
          <Field
            id="slack-signingSecret"
            label="Signing secret"
            hint={secretHint(stored?.signingSecretHint, "signing secret")}
            error={errors.signingSecret?.[0]}
          >
            <Input {...secrets.field("signingSecret")} type="password" autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="slack-botToken" label="Bot token" hint={secretHint(stored?.botTokenHint, "bot token (xoxb-…)")} error={errors.botToken?.[0]}>
            <Input {...secrets.field("botToken")} type="password" autoComplete="off" spellCheck={false} />
          </Field>
          <div className="sm:col-span-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : stored ? "Save Slack settings" : "Connect Slack"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function TeamsSettingsForm({ current }: { current: ChatSettingView }) {
  const stored = current?.source === "admin" ? current : null;
  const secrets = useSecrets("signingSecret");
  return (
    <ActionForm
      action={saveTeamsSettingsAction}
      onSuccess={secrets.clear}
      successMessage="Teams settings saved."
      className="grid gap-4 sm:grid-cols-2"
      label="Microsoft Teams"
    >
      {({ errors, values, pending }) => (
        <>
          <Field id="teams-workspaceId" label="Tenant id" hint="Your Microsoft Entra tenant id (a GUID)." error={errors.workspaceId?.[0]} required>
            <Input name="workspaceId" defaultValue={values.workspaceId ?? stored?.workspaceId ?? ""} autoComplete="off" spellCheck={false} />
          </Field>
          <Field
            id="teams-signingSecret"
            label="Security token"
            hint={secretHint(stored?.signingSecretHint, "security token Teams showed for the outgoing webhook")}
            error={errors.signingSecret?.[0]}
          >
            <Input {...secrets.field("signingSecret")} type="password" autoComplete="off" spellCheck={false} />
          </Field>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : stored ? "Save Teams settings" : "Connect Teams"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function DisconnectChatButton({ provider, label }: { provider: "SLACK" | "TEAMS"; label: string }) {
  return (
    <ActionForm action={disconnectChatAction} successMessage={`${label} disconnected.`} label={`Disconnect ${label}`}>
      {({ pending }) => (
        <>
          <input type="hidden" name="provider" value={provider} />
          <Button type="submit" variant="outline" disabled={pending}>
            Disconnect {label}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
