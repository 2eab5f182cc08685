import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { prisma } from "./client";
import { tenantKey } from "./keys";
import { assertCan } from "./access";
import { auditFromActor, auditedWrite } from "./audit";
import { notifyOutbox, writeEvent } from "./outbox";
import type { Actor } from "@/lib/domain/actor";
import { DELIVERY_ATTEMPTS, nextAttemptLatest, targetUrlProblem, type OutboundData, type StatementPlan } from "@/lib/domain/outbound";
import { now } from "@/lib/platform/clock";
import { env, type Env } from "@/lib/platform/env";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { checkHost, OutboundRefused, type OutboundRules } from "@/lib/platform/outbound-http";
import { open, seal, secretHint } from "@/lib/platform/sealed";
import type { LrsSettingsInput, WebhookEndpointInput, WebhookEndpointUpdate } from "@/lib/validation/outbound";

// Webhook endpoints, the learning record store connection, and their deliveries (Admin › Webhooks).
// Secrets are sealed at rest like chat secrets (lib/platform/sealed.ts); a webhook secret is shown
// once, when the endpoint is added.

const webhookPurpose = (organizationId: string, endpointId: string) => `webhook:secret:${organizationId}:${endpointId}`;
const lrsPurpose = (organizationId: string, field: "key" | "secret") => `lrs:${field}:${organizationId}`;

/** The rules in force: https only in production; private addresses only with RIPPLE_OUTBOUND_ALLOW_PRIVATE=1 outside production. */
export function outboundRules(e: Env = env()): OutboundRules {
  const production = e.NODE_ENV === "production";
  return { httpsOnly: production, allowPrivate: !production && e.RIPPLE_OUTBOUND_ALLOW_PRIVATE === "1" };
}

/** Refuses an address that breaks the rules now (the delivery checks again, where it connects). */
export async function checkTarget(url: string, field: string, rules: OutboundRules = outboundRules()): Promise<void> {
  const problem = targetUrlProblem(url, rules);
  const refuse = (message: string) => new ExpectedError("invalid", message, { [field]: [message] });
  if (problem) throw refuse(problem);
  try {
    await checkHost(new URL(url).hostname, rules);
  } catch (error) {
    if (error instanceof OutboundRefused) throw refuse(`Ripple cannot send there: ${error.message}. Use a public address.`);
    throw error;
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export async function listWebhookEndpoints(actor: Actor) {
  assertCan(actor, "admin.manage");
  const rows = await prisma().webhookEndpoint.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true },
  });
  return rows;
}

/** Adds an endpoint; returns its secret, which is shown this once. */
export async function createWebhookEndpoint(actor: Actor, input: WebhookEndpointInput): Promise<{ endpointId: string; secret: string }> {
  assertCan(actor, "admin.manage");
  await checkTarget(input.url, "url");
  const secret = newSecret();
  return auditedWrite(async (tx, audit) => {
    const id = randomUUID();
    await tx.webhookEndpoint.create({
      data: {
        id,
        organizationId: actor.organizationId,
        url: input.url,
        description: input.description,
        events: input.events,
        secret: seal(secret, webhookPurpose(actor.organizationId, id)),
      },
    });
    await audit({ ...auditFromActor(actor), action: "webhook.created", targetType: "webhook", targetId: id, meta: { events: input.events } });
    return { endpointId: id, secret };
  });
}

export async function updateWebhookEndpoint(actor: Actor, input: WebhookEndpointUpdate): Promise<{ endpointId: string }> {
  assertCan(actor, "admin.manage");
  await checkTarget(input.url, "url");
  return auditedWrite(async (tx, audit) => {
    const updated = await tx.webhookEndpoint.updateMany({
      where: { organizationId: actor.organizationId, id: input.endpointId },
      data: { url: input.url, description: input.description, events: input.events, enabled: input.enabled },
    });
    if (updated.count === 0) throw notFound();
    await audit({
      ...auditFromActor(actor),
      action: "webhook.changed",
      targetType: "webhook",
      targetId: input.endpointId,
      meta: { events: input.events, enabled: input.enabled },
    });
    return { endpointId: input.endpointId };
  });
}

