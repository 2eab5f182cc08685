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
    "channelId" UUID,
    "highlighted" BOOLEAN NOT NULL,
    "immediateAt" TIMESTAMP(3),
    "potentialAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),
    "realizedAt" TIMESTAMP(3),
    "reframingAt" TIMESTAMP(3),
    "furthest" INTEGER NOT NULL,
    "lastRecordedAt" TIMESTAMP(3),
    "cells" TEXT[],
    "figureUnits" TEXT[],
    "figureValues" DECIMAL(14,2)[],
    "figureConfirmed" BOOLEAN[],
    "inside" INTEGER NOT NULL,
    "outside" INTEGER NOT NULL,
    "strong" INTEGER NOT NULL,
    "weak" INTEGER NOT NULL,
    "crossTeam" INTEGER NOT NULL,
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
-- stories costs one refresh, not 25,000.
CREATE FUNCTION ripple_refresh_story_rollups(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "StoryRollup" (
    "storyId", "organizationId", "authorId", "authorTeamId", "authorActive", "visibility", "live",
    "occurredAt", "channelId", "highlighted",
    "immediateAt", "potentialAt", "appliedAt", "realizedAt", "reframingAt", "furthest", "lastRecordedAt",
    "cells", "figureUnits", "figureValues", "figureConfirmed",
    "inside", "outside", "strong", "weak", "crossTeam", "helpers", "externals", "platforms")
  SELECT s.id, s."organizationId", s."authorId", a."teamId", a.status = 'ACTIVE', s.visibility,
    s.status = 'PUBLISHED' AND s."deletedAt" IS NULL, s."occurredAt", s."channelId", s."highlightedAt" IS NOT NULL,
    e.imm, e.pot, e.app, e.rea, e.ref, coalesce(e.furthest, 0), e.last,
    coalesce(k.cells, '{}'), coalesce(e.units, '{}'), coalesce(e."values", '{}'), coalesce(e.confirmed, '{}'),
    coalesce(c.inside, 0), coalesce(c.outside, 0), coalesce(c.strong, 0), coalesce(c.weak, 0), coalesce(c."crossTeam", 0),
    coalesce(c.helpers, '{}'), coalesce(c.externals, '{}'), coalesce(c.platforms, '{}')
  FROM "Story" s
  JOIN "Membership" a ON a.id = s."authorId"
  LEFT JOIN LATERAL (
    SELECT max(ce."recordedAt") FILTER (WHERE ce.cycle = 'IMMEDIATE') AS imm,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'POTENTIAL') AS pot,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'APPLIED') AS app,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'REALIZED') AS rea,
      max(ce."recordedAt") FILTER (WHERE ce.cycle = 'REFRAMING') AS ref,
      max(array_position(enum_range(NULL::"Cycle"), ce.cycle)) AS furthest,
      max(ce."recordedAt") AS last,
      array_agg(coalesce(ce."figureUnit", '') ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS units,
      array_agg(ce."figureValue" ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS "values",
      array_agg(ce."confirmedAt" IS NOT NULL ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS confirmed
    FROM "CycleEntry" ce WHERE ce."storyId" = s.id
  ) e ON TRUE
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT ce.cycle::text || ':' || key ORDER BY ce.cycle::text || ':' || key) AS cells
    FROM "CycleEntry" ce CROSS JOIN LATERAL unnest(ce."indicatorKeys") AS key
    WHERE ce."storyId" = s.id
  ) k ON TRUE
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE co."insideOrg")::int AS inside,
      count(*) FILTER (WHERE NOT co."insideOrg")::int AS outside,
      count(*) FILTER (WHERE co."tieStrength" = 'STRONG')::int AS strong,
      count(*) FILTER (WHERE co."tieStrength" = 'WEAK')::int AS weak,
      count(*) FILTER (WHERE co."insideOrg" AND m."teamId" IS NOT NULL AND a."teamId" IS NOT NULL AND m."teamId" <> a."teamId")::int AS "crossTeam",
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
    "occurredAt" = EXCLUDED."occurredAt", "channelId" = EXCLUDED."channelId", "highlighted" = EXCLUDED."highlighted",
    "immediateAt" = EXCLUDED."immediateAt", "potentialAt" = EXCLUDED."potentialAt", "appliedAt" = EXCLUDED."appliedAt",
    "realizedAt" = EXCLUDED."realizedAt", "reframingAt" = EXCLUDED."reframingAt", "furthest" = EXCLUDED."furthest",
    "lastRecordedAt" = EXCLUDED."lastRecordedAt", "cells" = EXCLUDED."cells", "figureUnits" = EXCLUDED."figureUnits",
    "figureValues" = EXCLUDED."figureValues", "figureConfirmed" = EXCLUDED."figureConfirmed", "inside" = EXCLUDED."inside",
    "outside" = EXCLUDED."outside", "strong" = EXCLUDED."strong", "weak" = EXCLUDED."weak", "crossTeam" = EXCLUDED."crossTeam",
    "helpers" = EXCLUDED."helpers", "externals" = EXCLUDED."externals", "platforms" = EXCLUDED."platforms";
$$;

-- Stories (a deleted story's rollup goes with it, by the foreign key).
CREATE FUNCTION ripple_story_rollup_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT DISTINCT "storyId" FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_child_rollup_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_rollups(ARRAY(SELECT DISTINCT "storyId" FROM old_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_child_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

-- The stories that exist already.
SELECT ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story"));
