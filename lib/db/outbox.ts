import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "./generated/client";
import { outboundEventFor, statementPlans, type OutboundData, type StatementPlan, type WebhookEvent } from "@/lib/domain/outbound";
import { now } from "@/lib/platform/clock";

// The outbox: the one place where "a story event happened" becomes outbound work. recordAudit
// (lib/db/audit.ts) calls `recordOutbound` with the audit event, inside the write's transaction:
// the event, its deliveries (one per subscribed webhook endpoint, one for the LRS) and the jobs
// that send them commit with the write or not at all. Nothing is written for an organisation
// without an enabled webhook endpoint or learning record store.

type Tx = Prisma.TransactionClient;

export type OutboxAudit = { action: string; organizationId: string; actorId: string | null; targetType: string | null; targetId: string | null; meta: unknown };

/** The deliveries a transaction created: the job queue enqueues their jobs in the same transaction. */
export type OutboxListener = (tx: Tx, deliveries: { id: string; organizationId: string; round: number }[]) => Promise<void>;

const g = globalThis as typeof globalThis & { __rippleOutboxListener?: OutboxListener };

/**
 * The job queue registers here (lib/jobs/outbound-job.ts, loaded with the job catalog): lib/db
 * cannot import lib/jobs. Without a listener (a script), the deliveries wait for the sweep job.
 */
export function onOutboxWrite(listener: OutboxListener): void {
  g.__rippleOutboxListener = listener;
}

export async function notifyOutbox(tx: Tx, deliveries: { id: string; organizationId: string; round: number }[]): Promise<void> {
  if (deliveries.length && g.__rippleOutboxListener) await g.__rippleOutboxListener(tx, deliveries);
}

const MAPPED = new Set(["story.created", "story.visibility_changed", "story.cycle_added", "review.figure_confirmed", "review.highlighted", "story.erased"]);

// A fixed namespace for Ripple's name-based statement ids (RFC 9562 version 5).
const NAMESPACE = Buffer.from("6f1c3a52-8d0e-4b7a-9f2e-5c4d3b2a1e0f".replaceAll("-", ""), "hex");

/** A name-based UUID (version 5): the same name gives the same id on every run and every retry. */
export function nameUuid(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Called by recordAudit for every audit event of an organisation, in the write's transaction. */
export async function recordOutbound(audit: OutboxAudit, tx: Tx): Promise<void> {
  if (!MAPPED.has(audit.action) || audit.targetType !== "story" || !audit.targetId) return;
  const organizationId = audit.organizationId;
  const [endpoints, lrs] = await Promise.all([
    tx.webhookEndpoint.findMany({ where: { organizationId, enabled: true }, select: { id: true, events: true } }),
    tx.lrsConnection.findUnique({ where: { organizationId }, select: { enabled: true } }),
  ]);
  const lrsOn = Boolean(lrs?.enabled);
  if (!endpoints.length && !lrsOn) return;

  const story = await tx.story.findFirst({
    where: { organizationId, id: audit.targetId },
    select: {
      authorId: true,
      visibility: true,
      status: true,
      entries: { select: { id: true, cycle: true, recordedAt: true, confirmedAt: true, confirmedById: true }, orderBy: { recordedAt: "asc" } },
    },
  });
  const event = outboundEventFor({ action: audit.action, actorId: audit.actorId, targetId: audit.targetId, meta: audit.meta }, story);
  if (!event) return;
  await writeEvent(tx, organizationId, event.type, event.data, {
    endpoints: endpoints.filter((e) => e.events.includes(event.type)).map((e) => e.id),
    lrs: lrsOn,
  });
}

/** Writes an event and its deliveries, and hands the deliveries to the queue (same transaction). */
export async function writeEvent(
  tx: Tx,
  organizationId: string,
  type: WebhookEvent | "ripple.test",
  data: OutboundData | { test: true; actorId: string | null },
  to: { endpoints: string[]; lrs: boolean },
): Promise<{ eventId: string; deliveryIds: string[] }> {
  const at = now();
  let plans: StatementPlan[] = [];
  const created = await tx.outboundEvent.create({
    data: { organizationId, type, storyId: "storyId" in data ? data.storyId : null, payload: data as unknown as Prisma.InputJsonValue, createdAt: at },
    select: { id: true },
  });
  if (to.lrs && type !== "ripple.test" && "storyId" in data) {
    const sentBefore =
      type === "story.erased"
        ? (
            await tx.outboundDelivery.findMany({
              where: { organizationId, target: "LRS", event: { storyId: data.storyId }, NOT: { eventId: created.id } },
              select: { statementIds: true },
            })
          ).flatMap((d) => d.statementIds)
        : [];
    plans = statementPlans(type, data, at, { sentBefore: [...new Set(sentBefore)], newId: (seed) => nameUuid(`${created.id}:${seed}`) });
  }
  const rows = [
    ...to.endpoints.map((endpointId) => ({ target: "WEBHOOK" as const, endpointId, statementIds: [] as string[] })),
    ...(plans.length ? [{ target: "LRS" as const, endpointId: null, statementIds: plans.map((p) => p.id) }] : []),
  ];
  if (plans.length)
    await tx.outboundEvent.update({
      where: { organizationId_id: { organizationId, id: created.id } },
      data: { payload: { ...data, statements: plans } as unknown as Prisma.InputJsonValue },
    });
  const deliveries = await tx.outboundDelivery.createManyAndReturn({
    data: rows.map((r) => ({ ...r, organizationId, eventId: created.id, createdAt: at, nextAttemptAt: at })),
    select: { id: true, organizationId: true, round: true },
  });
  await notifyOutbox(tx, deliveries);
  return { eventId: created.id, deliveryIds: deliveries.map((d) => d.id) };
}