export async function deleteWebhookEndpoint(actor: Actor, endpointId: string): Promise<{ endpointId: string }> {
  assertCan(actor, "admin.manage");
  return auditedWrite(async (tx, audit) => {
    const deleted = await tx.webhookEndpoint.deleteMany({ where: { organizationId: actor.organizationId, id: endpointId } });
    if (deleted.count === 0) throw notFound();
    await audit({ ...auditFromActor(actor), action: "webhook.deleted", targetType: "webhook", targetId: endpointId });
    return { endpointId };
  });
}

/** Queues a "ripple.test" event to one endpoint (enabled or not). */
export async function sendTestEvent(actor: Actor, endpointId: string): Promise<{ deliveryId: string }> {
  assertCan(actor, "admin.manage");
  return auditedWrite(async (tx, audit) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: tenantKey(actor.organizationId, endpointId), select: { id: true } });
    if (!endpoint) throw notFound();
    const { deliveryIds } = await writeEvent(
      tx,
      actor.organizationId,
      "ripple.test",
      { test: true, actorId: actor.membershipId },
      { endpoints: [endpoint.id], lrs: false },
    );
    await audit({ ...auditFromActor(actor), action: "webhook.tested", targetType: "webhook", targetId: endpointId });
    return { deliveryId: deliveryIds[0]! };
  });
}

/** Deliveries of the organisation, newest first: webhooks and the LRS. */
export async function listDeliveries(actor: Actor, opts: { take?: number } = {}) {
  assertCan(actor, "admin.manage");
  const rows = await prisma().outboundDelivery.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 50,
    select: {
      id: true,
      target: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
      statementIds: true,
      endpoint: { select: { url: true, description: true } },
      event: { select: { id: true, type: true } },
    },
  });
  return rows;
}

/** Sends a delivery again (a new round of attempts), whatever its state. */
export async function replayDelivery(actor: Actor, deliveryId: string): Promise<{ deliveryId: string }> {
  assertCan(actor, "admin.manage");
  return auditedWrite(async (tx, audit) => {
    const row = await tx.outboundDelivery.findUnique({ where: tenantKey(actor.organizationId, deliveryId), select: { round: true, target: true } });
    if (!row) throw notFound();
    const updated = await tx.outboundDelivery.update({
      where: tenantKey(actor.organizationId, deliveryId),
      data: { status: "PENDING", round: row.round + 1, nextAttemptAt: now(), lastError: null },
      select: { id: true, organizationId: true, round: true },
    });
    await audit({ ...auditFromActor(actor), action: "outbound.replayed", targetType: "delivery", targetId: deliveryId, meta: { target: row.target } });
    await notifyOutbox(tx, [updated]);
    return { deliveryId };
  });
}

// ---- The learning record store ------------------------------------------------------------------

export async function getLrsSettings(actor: Actor) {
  assertCan(actor, "admin.manage");
  const row = await prisma().lrsConnection.findUnique({ where: { organizationId: actor.organizationId } });
  if (!row) return null;
  return {
    endpoint: row.endpoint,
    key: open(row.key, lrsPurpose(row.organizationId, "key")) ?? "",
    secretHint: secretHint(open(row.secret, lrsPurpose(row.organizationId, "secret"))),
    enabled: row.enabled,
  };
}

export async function saveLrsSettings(actor: Actor, input: LrsSettingsInput): Promise<{ endpoint: string }> {
  assertCan(actor, "admin.manage");
  await checkTarget(input.endpoint, "endpoint");
  const organizationId = actor.organizationId;
  return auditedWrite(async (tx, audit) => {
    const before = await tx.lrsConnection.findUnique({ where: { organizationId }, select: { organizationId: true } });
    if (!before && !input.secret) throw new ExpectedError("invalid", "Some settings are missing.", { secret: ["Enter the LRS secret."] });
    const data = {
      endpoint: input.endpoint,
      key: seal(input.key, lrsPurpose(organizationId, "key")),
      ...(input.secret ? { secret: seal(input.secret, lrsPurpose(organizationId, "secret")) } : {}),
      enabled: true,
    };
    if (before) await tx.lrsConnection.update({ where: { organizationId }, data });
    else await tx.lrsConnection.create({ data: { ...data, organizationId, secret: data.secret! } });
    await audit({ ...auditFromActor(actor), action: "lrs.connected", targetType: "lrs", meta: { secretChanged: Boolean(input.secret) } });
    return { endpoint: input.endpoint };
  });
}

