import "server-only";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { deliveryWork, outboundRules, pendingDeliveries, recordAttempt } from "@/lib/db/outbound";
import { onOutboxWrite } from "@/lib/db/outbox";
import { DELIVERY_ATTEMPTS, RETRY_DELAY_SECONDS, webhookBody, xapiStatements } from "@/lib/domain/outbound";
import { XAPI_VERSION } from "@/lib/domain/xapi";
import { now } from "@/lib/platform/clock";
import { publicUrl } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { outboundRequest, type OutboundRules } from "@/lib/platform/outbound-http";
import { defineJob } from "./define";
import { enqueue } from "./enqueue";

// Outbound deliveries (webhooks and the learning record store) on the durable queue: one job per
// delivery and round (a replay is a new round), retried by pg-boss with exponential backoff,
// DELIVERY_ATTEMPTS attempts in all, each recorded on the delivery and logged. Delivery is at
// least once: a webhook carries the same `webhook-id` on every attempt and replay (receivers
// dedupe by it); an xAPI statement keeps its id, and the LRS stores it once (204, or 409 when
// it has it already).

const payload = z.object({ organizationId: z.uuid(), deliveryId: z.uuid(), round: z.number().int().min(0) });

export const outboundDeliverJob = defineJob({
  name: "outbound.deliver",
  payload,
  key: (p) => `outbound:${p.deliveryId}:${p.round}`,
  retry: { limit: DELIVERY_ATTEMPTS - 1, delaySeconds: RETRY_DELAY_SECONDS, backoff: true },
  expireInSeconds: 120,
  batchSize: 4,
  concurrency: 2,
  pollingIntervalSeconds: 1,
  async handler(p, job) {
    const outcome = await deliverOnce(p.organizationId, p.deliveryId, { attempt: job.attempt });
    if (outcome === "retry") throw new Error("The receiver did not accept the delivery; it is retried");
  },
});

/** Deliveries written without a listener (a script, a crash before the queue started) are picked up here. */
export const outboundSweepJob = defineJob({
  name: "outbound.sweep",
  payload: z.object({}),
  policy: "short",
  schedule: { cron: "* * * * *", payload: {}, atStart: true },
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  async handler() {
    const waiting = await pendingDeliveries(new Date(now().getTime() - 60_000));
    let queued = 0;
    for (const d of waiting) if (await enqueue(outboundDeliverJob, { organizationId: d.organizationId, deliveryId: d.id, round: d.round })) queued++;
    if (queued) logger.info({ queued }, "outbound: queued deliveries that had no job");
  },
});

// The outbox hands its deliveries to the queue in the write's own transaction.
onOutboxWrite(async (tx, deliveries) => {
  for (const d of deliveries) await enqueue(outboundDeliverJob, { organizationId: d.organizationId, deliveryId: d.id, round: d.round }, { tx });
});

type Attempt = { ok: boolean; statusCode: number | null; error: string | null };

/**
 * One attempt at a delivery: sends, records the outcome on the delivery and logs it. Returns
 * "retry" when another attempt should follow. `rules` default to the environment's.
 */
export async function deliverOnce(
  organizationId: string,
  deliveryId: string,
  opts: { attempt: number; rules?: OutboundRules },
): Promise<"delivered" | "retry" | "failed" | "skipped"> {
  const work = await deliveryWork(organizationId, deliveryId);
  if (work.kind === "done") return "skipped";
  const last = opts.attempt >= DELIVERY_ATTEMPTS;
  if (work.kind === "gone") {
    await recordAttempt(organizationId, deliveryId, { ok: false, statusCode: null, error: work.reason, last: true, retry: opts.attempt });
    logger.warn({ delivery: deliveryId, attempt: opts.attempt }, "outbound: delivery has nowhere to go");
    return "failed";
  }
  const rules = opts.rules ?? outboundRules();
  let result: Attempt;
  try {
    result = work.kind === "webhook" ? await sendWebhook(work, rules) : await sendStatements(work, rules);
  } catch (error) {
    result = { ok: false, statusCode: null, error: errorText(error) };
  }
  await recordAttempt(organizationId, deliveryId, { ...result, last, retry: opts.attempt });
  const fields = { delivery: deliveryId, target: work.kind, attempt: opts.attempt, status: result.statusCode };
  if (result.ok) logger.info(fields, "outbound: delivered");
  else
    logger[last ? "error" : "warn"](
      { ...fields, error: result.error },
      last ? "outbound: delivery failed for good (an admin can replay it)" : "outbound: attempt failed; retrying",
    );
  return result.ok ? "delivered" : last ? "failed" : "retry";
}

async function sendWebhook(work: Extract<Awaited<ReturnType<typeof deliveryWork>>, { kind: "webhook" }>, rules: OutboundRules): Promise<Attempt> {
  const body = webhookBody(work.event);
  const msgId = `msg_${work.event.id}`;
  const at = now();
  const signature = new Webhook(work.secret).sign(msgId, at, body);
  const response = await outboundRequest(
    work.url,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": msgId,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
    },
    rules,
  );
  const ok = response.status >= 200 && response.status < 300;
  return { ok, statusCode: response.status, error: ok ? null : `The endpoint answered ${response.status}` };
}

/** PUT /statements?statementId=…, one statement at a time: 204 stored, 409 stored already (a retry), both done. */
async function sendStatements(work: Extract<Awaited<ReturnType<typeof deliveryWork>>, { kind: "lrs" }>, rules: OutboundRules): Promise<Attempt> {
  const statements = xapiStatements(publicUrl(), work.event.data, work.event.statements);
  const base = work.endpoint.endsWith("/") ? work.endpoint : `${work.endpoint}/`;
  const auth = `Basic ${Buffer.from(`${work.key}:${work.secret}`, "utf8").toString("base64")}`;
  let status: number | null = null;
  for (const statement of statements) {
    const url = new URL("statements", base);
    url.searchParams.set("statementId", String(statement.id));
    const response = await outboundRequest(
      url.toString(),
      {
        method: "PUT",
        headers: { "content-type": "application/json", "x-experience-api-version": XAPI_VERSION, authorization: auth },
        body: JSON.stringify(statement),
      },
      rules,
    );
    status = response.status;
    if (!(response.status === 204 || response.status === 200 || response.status === 409)) {
      return { ok: false, statusCode: response.status, error: `The LRS answered ${response.status}` };
    }
  }
  return { ok: true, statusCode: status, error: null };
}

/** An error in words for the admin page: its kind and message (ours, or the network's: no data of the receiver's). */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return "The request failed";
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${error.message}`.slice(0, 300);
}
