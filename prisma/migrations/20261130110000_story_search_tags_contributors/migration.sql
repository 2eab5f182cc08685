-- Search finds what people remember: a story's one search document ("Story"."search") now holds
-- its title (weight A), its narrative (B), its tags and the names and platforms of the people
-- who helped (C), and its cycle entries' text (D). Triggers keep it current in the transaction
-- of the change: the story's own columns before its row is written; its tags, contributors and
-- cycle entries, a renamed tag or a renamed person after each statement (one refresh per
-- statement, not per row). The list query then matches one indexed vector ("Story_search_idx").
-- (Hand-written: Prisma's diff leaves functions and triggers alone.)

-- The document of one story, from its own title and narrative and its children as they are now.
CREATE FUNCTION ripple_story_search_doc(story_id uuid, title text, narrative text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('english', coalesce(narrative, '')), 'B')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(t."name", ' ; ' ORDER BY t."name")
           FROM "StoryTag" st JOIN "Tag" t ON t."id" = st."tagId" AND t."organizationId" = st."organizationId"
           WHERE st."storyId" = story_id), '')), 'C')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(concat_ws(' ', coalesce(c."externalName", u."name"), c."platform"), ' ; ' ORDER BY c."createdAt", c."id")
           FROM "Contributor" c
           LEFT JOIN "Membership" m ON m."id" = c."membershipId" AND m."organizationId" = c."organizationId"
           LEFT JOIN "User" u ON u."id" = m."userId"
           WHERE c."storyId" = story_id), '')), 'C')
      || to_tsvector('english', coalesce((
           SELECT string_agg(concat_ws(' ', e."narrative", e."figureUnit"), ' ; ' ORDER BY e."cycle")
           FROM "CycleEntry" e WHERE e."storyId" = story_id), ''))
$$;

-- The story's own row: computed before it is written (its children, if any, are read as they are).
CREATE OR REPLACE FUNCTION ripple_story_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" := ripple_story_search_doc(NEW."id", NEW."title", NEW."narrative");
  RETURN NEW;
END
$$;

-- Refreshes the documents of the given stories. Only "search" changes, which no report rollup
-- reads, so the stories' rollup refresh (an AFTER UPDATE trigger on "Story") is skipped for it.
CREATE FUNCTION ripple_refresh_story_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  deferred text := current_setting('ripple.defer_rollups', true);
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM set_config('ripple.defer_rollups', 'on', true);
  UPDATE "Story" s SET "search" = ripple_story_search_doc(s."id", s."title", s."narrative") WHERE s."id" = ANY(ids);
  PERFORM set_config('ripple.defer_rollups', coalesce(deferred, 'off'), true);
END
$$;

-- Tags, contributors and cycle entries: the stories they belong to, before and after the change.
CREATE FUNCTION ripple_child_search_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(SELECT DISTINCT "storyId" FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_child_search_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(SELECT DISTINCT "storyId" FROM old_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER "StoryTag_search_insert" AFTER INSERT ON "StoryTag" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_new();
CREATE TRIGGER "StoryTag_search_delete" AFTER DELETE ON "StoryTag" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_old();
CREATE TRIGGER "Contributor_search_insert" AFTER INSERT ON "Contributor" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_new();
CREATE TRIGGER "Contributor_search_delete" AFTER DELETE ON "Contributor" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_old();
CREATE TRIGGER "CycleEntry_search_insert" AFTER INSERT ON "CycleEntry" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_new();
CREATE TRIGGER "CycleEntry_search_delete" AFTER DELETE ON "CycleEntry" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_old();

-- Updates: only rows whose searched text (or story) changed; a confirmation or a tie strength
-- changes nothing that is searched.
CREATE FUNCTION ripple_child_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(SELECT "storyId" FROM new_rows UNION SELECT "storyId" FROM old_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER "StoryTag_search_update" AFTER UPDATE ON "StoryTag" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_child_search_changed();
CREATE FUNCTION ripple_contributor_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(
    SELECT unnest(ARRAY[n."storyId", o."storyId"]) FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."storyId", n."membershipId", n."externalName", n."platform") IS DISTINCT FROM (o."storyId", o."membershipId", o."externalName", o."platform")));
  RETURN NULL;
END
$$;
CREATE FUNCTION ripple_cycle_entry_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(
    SELECT unnest(ARRAY[n."storyId", o."storyId"]) FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."storyId", n."narrative", n."figureUnit") IS DISTINCT FROM (o."storyId", o."narrative", o."figureUnit")));
  RETURN NULL;
END
$$;
CREATE TRIGGER "Contributor_search_update" AFTER UPDATE ON "Contributor" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_contributor_search_changed();
CREATE TRIGGER "CycleEntry_search_update" AFTER UPDATE ON "CycleEntry" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_cycle_entry_search_changed();

-- A renamed tag, or a person who changes their name: the stories that carry it.
CREATE FUNCTION ripple_tag_search_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(
    SELECT DISTINCT st."storyId" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "StoryTag" st ON st."organizationId" = n."organizationId" AND st."tagId" = n."id"
    WHERE n."name" IS DISTINCT FROM o."name"));
  RETURN NULL;
END
$$;
CREATE TRIGGER "Tag_search_update" AFTER UPDATE ON "Tag" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_tag_search_renamed();

CREATE FUNCTION ripple_user_search_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ripple_refresh_story_search(ARRAY(
    SELECT DISTINCT c."storyId" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "Membership" m ON m."userId" = n."id"
    JOIN "Contributor" c ON c."organizationId" = m."organizationId" AND c."membershipId" = m."id"
    WHERE n."name" IS DISTINCT FROM o."name"));
  RETURN NULL;
END
$$;
CREATE TRIGGER "User_search_update" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_user_search_renamed();

-- Backfill: every story's document, now with its tags, contributors and entries.
SELECT ripple_refresh_story_search(ARRAY(SELECT "id" FROM "Story"));
