-- AlterTable
ALTER TABLE "StoryRollup" ADD COLUMN     "figureCycles" "Cycle"[];

-- Each figure's cycle, beside its unit, value and confirmation: realized value is what the
-- REALIZED cycle records; the other cycles' figures are reported per cycle, as what they are.
-- External helpers and platforms are counted by one key: trimmed, lower-cased, inner whitespace
-- collapsed ("Sam  Ext" and "sam ext" are one person), as the network picture counts them.
-- (Hand-written: Prisma's diff leaves functions alone. See the report_rollups migration.)

-- A name as the network report counts it: '' for none.
CREATE FUNCTION ripple_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(btrim(regexp_replace(coalesce(name, ''), '\s+', ' ', 'g')))
$$;

CREATE OR REPLACE FUNCTION ripple_refresh_story_rollups(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  WITH places AS (
    SELECT * FROM ripple_indicator_places(ARRAY(SELECT DISTINCT "organizationId" FROM "Story" WHERE id = ANY(ids)))
  )
  INSERT INTO "StoryRollup" (
    "storyId", "organizationId", "authorId", "authorTeamId", "authorActive", "visibility", "live",
    "occurredAt", "month", "week", "channelId", "highlighted", "reached", "furthest", "lastRecordedAt",
    "gapPotential", "gapApplied", "gapRealized", "gapReframing", "indicatorMask", "cellsExtra",
    "figureCycles", "figureUnits", "figureValues", "figureConfirmed",
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
    coalesce(k.mask, 0), k.extra, e.cycles, e.units, e."values", e.confirmed,
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
      array_agg(ce.cycle ORDER BY ce.cycle) FILTER (WHERE ce."figureValue" IS NOT NULL) AS cycles,
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
      array_agg(DISTINCT ripple_name_key(co."externalName")) FILTER (WHERE NOT co."insideOrg" AND ripple_name_key(co."externalName") <> '') AS externals,
      array_agg(DISTINCT ripple_name_key(co.platform)) FILTER (WHERE ripple_name_key(co.platform) <> '') AS platforms
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
    "cellsExtra" = EXCLUDED."cellsExtra", "figureCycles" = EXCLUDED."figureCycles", "figureUnits" = EXCLUDED."figureUnits", "figureValues" = EXCLUDED."figureValues",
    "figureConfirmed" = EXCLUDED."figureConfirmed", "inside" = EXCLUDED."inside", "outside" = EXCLUDED."outside",
    "strong" = EXCLUDED."strong", "weak" = EXCLUDED."weak", "crossTeam" = EXCLUDED."crossTeam",
    "helpers" = EXCLUDED."helpers", "externals" = EXCLUDED."externals", "platforms" = EXCLUDED."platforms";
$$;

-- Every existing story, so the new column and the name keys are filled in.
SELECT ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story"));
