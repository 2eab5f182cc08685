// Reports and exports read from a streaming replica when one is configured, and a person still
// sees their own writes at once. The replica tests need a real pair (CI starts one:
// TEST_DATABASE_URL is the primary, TEST_DATABASE_REPLICA_URL its streaming replica; see
// .ci/pg-replica); the fallbacks need any PostgreSQL server; without one, reads stay on the
// embedded database.
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/prisma";
import { countExportRows } from "@/lib/db/report-export";
import { reportStories } from "@/lib/db/report-stories";
import { reportMatrix } from "@/lib/db/reports";
import { getDatabase, installDatabase } from "@/lib/db/registry";
import { noteWrite, readAfter, readClient, readFenceOf } from "@/lib/db/replica";
import { quickCapture } from "@/lib/db/stories";
import { setStoryStatus } from "@/lib/db/story-editor";
import type { Actor } from "@/lib/domain/actor";
import type { PrismaClient } from "@/lib/db/generated/client";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization } from "../factories";

const url = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_DATABASE_REPLICA_URL;

const inRecovery = async (client: PrismaClient) => (await client.$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r;

/** Waits until the replica has replayed the primary's WAL up to `lsn`. */
async function replayedUpTo(replica: PrismaClient, lsn: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await replica.$queryRaw<{ ok: boolean }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS ok`;
    if (row?.ok) return;
    if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${lsn} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `body` with `db` as the process's database, then puts the suite's database back. */
async function withDatabase<T>(db: Database, body: () => Promise<T>): Promise<T> {
  const suite = getDatabase();
  installDatabase(db);
  try {
    return await body();
  } finally {
    installDatabase(suite);
    await db.close();
  }
}

/** A published story written by `author` now (through the same functions the app's actions use). */
async function publishStory(author: Actor, title: string): Promise<string> {
  const { id } = await quickCapture(author, quickCaptureSchema.parse({ what: title, channel: "social" }));
  await setStoryStatus(author, id, "PUBLISHED");
  return id;
}

/** What the reports and the CSV export show `actor`: story count of the matrix, drill-down titles, export rows. */
async function seen(actor: Actor) {
  const [matrix, page, counts] = await Promise.all([reportMatrix(actor), reportStories(actor), countExportRows(actor, {})]);
  const t = matrix.totals;
  return { inScope: t.visible + t.privateCount + t.hiddenCount, titles: page.stories.map((s) => s.title), exported: counts.stories };
}

describe("reads without a replica", () => {
  it.runIf(!replicaUrl)("stay on the one database, and remembering a write costs nothing", async () => {
    const { admin } = await makeOrganization("No replica");
    expect(await readClient(admin)).toBe(getDatabase().prisma);
    expect(await noteWrite(admin)).toBeNull();
    expect(readFenceOf(admin)).toBeNull();
  });
});

describe.runIf(url)("a replica that cannot serve", () => {
  it("unreachable: reports read the primary and still answer", async () => {
    const { admin } = await makeOrganization("Replica down");
    await publishStory(admin, "Written while the replica is down");
    const db = openDatabase({ kind: "postgres", url: url!, poolMax: 2, replica: { url: "postgresql://ripple:ripple@127.0.0.1:1/none" } });
    await withDatabase(db, async () => {
      expect(await readClient(admin)).toBe(db.prisma);
      expect((await seen(admin)).titles).toEqual(["Written while the replica is down"]);
    });
  });

  it("not in recovery (a promoted replica, or the primary's own URL): reports read the primary", async () => {
    const { admin } = await makeOrganization("Not a replica");
    const db = openDatabase({ kind: "postgres", url: url!, poolMax: 2, replica: { url: url! } });
    await withDatabase(db, async () => {
      expect(await readClient(admin)).toBe(db.prisma);
    });
  });
});

describe.runIf(url && replicaUrl)("a streaming replica", () => {
  let paused: PrismaClient | null = null;
  afterAll(async () => {
    // Never leave the shared replica paused for the other test files.
    if (paused) await paused.$executeRaw`SELECT pg_wal_replay_resume()`;
  });

  it("serves the reports and exports: their client is a server in recovery, the primary's is not", async () => {
    const { admin } = await makeOrganization("Replica reads");
    const client = await readClient(admin);
    expect(client).toBe(getDatabase().replica!.prisma);
    expect(await inRecovery(client)).toBe(true);
    expect(await inRecovery(getDatabase().prisma)).toBe(false);
  });

  it("while replay is paused, the author sees their new story at once; L&D sees it once the replica catches up", async () => {
    const { organizationId } = await makeOrganization("Replica lag");
    const author = await makeMember(organizationId, { name: "Ava Author" });
    const lnd = await makeMember(organizationId, { role: "LND", name: "Lin LND" });
    // The app's own setting ("session"), on the same pair; replay paused on the replica.
    const db = openDatabase({ kind: "postgres", url: url!, poolMax: 2, replica: { url: replicaUrl!, consistency: "session" } });
    await withDatabase(db, async () => {
      const replica = db.replica!.prisma;
      // The replica has the organisation and its people, then stops replaying.
      await replayedUpTo(replica, (await db.prisma.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`)[0]!.lsn);
      await replica.$executeRaw`SELECT pg_wal_replay_pause()`;
      paused = replica;
      try {
        await publishStory(author, "Shared while the replica lags");
        // What createAction does after every action: the primary's WAL position, kept for the person.
        const lsn = await noteWrite(author);
        expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

        // The author: their write is newer than the replica, so their reads go to the primary.
        expect(await readClient(author)).toBe(db.prisma);
        expect(await seen(author)).toEqual({ inScope: 1, titles: ["Shared while the replica lags"], exported: 1 });
        // Their next request (another actor object, the position from their cookie): the same.
        const nextRequest = { ...author };
        readAfter(nextRequest, lsn);
        expect((await seen(nextRequest)).titles).toEqual(["Shared while the replica lags"]);

        // L&D wrote nothing: they read the paused replica, which does not have the story yet.
        expect(await readClient(lnd)).toBe(replica);
        expect(await seen(lnd)).toEqual({ inScope: 0, titles: [], exported: 0 });
      } finally {
        await replica.$executeRaw`SELECT pg_wal_replay_resume()`;
        paused = null;
      }

      // Replay resumes; the replica reaches the author's position, and both read it.
      await replayedUpTo(replica, readFenceOf(author)!);
      const later = { ...author };
      readAfter(later, readFenceOf(author));
      expect(await readClient(later)).toBe(replica);
      expect((await seen(later)).titles).toEqual(["Shared while the replica lags"]);
      const lndLater = { ...lnd };
      expect(await readClient(lndLater)).toBe(replica);
      expect((await seen(lndLater)).inScope).toBe(1);
    });
  });
});
