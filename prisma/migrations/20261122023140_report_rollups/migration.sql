-- CreateTable
CREATE TABLE "StoryRollup" (
    "storyId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "authorTeamId" UUID,
    "authorActive" BOOLEAN NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "live" BOOLEAN NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "month" DATE NOT NULL,
    "week" DATE NOT NULL,
    "channelId" UUID,
    "highlighted" BOOLEAN NOT NULL,
    "reached" SMALLINT NOT NULL,
    "furthest" SMALLINT NOT NULL,
    "lastRecordedAt" TIMESTAMP(3),
    "gapPotential" DOUBLE PRECISION,
    "gapApplied" DOUBLE PRECISION,
    "gapRealized" DOUBLE PRECISION,
    "gapReframing" DOUBLE PRECISION,
    "indicatorMask" BIGINT NOT NULL,
    "cellsExtra" TEXT[],
    "figureUnits" TEXT[],
    "figureValues" DECIMAL(14,2)[],
    "figureConfirmed" BOOLEAN[],
    "inside" SMALLINT NOT NULL,
    "outside" SMALLINT NOT NULL,
    "strong" SMALLINT NOT NULL,
    "weak" SMALLINT NOT NULL,
    "crossTeam" SMALLINT NOT NULL,
    "helpers" UUID[],
    "externals" TEXT[],
    "platforms" TEXT[],

    CONSTRAINT "StoryRollup_pkey" PRIMARY KEY ("storyId")
);

-- CreateIndex
CREATE INDEX "StoryRollup_organizationId_authorId_idx" ON "StoryRollup"("organizationId", "authorId");

-- CreateIndex
CREATE INDEX "StoryRollup_organizationId_occurredAt_idx" ON "StoryRollup"("organizationId", "occurredAt");

-- AddForeignKey
ALTER TABLE "StoryRollup" ADD CONSTRAINT "StoryRollup_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollups are kept current on write by the triggers below (hand-written: Prisma's diff
-- leaves functions and triggers alone). Statement-level triggers with transition tables
-- refresh every story a statement touched in one set-based pass, so a bulk insert of 25,000
-- stories costs one refresh, not 25,000. A bulk load (an organisation import, the synthetic
-- generator) may defer them inside its own transaction with
--   SET LOCAL ripple.defer_rollups = 'on'
-- and must then refresh the stories it wrote before committing (lib/db/rollups.ts).

-- An indicator's place in its organisation's catalogue: by creation, then id. Indicators are
-- retired, never deleted, and new ones come last, so places do not move (see the trigger on
-- "Indicator" for the cases where they would).
CREATE FUNCTION ripple_indicator_places(orgs uuid[]) RETURNS TABLE ("organizationId" uuid, key text, cycle "Cycle", place int)
LANGUAGE sql STABLE AS $$
  SELECT i."organizationId", i.key, i.cycle, (row_number() OVER (PARTITION BY i."organizationId" ORDER BY i."createdAt", i.id) - 1)::int
  FROM "Indicator" i WHERE i."organizationId" = ANY(orgs)
$$;