export async function disconnectLrs(actor: Actor): Promise<{ disconnected: true }> {
  assertCan(actor, "admin.manage");
  return auditedWrite(async (tx, audit) => {
    const deleted = await tx.lrsConnection.deleteMany({ where: { organizationId: actor.organizationId } });
    if (deleted.count === 0) throw notFound();
    await audit({ ...auditFromActor(actor), action: "lrs.disconnected", targetType: "lrs" });
    return { disconnected: true };
  });
}

// ---- For the delivery job -----------------------------------------------------------------------

export type DeliveryWork =
  | { kind: "done" }
  | { kind: "gone"; reason: string }
  | {
      kind: "webhook";
      url: string;
      secret: string;
      event: { id: string; type: string; createdAt: Date; data: OutboundData };
    }
  | {
      kind: "lrs";
      endpoint: string;
      key: string;
      secret: string;
      event: { id: string; type: string; createdAt: Date; data: OutboundData; statements: StatementPlan[] };
    };

/** What one delivery sends, with its target's secrets opened (never logged). */
export async function deliveryWork(organizationId: string, deliveryId: string): Promise<DeliveryWork> {
  const row = await prisma().outboundDelivery.findUnique({
    where: tenantKey(organizationId, deliveryId),
    select: {
      status: true,
      target: true,
      endpoint: { select: { id: true, url: true, secret: true, enabled: true } },
      event: { select: { id: true, type: true, createdAt: true, payload: true } },
    },
  });
  if (!row) return { kind: "gone", reason: "The delivery no longer exists." };
  if (row.status === "DELIVERED") return { kind: "done" };
  const payload = row.event.payload as OutboundData & { statements?: StatementPlan[] };
  const { statements, ...data } = payload;
  const event = { id: row.event.id, type: row.event.type, createdAt: row.event.createdAt, data: data as OutboundData };
  if (row.target === "WEBHOOK") {
    if (!row.endpoint) return { kind: "gone", reason: "The endpoint was deleted." };
    const secret = open(row.endpoint.secret, webhookPurpose(organizationId, row.endpoint.id));
    if (secret === null) return { kind: "gone", reason: "The endpoint's secret cannot be opened (was AUTH_SECRET changed?)." };
    return { kind: "webhook", url: row.endpoint.url, secret, event };
  }
  const lrs = await prisma().lrsConnection.findUnique({ where: { organizationId } });
  if (!lrs) return { kind: "gone", reason: "The learning record store was disconnected." };
  const key = open(lrs.key, lrsPurpose(organizationId, "key"));
  const secret = open(lrs.secret, lrsPurpose(organizationId, "secret"));
  if (key === null || secret === null) return { kind: "gone", reason: "The LRS credentials cannot be opened (was AUTH_SECRET changed?)." };
  return { kind: "lrs", endpoint: lrs.endpoint, key, secret, event: { ...event, statements: statements ?? [] } };
}

/** Records one attempt's outcome. `last`: no retry follows (the delivery is then FAILED, until replayed). */
export async function recordAttempt(
  organizationId: string,
  deliveryId: string,
  outcome: { ok: boolean; statusCode: number | null; error: string | null; last: boolean; retry: number },
): Promise<void> {
  const at = now();
  await prisma().outboundDelivery.updateMany({
    where: { organizationId, id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error?.slice(0, 300) ?? null,
      ...(outcome.ok
        ? { status: "DELIVERED", deliveredAt: at, nextAttemptAt: null }
        : outcome.last
          ? { status: "FAILED", nextAttemptAt: null }
          : { status: "PENDING", nextAttemptAt: nextAttemptLatest(at, outcome.retry) }),
    },
  });
}

/** Deliveries still PENDING that may have no job (written without a listener): the sweep enqueues them (their keys dedupe). */
export async function pendingDeliveries(olderThan: Date, take = 500) {
  return prisma().outboundDelivery.findMany({
    where: { status: "PENDING", createdAt: { lt: olderThan } },
    select: { id: true, organizationId: true, round: true },
    orderBy: { createdAt: "asc" },
    take,
  });
}

export { DELIVERY_ATTEMPTS };
