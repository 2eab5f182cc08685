"use client";

import { useState } from "react";
import { ActionForm } from "@/components/admin/action-form";
import { CopyBlock } from "@/components/chat/copy-block";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  disconnectLrsAction,
  replayDeliveryAction,
  saveLrsSettingsAction,
  sendTestWebhookAction,
  updateWebhookEndpointAction,
} from "@/lib/actions/outbound";
import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENTS } from "@/lib/domain/outbound";

export type EndpointView = { id: string; url: string; description: string; events: string[]; enabled: boolean };

function EventChoices({ idPrefix, chosen, error }: { idPrefix: string; chosen: readonly string[]; error?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${idPrefix}-events-error` : undefined}>
      <legend className="text-sm font-medium">Events</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="events" value={event} defaultChecked={chosen.includes(event)} className="mt-1 size-4" />
            <span>
              <span className="font-mono text-xs">{event}</span>
              <span className="block text-muted-foreground">{WEBHOOK_EVENT_LABEL[event]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${idPrefix}-events-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Adds an endpoint; its signing secret is shown here once, after it is added. */
export function AddWebhookEndpointForm() {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm
        action={createWebhookEndpointAction}
        onSuccess={(data) => setSecret(data.secret)}
        successMessage="Endpoint added."
        className="space-y-4"
        label="Add an endpoint"
      >
        {({ errors, values, pending }) => (
          <>
            <Field id="webhook-url" label="Endpoint URL" hint="An https:// address that accepts POST requests." error={errors.url?.[0]} required>
              <Input name="url" type="url" inputMode="url" defaultValue={values.url ?? ""} autoComplete="off" spellCheck={false} />
            </Field>
            <Field id="webhook-description" label="Description" hint="Optional: what it is for." error={errors.description?.[0]}>
              <Input name="description" defaultValue={values.description ?? ""} maxLength={200} />
            </Field>
            <EventChoices
              // Remounted with what was sent after a refusal (the echo joins repeated fields with new lines).
              key={Object.keys(values).length ? `sent:${values.events ?? ""}` : "new"}
              idPrefix="webhook-new"
              chosen={Object.keys(values).length ? (values.events ?? "").split("\n") : [...WEBHOOK_EVENTS]}
              error={errors.events?.[0]}
            />
            <Button type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add endpoint"}
            </Button>
          </>
        )}
      </ActionForm>
      {secret ? (
        <div className="space-y-2 rounded-md border border-warning/40 bg-warning-soft p-3" data-testid="webhook-secret">
          <p className="text-sm font-medium">
            The signing secret, shown this once. Copy it into your receiver now: Ripple keeps it encrypted and never shows it again.
          </p>
          <CopyBlock text={secret} label="Signing secret" copyLabel="Copy the secret" />
          <Button type="button" variant="outline" size="sm" onClick={() => setSecret(null)}>
            I have copied it
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export function WebhookEndpointControls({ endpoint }: { endpoint: EndpointView }) {
  const base = `webhook-${endpoint.id}`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <ActionForm action={sendTestWebhookAction} successMessage="Test event queued: see Deliveries." label={`Send a test event to ${endpoint.url}`}>
          {({ pending }) => (
            <>
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <Button type="submit" variant="outline" size="sm" disabled={pending}>
                Send test event
              </Button>
            </>
          )}
        </ActionForm>
        <ActionForm action={deleteWebhookEndpointAction} successMessage="Endpoint deleted." label={`Delete ${endpoint.url}`}>
          {({ pending }) => (
            <>
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <Button type="submit" variant="outline" size="sm" disabled={pending}>
                Delete
              </Button>
            </>
          )}
        </ActionForm>
      </div>
      <details className="rounded-md border p-3 text-sm">
        <summary className="cursor-pointer font-medium">Edit or disable</summary>
        <ActionForm action={updateWebhookEndpointAction} successMessage="Endpoint saved." className="mt-3 space-y-4" label={`Edit ${endpoint.url}`}>
          {({ errors, values, pending }) => (
            <>
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <Field id={`${base}-url`} label="Endpoint URL" error={errors.url?.[0]} required>
                <Input name="url" type="url" defaultValue={values.url ?? endpoint.url} autoComplete="off" spellCheck={false} />
              </Field>
              <Field id={`${base}-description`} label="Description" error={errors.description?.[0]}>
                <Input name="description" defaultValue={values.description ?? endpoint.description} maxLength={200} />
              </Field>
              <EventChoices
                key={Object.keys(values).length ? `sent:${values.events ?? ""}` : "stored"}
                idPrefix={base}
                chosen={Object.keys(values).length ? (values.events ?? "").split("\n") : endpoint.events}
                error={errors.events?.[0]}
              />
              <label className="flex items-center gap-2">
                <input type="checkbox" name="enabled" value="on" defaultChecked={endpoint.enabled} className="size-4" />
                Enabled (events are sent)
              </label>
              <Button type="submit" size="sm" disabled={pending}>
                {pending ? "Saving…" : "Save endpoint"}
              </Button>
            </>
          )}
        </ActionForm>
      </details>
    </div>
  );
}

export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  return (
    <ActionForm action={replayDeliveryAction} successMessage="Queued again." label="Replay this delivery">
      {({ pending }) => (
        <>
          <input type="hidden" name="deliveryId" value={deliveryId} />
          <Button type="submit" variant="outline" size="sm" disabled={pending}>
            Replay
          </Button>
        </>
      )}
    </ActionForm>
  );
}

export type LrsView = { endpoint: string; key: string; secretHint: string | null } | null;

export function LrsSettingsForm({ current }: { current: LrsView }) {
  const [secret, setSecret] = useState("");
  return (
    <ActionForm
      action={saveLrsSettingsAction}
      onSuccess={() => setSecret("")}
      successMessage="Learning record store saved."
      className="grid gap-4 sm:grid-cols-3"
      label="Learning record store"
    >
      {({ errors, values, pending }) => (
        <>
          <Field id="lrs-endpoint" label="LRS endpoint" hint="The xAPI base address, e.g. https://lrs.example.com/xapi/." error={errors.endpoint?.[0]} required>
            <Input name="endpoint" type="url" defaultValue={values.endpoint ?? current?.endpoint ?? ""} autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="lrs-key" label="Key" hint="The HTTP Basic user name." error={errors.key?.[0]} required>
            <Input name="key" defaultValue={values.key ?? current?.key ?? ""} autoComplete="off" spellCheck={false} />
          </Field>
          <Field
            id="lrs-secret"
            label="Secret"
            hint={current?.secretHint ? `Stored (${current.secretHint}). Leave empty to keep it.` : "The HTTP Basic password. Stored encrypted."}
            error={errors.secret?.[0]}
          >
            <Input name="secret" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <div className="sm:col-span-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : current ? "Save LRS settings" : "Connect the LRS"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function DisconnectLrsButton() {
  return (
    <ActionForm action={disconnectLrsAction} successMessage="Learning record store disconnected." label="Disconnect the learning record store">
      {({ pending }) => (
        <Button type="submit" variant="outline" disabled={pending}>
          Disconnect the LRS
        </Button>
      )}
    </ActionForm>
  );
}