CREATE FUNCTION ripple_refresh_story_rollups(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  WITH places AS (
    SELECT * FROM ripple_indicator_places(ARRAY(SELECT DISTINCT "organizationId" FROM "Story" WHERE id = ANY(ids)))
  )
  INSERT INTO "StoryRollup" (
    "storyId", "organizationId", "authorId", "authorTeamId", "authorActive", "visibility", "live",
    "occurredAt", "month", "week", "channelId", "highlighted", "reached", "furthest", "lastRecordedAt",
    "gapPotential", "gapApplied", "gapRealized", "gapReframing", "indicatorMask", "cellsExtra",
    "figureUnits", "figureValues", "figureConfirmed",
    "inside", "outside", "strong", "weak", "crossTeam", "helpers", "externals", "platforms")
  SELECT s.id, s."organizationId", s."authorId", a."teamId", a.status = 'ACTIVE', s.visibility,
    s.status = 'PUBLISHED' AND s."deletedAt" IS NULL, s."occurredAt",
    date_trunc('month', s."occurredAt")::date, date_trunc('week', s."occurredAt")::date,
    s."channelId", s."highlightedAt" IS NOT NULL,
    coalesce(e.reached, 0), coalesce(e.furthest, 0), e.last,
    -- (greatest() skips nulls, so the CASE keeps a missing cycle's gap null)
    CASE WHEN e.imm IS NOT NULL AND e.pot IS NOT NULL THEN greatest(0, extract(epoch FROM (e.pot - e.imm)) / 86400) END,
    CASE WHEN e.pot IS NOT NULL AND e.app IS NOT NULL THEN greatest(0, extract(epoch FROM (e.app - e.pot)) / 86400) END,
    CASE WHEN e.app IS NOT NULL AND e.rea IS NOT NULL THEN greatest(0, extract(epoch FROM (e.rea - e.app)) / 86400) END,
    CASE WHEN e.rea IS NOT NULL AND e.ref IS NOT NULL THEN greatest(0, extract(epoch FROM (e.ref - e.rea)) / 86400) END,
    coalesce(k.mask, 0), k.extra, e.units, e."values", e.confirmed,
    coalesce(c.inside, 0), coalesce(c.outside, 0), coalesce(c.strong, 0), coalesce(c.weak, 0), coalesce(c."crossTeam", 0),
    c.helpers, c.externals, c.platforms
  FROM "Story" s
  JOIN "Membership" a ON a.id = s."authorId"
  LEFT JOIN LATERAL (
    SELECT max(ce."recordedAt") FILTER (WHERE ce.cycle = 'IMMEDIATE') AS imm,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'POTENTIAL') AS pot,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'APPLIED') AS app,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'REALIZED') AS rea,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'REFRAMING') AS ref,
      bit_or((1 << (array_position(enum_range(NULL::"Cycle"), ce.cycle) - 1))::int)::smallint AS reached,
      max(array_position(enum_range(NULL::"Cycle"), ce.cycle))::smallint AS furthest,
      max(ce."recordedAt") AS last,
      array_agg(coalesce(ce."figureUnit", '') ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS units,
      array_agg(ce."figureValue" ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS "values",
      array_agg(ce."confirmedAt" IS NOT NULL ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS confirmed
    FROM "CycleEntry" ce WHERE ce."storyId" = s.id
  ) e ON TRUE
  LEFT JOIN LATERAL (
    SELECT bit_or(1::bigint << p.place) FILTER (WHERE p.place < 63 AND p.cycle = ce.cycle) AS mask,
      array_agg(DISTINCT ce.cycle::text || ':' || u.key ORDER BY ce.cycle::text || ':' || u.key)
        FILTER (WHERE p.place IS NULL OR p.place >= 63 OR p.cycle <> ce.cycle) AS extra
    FROM "CycleEntry" ce CROSS JOIN LATERAL unnest(ce."indicatorKeys") AS u(key)
    LEFT JOIN places p ON p."organizationId" = s."organizationId" AND p.key = u.key
    WHERE ce."storyId" = s.id
  ) k ON TRUE
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE co."insideOrg")::smallint AS inside,
      count(*) FILTER (WHERE NOT co."insideOrg")::smallint AS outside,
      count(*) FILTER (WHERE co."tieStrength" = 'STRONG')::smallint AS strong,
      count(*) FILTER (WHERE co."tieStrength" = 'WEAK')::smallint AS weak,
      count(*) FILTER (WHERE co."insideOrg" AND m."teamId" IS NOT NULL AND a."teamId" IS NOT NULL AND m."teamId" <> a."teamId")::smallint AS "crossTeam",
      array_agg(DISTINCT co."membershipId") FILTER (WHERE co."insideOrg" AND co."membershipId" IS NOT NULL) AS helpers,
      array_agg(DISTINCT lower(btrim(co."externalName"))) FILTER (WHERE NOT co."insideOrg" AND btrim(coalesce(co."externalName", '')) <> '') AS externals,
      array_agg(DISTINCT lower(btrim(co.platform))) FILTER (WHERE btrim(coalesce(co.platform, '')) <> '') AS platforms
    FROM "Contributor" co LEFT JOIN "Membership" m ON m.id = co."membershipId"
    WHERE co."organizationId" = s."organizationId" AND co."storyId" = s.id
  ) c ON TRUE
  WHERE s.id = ANY(ids)
  ON CONFLICT ("storyId") DO UPDATE SET
    "organizationId" = EXCLUDED."organizationId", "authorId" = EXCLUDED."authorId", "authorTeamId" = EXCLUDED."authorTeamId",
    "authorActive" = EXCLUDED."authorActive", "visibility" = EXCLUDED."visibility", "live" = EXCLUDED."live",
    "occurredAt" = EXCLUDED."occurredAt", "month" = EXCLUDED."month", "week" = EXCLUDED."week", "channelId" = EXCLUDED."channelId",
    "highlighted" = EXCLUDED."highlighted", "reached" = EXCLUDED."reached", "furthest" = EXCLUDED."furthest",
    "lastRecordedAt" = EXCLUDED."lastRecordedAt", "gapPotential" = EXCLUDED."gapPotential", "gapApplied" = EXCLUDED."gapApplied",
    "gapRealized" = EXCLUDED."gapRealized", "gapReframing" = EXCLUDED."gapReframing", "indicatorMask" = EXCLUDED."indicatorMask",
    "cellsExtra" = EXCLUDED."cellsExtra", "figureUnits" = EXCLUDED."figureUnits", "figureValues" = EXCLUDED."figureValues",
    "figureConfirmed" = EXCLUDED."figureConfirmed", "inside" = EXCLUDED."inside", "outside" = EXCLUDED."outside",
    "strong" = EXCLUDED."strong", "weak" = EXCLUDED."weak", "crossTeam" = EXCLUDED."crossTeam",
    "helpers" = EXCLUDED."helpers", "externals" = EXCLUDED."externals", "platforms" = EXCLUDED."platforms";
