import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddWebhookEndpointForm, DisconnectLrsButton, LrsSettingsForm, ReplayButton, WebhookEndpointControls } from "@/components/admin/outbound-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getLrsSettings, listDeliveries, listWebhookEndpoints } from "@/lib/db/outbound";
import { can } from "@/lib/domain/access";
import { timeZoneOf } from "@/lib/domain/actor";
import { formatDate } from "@/lib/domain/format";

export const metadata: Metadata = { title: "Webhooks · Administration" };

const STATUS: Record<"PENDING" | "DELIVERED" | "FAILED", { label: string; variant: "muted" | "success" | "destructive" | "warning" }> = {
  PENDING: { label: "Pending", variant: "muted" },
  DELIVERED: { label: "Delivered", variant: "success" },
  FAILED: { label: "Failed", variant: "destructive" },
};

export default async function AdminWebhooksPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const [endpoints, deliveries, lrs] = await Promise.all([listWebhookEndpoints(actor), listDeliveries(actor), getLrsSettings(actor)]);
  const zone = timeZoneOf(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Webhooks</h1>
        <p className="mt-1 text-muted-foreground">
          Tell your other tools when a story is created, shared, given a cycle, confirmed, picked for leadership or erased. Each event is signed (Standard
          Webhooks) and carries ids, never the story&apos;s words: your receiver reads those through the API, under the same sharing rules as Ripple.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Endpoints</CardTitle>
          <CardDescription>{endpoints.length ? `${endpoints.length} registered.` : "None yet."}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {endpoints.length ? (
            <ul className="space-y-4">
              {endpoints.map((e) => (
                <li key={e.id} className="space-y-2 rounded-md border p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm break-all">{e.url}</span>
                    {e.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="muted">Disabled</Badge>}
                  </div>
                  {e.description ? <p className="text-sm text-muted-foreground">{e.description}</p> : null}
                  <p className="text-xs text-muted-foreground">Events: {e.events.join(", ")}</p>
                  <WebhookEndpointControls endpoint={e} />
                </li>
              ))}
            </ul>
          ) : null}
          <section aria-labelledby="add-endpoint" className="space-y-3 rounded-md border p-3">
            <h3 id="add-endpoint" className="font-medium">
              Add an endpoint
            </h3>
            <AddWebhookEndpointForm />
          </section>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Learning record store</CardTitle>
          <CardDescription>
            {lrs ? `Connected to ${lrs.endpoint}.` : "Not connected."} New cycle entries and confirmations of shared stories go to it as xAPI 1.0.3 statements;
            an erasure voids them.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <LrsSettingsForm current={lrs ? { endpoint: lrs.endpoint, key: lrs.key, secretHint: lrs.secretHint } : null} />
          {lrs ? <DisconnectLrsButton /> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Deliveries</CardTitle>
          <CardDescription>
            The latest 50, to webhooks and the LRS. Failed attempts are retried with growing pauses; after the last one, replay it here.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {deliveries.length ? (
            <ul className="divide-y" aria-label="Deliveries">
              {deliveries.map((d) => {
                const status = STATUS[d.status];
                const retrying = d.status === "PENDING" && d.attempts > 0;
                return (
                  <li key={d.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                    <div className="min-w-0 space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-mono text-sm">{d.event.type}</span>
                        <Badge variant={retrying ? "warning" : status.variant}>{retrying ? "Retrying" : status.label}</Badge>
                      </div>
                      <p className="text-xs break-all text-muted-foreground">
                        {d.target === "LRS"
                          ? `Learning record store (${d.statementIds.length} statement${d.statementIds.length === 1 ? "" : "s"})`
                          : (d.endpoint?.url ?? "")}
                      </p>
                      <p className="text-xs text-muted-foreground">
                        {formatDate(d.createdAt, "dayTime", zone)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                        {d.lastStatusCode !== null ? ` · last answer ${d.lastStatusCode}` : ""}
                        {d.deliveredAt ? ` · delivered ${formatDate(d.deliveredAt, "dayTime", zone)}` : ""}
                        {retrying && d.nextAttemptAt ? ` · next attempt by ${formatDate(d.nextAttemptAt, "dayTime", zone)}` : ""}
                      </p>
                      {d.lastError && d.status !== "DELIVERED" ? <p className="text-xs break-all text-destructive">{d.lastError}</p> : null}
                    </div>
                    <ReplayButton deliveryId={d.id} />
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing sent yet.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
