// The report rollups ("StoryRollup") are kept current by database triggers. A bulk load may
// switch them off for its own transaction and refresh the stories it wrote once at the end,
// which is several times faster than refreshing after every statement. Both calls must run on
// the same transaction client.
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

/** Defers the rollup triggers until the end of the current transaction (SET LOCAL). */
export async function deferRollups(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT set_config('ripple.defer_rollups', 'on', true)`;
}

/** Turns the triggers back on and refreshes every story of the organisation, in one pass. */
export async function refreshOrganizationRollups(tx: Tx, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('ripple.defer_rollups', 'off', true)`;
  await tx.$executeRaw`SELECT ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story" WHERE "organizationId" = ${organizationId}::uuid))`;
}

/** Turns the triggers back on and refreshes the stories `ids` (an SQL uuid[] expression) in one pass. */
export async function refreshStoryRollups(tx: Tx, ids: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`SELECT set_config('ripple.defer_rollups', 'off', true)`;
  await tx.$executeRaw`SELECT ripple_refresh_story_rollups(${ids})`;
}
