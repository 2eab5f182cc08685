import "server-only";
import { createHash } from "node:crypto";
import { prisma, type Prisma } from "./client";
import { chargeAll, refund, retryAfterSeconds, STATE_TTL_MS, type LimitPolicy, type LimitState } from "@/lib/domain/rate-limit";

type Tx = Prisma.TransactionClient;

/** One limit to apply: its row's key and its policy. */
export type Limit = { key: string; policy: LimitPolicy };

/** When refused: how long to wait, and the keys of the limits that refused. */
export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number; blocked: string[] };

/** A row key that does not hold the e-mail address or network address in clear. */
export function limitKey(kind: string, value: string): string {
  return `${kind}:${createHash("sha256").update(value, "utf8").digest("base64url")}`;
}

/**
 * Creates the rows that do not exist yet and locks them all, in key order (so that two
 * transactions wanting the same keys cannot deadlock), and returns their states. Each row
 * is created-or-locked by one statement: an INSERT whose conflict branch is a no-op UPDATE,
 * which takes the row lock and returns the row.
 */
async function lockStates(tx: Tx, keys: readonly string[]): Promise<Map<string, LimitState>> {
  const states = new Map<string, LimitState>();
  for (const key of [...new Set(keys)].sort()) {
    const [row] = await tx.$queryRaw<{ count: number; at: Date | null }[]>`
      INSERT INTO "RateLimit" ("key", "count", "at") VALUES (${key}, 0, NULL)
      ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key"
      RETURNING "count", "at"`;
    states.set(key, { count: Number(row!.count), at: row!.at });
  }
  return states;
}

async function writeStates(tx: Tx, states: ReadonlyMap<string, LimitState>): Promise<void> {
  for (const [key, s] of states) await tx.rateLimit.update({ where: { key }, data: { count: s.count, at: s.at } });
}

const TX = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Charges one attempt against every limit, atomically: either all allow it and all are
 * charged, or none is charged and the longest wait is returned. Call it *before* the work
 * it limits (checking a password, creating an organisation), so that concurrent attempts
 * are counted one after another. `whenBlocked` runs in the same transaction (an audit event).
 */
export async function reserveAttempt(limits: readonly Limit[], at: Date, whenBlocked?: (tx: Tx) => Promise<void>): Promise<Reservation> {
  await pruneOccasionally(at);
  return prisma().$transaction(async (tx) => {
    const states = await lockStates(
      tx,
      limits.map((l) => l.key),
    );
    const decision = chargeAll(
      limits.map((l) => ({ key: l.key, policy: l.policy, state: states.get(l.key)! })),
      at,
    );
    if (!decision.allowed) {
      await whenBlocked?.(tx);
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(decision.retryAfterMs), blocked: decision.blocked };
    }
    await writeStates(tx, decision.next);
    return { allowed: true };
  }, TX);
}

/** After a success: gives the attempt back (a backoff starts again; a budget regains one). Pass the transaction that records the success. */
export async function refundAttempt(tx: Tx, limits: readonly Limit[], at: Date): Promise<void> {
  const states = await lockStates(
    tx,
    limits.map((l) => l.key),
  );
  const next = new Map<string, LimitState>();
  for (const l of limits) next.set(l.key, refund(states.get(l.key)!, at, l.policy));
  await writeStates(tx, next);
}

/** Rows untouched for STATE_TTL_MS are back to their empty state: they can go. Returns how many went. */
export async function pruneRateLimits(at: Date): Promise<number> {
  const { count } = await prisma().rateLimit.deleteMany({ where: { OR: [{ at: null }, { at: { lt: new Date(at.getTime() - STATE_TTL_MS) } }] } });
  return count;
}

let lastPrune = 0;
async function pruneOccasionally(at: Date): Promise<void> {
  if (Math.abs(at.getTime() - lastPrune) < 60 * 60_000) return;
  lastPrune = at.getTime();
  await pruneRateLimits(at);
}
