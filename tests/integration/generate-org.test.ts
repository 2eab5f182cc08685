// The synthetic generator (scripts/generate-org.ts) defers the report rollup triggers inside each
// batch and refreshes the batch's stories once at its end. The same organisation generated with
// the triggers maintaining the rollups statement by statement (in the test's database) and with
// the deferral (in a second, fresh PGlite) must end with the same rollups, row for row, and the
// deferred one must leave no dead rollup rows behind the refresh it did not need.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { openDatabase, type Database } from "@/lib/db/prisma";
import { deployPendingMigrations } from "@/lib/db/migrate";
import { getDatabase } from "@/lib/db/registry";
import { generateOrganization } from "@/scripts/generate-org";

const AT = new Date("2026-03-18T10:30:00Z");
const OPTS = { stories: 260, seed: 7, slug: "generator-rollups", at: AT, log: () => undefined };

/**
 * The organisation's rollups with every database-chosen id (organisation, channel, indicator
 * places) replaced by what it stands for, so two databases can be compared.
 */
async function rollups(db: Database, organizationId: string) {
  return db.prisma.$queryRaw<{ id: string; row: unknown }[]>`
    SELECT r."storyId"::text AS id,
      to_jsonb(r) - 'storyId' - 'organizationId' - 'channelId' - 'indicatorMask'
        || jsonb_build_object('channel', ch.key, 'cells', (
          SELECT coalesce(jsonb_agg(p.cycle::text || ':' || p.key ORDER BY p.cycle::text || ':' || p.key), '[]'::jsonb)
          FROM ripple_indicator_places(ARRAY[r."organizationId"]) p
          WHERE p.place < 63 AND (r."indicatorMask" >> p.place) & 1 = 1)) AS row
    FROM "StoryRollup" r LEFT JOIN "Channel" ch ON ch.id = r."channelId"
    WHERE r."organizationId" = ${Prisma.sql`${organizationId}::uuid`}
    ORDER BY r."storyId"`;
}

/** The organisation's report pre-aggregates (lib/db/reports/cube.ts), without the organisation's id. */
async function cubes(db: Database, organizationId: string) {
  const org = Prisma.sql`${organizationId}::uuid`;
  const [author, cube, refl] = await Promise.all([
    db.prisma.$queryRaw<unknown[]>`SELECT to_jsonb(x) - 'organizationId' AS row FROM "ReportAuthorCube" x WHERE x."organizationId" = ${org}
      ORDER BY x."authorId", x.month, x.visibility, x."teamId", x."authorActive"`,
    db.prisma.$queryRaw<unknown[]>`SELECT to_jsonb(x) - 'organizationId' AS row FROM "ReportCube" x WHERE x."organizationId" = ${org}
      ORDER BY x.month, x."teamId", x.visibility, x."authorActive"`,
    db.prisma.$queryRaw<unknown[]>`SELECT to_jsonb(x) - 'organizationId' AS row FROM "ReflectionMonth" x WHERE x."organizationId" = ${org}
      ORDER BY x."membershipId", x.month`,
  ]);
  return { author, cube, refl };
}

describe("generate-org", () => {
  let fresh: Database;
  beforeAll(async () => {
    // On PGlite the run's migrated snapshot; on a server layer (no snapshot) a fresh in-memory
    // PGlite that this file migrates itself.
    const snapshot = inject("pgliteSnapshot");
    fresh = openDatabase({ kind: "pglite", dir: "memory://", ...(snapshot ? { snapshot: new Blob([readFileSync(snapshot)]) } : {}) });
    if (!snapshot) await deployPendingMigrations(fresh);
  }, 120_000);
  afterAll(async () => {
    await fresh?.close();
  });

  it("ends with the same rollups when the triggers are deferred and refreshed once per batch", async () => {
    const live = await generateOrganization(getDatabase(), { ...OPTS, deferRollups: false });
    const deferred = await generateOrganization(fresh, { ...OPTS, deferRollups: true });
    expect(live.reused).toBe(false);
    expect(deferred.reused).toBe(false);

    const a = await rollups(getDatabase(), live.organizationId);
    const b = await rollups(fresh, deferred.organizationId);
    expect(a).toHaveLength(260);
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(b).toEqual(a);
    // Stories with entries, figures and contributors are in the sample, so the comparison covers them.
    const rows = a.map((r) => r.row as { reached: number; figureUnits: string[] | null; inside: number; outside: number; cells: string[] });
    expect(rows.some((r) => r.figureUnits !== null)).toBe(true);
    expect(rows.some((r) => r.inside + r.outside > 0)).toBe(true);
    expect(rows.some((r) => r.cells.length > 0)).toBe(true);
    expect(rows.every((r) => r.reached > 0)).toBe(true);
    // The report pre-aggregates (written by the rollups' own triggers, once per batch when
    // deferred) end the same too.
    expect(await cubes(fresh, deferred.organizationId)).toEqual(await cubes(getDatabase(), live.organizationId));
    expect((await cubes(fresh, deferred.organizationId)).author.length).toBeGreaterThan(0);
  });

  it("writes each story's rollup once: no dead rollup rows after a deferred generation", async () => {
    // The fresh PGlite holds only the deferred organisation's writes to "StoryRollup".
    await fresh.prisma.$executeRaw`SELECT pg_stat_force_next_flush()`;
    const [stat] = await fresh.prisma.$queryRaw<{ dead: number; updated: number }[]>`
      SELECT n_dead_tup::int AS dead, n_tup_upd::int AS updated FROM pg_stat_user_tables WHERE relname = 'StoryRollup'`;
    expect(stat).toEqual({ dead: 0, updated: 0 });
  });
});
