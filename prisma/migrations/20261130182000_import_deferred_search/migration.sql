-- The organisation import (lib/db/org-archive.ts importOrganization) loads whole sections in a
-- few hundred statements. The search triggers refreshed each touched story's search document
-- after every statement on its tags, helpers and cycle entries, i.e. two or three times per story,
-- each time rewriting the row and its GIN entry, and finding the stories by id alone, which the
-- (organizationId, id) key does not serve: 190 s of the 490 s a 100k-story import took.
-- With `ripple.defer_search` on (transaction-local, like `ripple.defer_rollups`), the triggers
-- do nothing, and ripple_refresh_organization_search builds every story's document of one
-- organisation in one set-based pass at the end: the same document ripple_story_search_doc
-- builds (tests/integration/org-archive.test.ts compares them after an import).
-- (Hand-written: Prisma's diff leaves functions and triggers alone.)

CREATE OR REPLACE FUNCTION ripple_story_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Deferred: left for ripple_refresh_organization_search.
  IF current_setting('ripple.defer_search', true) = 'on' THEN RETURN NEW; END IF;
  NEW."search" := ripple_story_search_doc(NEW."organizationId", NEW."id", NEW."title", NEW."narrative");
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION ripple_refresh_story_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  deferred text := current_setting('ripple.defer_rollups', true);
BEGIN
  IF cardinality(ids) = 0 OR current_setting('ripple.defer_search', true) = 'on' THEN RETURN; END IF;
  PERFORM set_config('ripple.defer_rollups', 'on', true);
  UPDATE "Story" s SET "search" = ripple_story_search_doc(s."organizationId", s."id", s."title", s."narrative") WHERE s."id" = ANY(ids);
  PERFORM set_config('ripple.defer_rollups', coalesce(deferred, 'off'), true);
END
$$;

-- Every story's search document of organisation `org`, from its tags, helpers and cycle entries
-- aggregated in one pass each (ripple_story_search_doc, set-based). Turns `ripple.defer_search` off.
CREATE FUNCTION ripple_refresh_organization_search(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  deferred text := current_setting('ripple.defer_rollups', true);
BEGIN
  PERFORM set_config('ripple.defer_search', 'off', true);
  -- Only "search" changes, which no report rollup reads.
  PERFORM set_config('ripple.defer_rollups', 'on', true);
  UPDATE "Story" s SET "search" =
         setweight(to_tsvector('english', coalesce(s."title", '')), 'A')
      || setweight(to_tsvector('english', coalesce(s."narrative", '')), 'B')
      || setweight(to_tsvector('english', coalesce(d.tags, '')), 'C')
      || setweight(to_tsvector('english', coalesce(d.helpers, '')), 'C')
      || to_tsvector('english', coalesce(d.entries, ''))
  FROM (
    SELECT x."id", tg.doc AS tags, hp.doc AS helpers, en.doc AS entries
    FROM "Story" x
    LEFT JOIN (
      SELECT st."storyId", string_agg(t."name", ' ; ' ORDER BY t."name") AS doc
      FROM "StoryTag" st JOIN "Tag" t ON t."id" = st."tagId" AND t."organizationId" = st."organizationId"
      WHERE st."organizationId" = org GROUP BY st."storyId"
    ) tg ON tg."storyId" = x."id"
    LEFT JOIN (
      SELECT c."storyId", string_agg(concat_ws(' ', coalesce(c."externalName", u."name"), c."platform"), ' ; ' ORDER BY c."createdAt", c."id") AS doc
      FROM "Contributor" c
      LEFT JOIN "Membership" m ON m."id" = c."membershipId" AND m."organizationId" = c."organizationId"
      LEFT JOIN "User" u ON u."id" = m."userId"
      WHERE c."organizationId" = org GROUP BY c."storyId"
    ) hp ON hp."storyId" = x."id"
    LEFT JOIN (
      SELECT e."storyId", string_agg(concat_ws(' ', e."narrative", e."figureUnit"), ' ; ' ORDER BY e."cycle") AS doc
      FROM "CycleEntry" e WHERE e."organizationId" = org GROUP BY e."storyId"
    ) en ON en."storyId" = x."id"
    WHERE x."organizationId" = org
  ) d
  WHERE s."organizationId" = org AND s."id" = d."id";
  PERFORM set_config('ripple.defer_rollups', coalesce(deferred, 'off'), true);
END
$$;
