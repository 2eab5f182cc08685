-- The stories a report leads with (lib/db/report-stories.ts reportTopStories) read a small,
-- indexed set: the rollup rows in the order the report ranks them (picked for leadership, most
-- cycles reached, a confirmed figure, newest), per organisation, so each cycle's top stories are
-- the first rows of one ordered index scan instead of a sort of the whole scope.
-- (Hand-written: an expression index Prisma's schema cannot state; the schema test ignores it.)

-- The number of cycles a story reached (the bits of the rollup's "reached").
CREATE FUNCTION ripple_cycle_count(reached smallint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((reached & 1) <> 0)::int + ((reached & 2) <> 0)::int + ((reached & 4) <> 0)::int + ((reached & 8) <> 0)::int + ((reached & 16) <> 0)::int
$$;

-- Whether any of the story's figures is confirmed.
CREATE FUNCTION ripple_any_confirmed(confirmed boolean[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(true = ANY(confirmed), false)
$$;

CREATE INDEX "StoryRollup_top_idx" ON "StoryRollup" (
  "organizationId", "highlighted" DESC, ripple_cycle_count("reached") DESC, ripple_any_confirmed("figureConfirmed") DESC, "occurredAt" DESC, "storyId" DESC
) WHERE "live" AND "furthest" > 0;

-- The rollups are rewritten by every trigger refresh (an upsert per touched story): vacuum and
-- analyse them sooner than the defaults (20% / 10% of the table) so dead rows stay few.
ALTER TABLE "StoryRollup" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.05);