$$;

-- Stories (a deleted story's rollup goes with it, by the foreign key).
CREATE FUNCTION ripple_story_rollup_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT DISTINCT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER "Story_rollup_insert" AFTER INSERT ON "Story" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_story_rollup_new();
CREATE TRIGGER "Story_rollup_update" AFTER UPDATE ON "Story" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_story_rollup_new();

-- Cycle entries and contributors: the stories they belong to, before and after the change.
CREATE FUNCTION ripple_child_rollup_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT DISTINCT "storyId" FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_child_rollup_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT DISTINCT "storyId" FROM old_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_child_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT "storyId" FROM new_rows UNION SELECT "storyId" FROM old_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER "CycleEntry_rollup_insert" AFTER INSERT ON "CycleEntry" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_new();
CREATE TRIGGER "CycleEntry_rollup_update" AFTER UPDATE ON "CycleEntry" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_changed();
CREATE TRIGGER "CycleEntry_rollup_delete" AFTER DELETE ON "CycleEntry" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_old();
CREATE TRIGGER "Contributor_rollup_insert" AFTER INSERT ON "Contributor" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_new();
CREATE TRIGGER "Contributor_rollup_update" AFTER UPDATE ON "Contributor" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_changed();
CREATE TRIGGER "Contributor_rollup_delete" AFTER DELETE ON "Contributor" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_rollup_old();

-- People: a new team or status changes their stories' rollups, and the cross-team count of
-- the stories they helped with.
CREATE FUNCTION ripple_membership_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM ripple_refresh_story_rollups(ARRAY(
    WITH moved AS (
      SELECT n.id, n."organizationId" FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n."teamId" IS DISTINCT FROM o."teamId" OR n.status IS DISTINCT FROM o.status
    )
    SELECT s.id FROM moved m JOIN "Story" s ON s."organizationId" = m."organizationId" AND s."authorId" = m.id
    UNION
    SELECT co."storyId" FROM moved m JOIN "Contributor" co ON co."organizationId" = m."organizationId" AND co."membershipId" = m.id));
  RETURN NULL;
END
$$;
CREATE TRIGGER "Membership_rollup_update" AFTER UPDATE ON "Membership" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_membership_rollup();

-- The catalogue: a new indicator normally comes last and moves nobody. One that sorts before an
-- existing one, a changed key, cycle or creation time, or a removal moves places: then the
-- organisation's stories are refreshed (rare, administrative, and exact).
CREATE FUNCTION ripple_indicator_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs uuid[];
BEGIN
  IF current_setting('ripple.defer_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    orgs := ARRAY(
      SELECT DISTINCT n."organizationId" FROM new_rows n
      WHERE EXISTS (SELECT 1 FROM "Indicator" i WHERE i."organizationId" = n."organizationId"
        AND (i."createdAt", i.id) > (n."createdAt", n.id) AND i.id NOT IN (SELECT id FROM new_rows)));
  ELSIF TG_OP = 'UPDATE' THEN
    orgs := ARRAY(
      SELECT DISTINCT n."organizationId" FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.key IS DISTINCT FROM o.key OR n.cycle IS DISTINCT FROM o.cycle OR n."createdAt" IS DISTINCT FROM o."createdAt");
  ELSE
    orgs := ARRAY(SELECT DISTINCT "organizationId" FROM old_rows);
  END IF;
  IF cardinality(orgs) > 0 THEN
    PERFORM ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story" WHERE "organizationId" = ANY(orgs)));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Indicator_rollup_insert" AFTER INSERT ON "Indicator" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_indicator_rollup();
CREATE TRIGGER "Indicator_rollup_update" AFTER UPDATE ON "Indicator" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_indicator_rollup();
CREATE TRIGGER "Indicator_rollup_delete" AFTER DELETE ON "Indicator" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_indicator_rollup();

-- The stories that exist already.
SELECT ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story"));
