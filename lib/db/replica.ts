import "server-only";
// Reads that may go to a streaming replica: reports and exports, which only read. One function
// chooses the client, `readClient(actor)`; everything else (writes, and the reads that decide
// access) stays on the primary, `prisma()`.
//
// Read-your-own-writes. A replica replays the primary's write-ahead log (WAL) a little behind
// it. After a person writes, the primary's WAL position (an LSN, such as "0/3000148") is
// remembered for them: in this request, on the actor object, and for later requests in a
// cookie (lib/server/read-fence.ts), which travels with the person to whichever instance serves
// them and needs no shared store. A read for them goes to the replica only once its replayed
// position has reached that LSN (`pg_last_wal_replay_lsn()`); until then it goes to the
// primary. Without a remembered write it goes to the replica at once. A replica that cannot be
// reached, or is no longer in recovery (promoted), is never read: the primary answers instead.
import { Prisma, type PrismaClient } from "./generated/client";
import type { Actor } from "@/lib/domain/actor";
import { logger } from "@/lib/platform/logger";
import type { Database } from "./prisma";
import { getDatabase } from "./registry";

/** A WAL position as PostgreSQL prints it: two hexadecimal numbers of up to 32 bits. */
export const LSN_PATTERN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

export function isLsn(value: unknown): value is string {
  return typeof value === "string" && LSN_PATTERN.test(value);
}

/** The WAL position each actor's reads must have reached (their last write). */
const fences = new WeakMap<Actor, string>();
/** The client chosen for an actor (one request) and the fence it was chosen for. */
const chosen = new WeakMap<Actor, { fence: string | null; client: Promise<PrismaClient> }>();

/** Reads for this actor must see the primary as it was at `lsn` (their last write). */
export function readAfter(actor: Actor, lsn: string | null | undefined): void {
  if (isLsn(lsn)) fences.set(actor, lsn);
}

/** The position this actor's reads must have reached, if any. */
export function readFenceOf(actor: Actor): string | null {
  return fences.get(actor) ?? null;
}

async function primaryLsn(db: Database): Promise<string> {
  // The insert position: it covers every WAL record written so far, the commit of the
  // person's write included, whatever synchronous_commit says.
  const [row] = await db.prisma.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
  return row!.lsn;
}

/**
 * After a person's write: the primary's WAL position now, remembered for this actor's later
 * reads in this request and returned for the cookie. Null (and no query) without a replica.
 */
export async function noteWrite(actor: Actor): Promise<string | null> {
  const db = getDatabase();
  if (!db.replica) return null;
  const lsn = await primaryLsn(db);
  fences.set(actor, lsn);
  return lsn;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let lastWarning = 0;

function warnOnce(reason: string, error?: unknown) {
  if (Date.now() - lastWarning < 60_000) return;
  lastWarning = Date.now();
  const code = (error as { code?: unknown } | undefined)?.code;
  logger.warn({ reason, ...(typeof code === "string" ? { code } : {}) }, "reading the primary instead of the replica");
}

/**
 * The replica when it has replayed up to `fence` (any position when null), waiting up to
 * `waitMs` for it; otherwise the primary.
 */
async function choose(db: Database, fence: string | null, waitMs: number): Promise<PrismaClient> {
  const replica = db.replica!;
  const deadline = Date.now() + waitMs;
  for (;;) {
    let reached: boolean | null;
    try {
      const [row] = await replica.prisma.$queryRaw<{ reached: boolean | null }[]>`
        SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() >= ${fence ?? "0/0"}::pg_lsn END AS reached`;
      reached = row?.reached ?? null;
    } catch (error) {
      warnOnce("unreachable", error);
      return db.prisma;
    }
    if (reached === true) return replica.prisma;
    if (reached === null) {
      warnOnce("not in recovery");
      return db.prisma;
    }
    if (Date.now() >= deadline) return db.prisma;
    await sleep(Math.min(10, Math.max(1, deadline - Date.now())));
  }
}

/**
 * The client for a read-only report or export on behalf of `actor`: the replica when one is
 * configured and has caught up with the actor's own writes, else the primary. Chosen once per
 * actor object (one request) and fence, so one request reads one consistent source.
 */
export async function readClient(actor: Actor): Promise<PrismaClient> {
  const db = getDatabase();
  const replica = db.replica;
  if (!replica) return db.prisma;
  if (replica.consistency === "strict") return choose(db, await primaryLsn(db), replica.waitMs);
  const fence = fences.get(actor) ?? null;
  const previous = chosen.get(actor);
  if (previous && previous.fence === fence) return previous.client;
  const client = choose(db, fence, replica.waitMs);
  chosen.set(actor, { fence, client });
  return client;
}

/** For tests and diagnostics: whether a client reads a server in recovery (a replica). */
export async function readsReplica(client: PrismaClient): Promise<boolean> {
  const [row] = await client.$queryRaw<{ replica: boolean }[]>(Prisma.sql`SELECT pg_is_in_recovery() AS replica`);
  return row?.replica === true;
}
