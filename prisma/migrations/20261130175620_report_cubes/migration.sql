-- CreateTable
CREATE TABLE "ReportCube" (
    "organizationId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "teamId" UUID NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "authorActive" BOOLEAN NOT NULL,
    "stories" INTEGER NOT NULL,
    "contributed" INTEGER NOT NULL,
    "inside" INTEGER NOT NULL,
    "outside" INTEGER NOT NULL,
    "strong" INTEGER NOT NULL,
    "weak" INTEGER NOT NULL,
    "crossTeam" INTEGER NOT NULL,

    CONSTRAINT "ReportCube_pkey" PRIMARY KEY ("organizationId","month","teamId","visibility","authorActive")
);

-- CreateTable
CREATE TABLE "ReportAuthorCube" (
    "organizationId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "teamId" UUID NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "authorActive" BOOLEAN NOT NULL,
    "stories" INTEGER NOT NULL,
    "contributed" INTEGER NOT NULL,
    "inside" INTEGER NOT NULL,
    "outside" INTEGER NOT NULL,
    "strong" INTEGER NOT NULL,
    "weak" INTEGER NOT NULL,
    "crossTeam" INTEGER NOT NULL,

    CONSTRAINT "ReportAuthorCube_pkey" PRIMARY KEY ("organizationId","authorId","month","visibility","teamId","authorActive")
);

-- CreateTable
CREATE TABLE "ReflectionMonth" (
    "organizationId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "completed" INTEGER NOT NULL,

    CONSTRAINT "ReflectionMonth_pkey" PRIMARY KEY ("organizationId","membershipId","month")
);

-- CreateIndex
CREATE INDEX "ReportAuthorCube_organizationId_month_idx" ON "ReportAuthorCube"("organizationId", "month");

-- CreateIndex
CREATE INDEX "ReflectionMonth_organizationId_month_idx" ON "ReflectionMonth"("organizationId", "month");

-- AddForeignKey
ALTER TABLE "ReportCube" ADD CONSTRAINT "ReportCube_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReportAuthorCube" ADD CONSTRAINT "ReportAuthorCube_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionMonth" ADD CONSTRAINT "ReflectionMonth_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- The report cubes are kept current by the triggers below (hand-written: Prisma's diff leaves
-- functions and triggers alone; see the report_rollups migration). They follow "StoryRollup",
-- which the story, cycle, contributor, membership and catalogue triggers already keep exact for
-- every kind of write, so every change to a story's reported facts (a new story, an edit, a
-- visibility or team change, a cycle added, the bin, an erasure, a person moved or deactivated)
-- reaches the cubes as the rollup rows it rewrote: each statement subtracts the old live rows and
-- adds the new ones, grouped by key, in one upsert per cube. A bulk load that defers the rollups
-- (lib/db/rollups.ts) writes the rollups once per batch, so the cubes too are written once per
-- batch. Rows only ever change by these deltas; a row whose stories went away keeps zeros.
-- Each story (and reflection) counts twice: in its month's row and in its key's all-time row,
-- whose month is '-infinity' (a month no story has), so all time reads one row per key.

-- Adds the live rollup rows `added` and subtracts `removed` (the same story before and after a
-- change cancel out when nothing the cubes hold changed). Organisations that no longer exist (an
-- organisation being deleted, its cubes going by cascade) are left out.
CREATE FUNCTION ripple_story_cube_apply(added "StoryRollup"[], removed "StoryRollup"[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT d."organizationId", d."authorId", d.month, coalesce(d."authorTeamId", '00000000-0000-0000-0000-000000000000'::uuid) AS "teamId",
      d.visibility, d."authorActive",
      sum(d.sign)::int AS stories, sum(d.sign * (d.inside + d.outside > 0)::int)::int AS contributed, sum(d.sign * d.inside)::int AS inside,
      sum(d.sign * d.outside)::int AS outside, sum(d.sign * d.strong)::int AS strong, sum(d.sign * d.weak)::int AS weak,
      sum(d.sign * d."crossTeam")::int AS "crossTeam"
    FROM (
      SELECT a."organizationId", a."authorId", m.month, a."authorTeamId", a.visibility, a."authorActive", a.inside, a.outside, a.strong, a.weak, a."crossTeam", 1 AS sign
      FROM unnest(added) a CROSS JOIN LATERAL (VALUES (a.month), ('-infinity'::date)) m(month) WHERE a.live
      UNION ALL
      SELECT r."organizationId", r."authorId", m.month, r."authorTeamId", r.visibility, r."authorActive", r.inside, r.outside, r.strong, r.weak, r."crossTeam", -1
      FROM unnest(removed) r CROSS JOIN LATERAL (VALUES (r.month), ('-infinity'::date)) m(month) WHERE r.live
    ) d
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = d."organizationId")
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.inside) <> 0 OR sum(d.sign * d.outside) <> 0 OR sum(d.sign * d.strong) <> 0
      OR sum(d.sign * d.weak) <> 0 OR sum(d.sign * d."crossTeam") <> 0 OR sum(d.sign * (d.inside + d.outside > 0)::int) <> 0
  ), per_author AS (
    INSERT INTO "ReportAuthorCube" AS c ("organizationId", "authorId", month, "teamId", visibility, "authorActive", stories, contributed, inside, outside, strong, weak, "crossTeam")
    SELECT * FROM d
    -- (in a fixed order, so two writers of the same rows take their locks in the same order)
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("organizationId", "authorId", month, visibility, "teamId", "authorActive") DO UPDATE SET
      stories = c.stories + EXCLUDED.stories, contributed = c.contributed + EXCLUDED.contributed, inside = c.inside + EXCLUDED.inside,
      outside = c.outside + EXCLUDED.outside, strong = c.strong + EXCLUDED.strong, weak = c.weak + EXCLUDED.weak, "crossTeam" = c."crossTeam" + EXCLUDED."crossTeam"
    RETURNING 1
  )
  INSERT INTO "ReportCube" AS c ("organizationId", month, "teamId", visibility, "authorActive", stories, contributed, inside, outside, strong, weak, "crossTeam")
  SELECT "organizationId", month, "teamId", visibility, "authorActive", sum(stories), sum(contributed), sum(inside), sum(outside), sum(strong), sum(weak), sum("crossTeam")
  FROM d GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("organizationId", month, "teamId", visibility, "authorActive") DO UPDATE SET
    stories = c.stories + EXCLUDED.stories, contributed = c.contributed + EXCLUDED.contributed, inside = c.inside + EXCLUDED.inside,
    outside = c.outside + EXCLUDED.outside, strong = c.strong + EXCLUDED.strong, weak = c.weak + EXCLUDED.weak, "crossTeam" = c."crossTeam" + EXCLUDED."crossTeam";
$$;

CREATE FUNCTION ripple_story_cube_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ripple_story_cube_apply(ARRAY(SELECT n::"StoryRollup" FROM new_rows n), '{}'::"StoryRollup"[]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM ripple_story_cube_apply(ARRAY(SELECT n::"StoryRollup" FROM new_rows n), ARRAY(SELECT o::"StoryRollup" FROM old_rows o));
  ELSE
    PERFORM ripple_story_cube_apply('{}'::"StoryRollup"[], ARRAY(SELECT o::"StoryRollup" FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "StoryRollup_cube_insert" AFTER INSERT ON "StoryRollup" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_story_cube_trigger();
CREATE TRIGGER "StoryRollup_cube_update" AFTER UPDATE ON "StoryRollup" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_story_cube_trigger();
CREATE TRIGGER "StoryRollup_cube_delete" AFTER DELETE ON "StoryRollup" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_story_cube_trigger();

-- Completed reflections per person and month of the week's start: the same kind of delta.
CREATE FUNCTION ripple_reflection_month_apply(added "Reflection"[], removed "Reflection"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ReflectionMonth" AS c ("organizationId", "membershipId", month, completed)
  SELECT d."organizationId", d."membershipId", m.month, sum(d.sign)::int
  FROM (
    SELECT a."organizationId", a."membershipId", a."weekStart", 1 AS sign FROM unnest(added) a WHERE NOT a.skipped
    UNION ALL
    SELECT r."organizationId", r."membershipId", r."weekStart", -1 FROM unnest(removed) r WHERE NOT r.skipped
  ) d CROSS JOIN LATERAL (VALUES (date_trunc('month', d."weekStart")::date), ('-infinity'::date)) m(month)
  WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = d."organizationId")
  GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ("organizationId", "membershipId", month) DO UPDATE SET completed = c.completed + EXCLUDED.completed;
$$;

CREATE FUNCTION ripple_reflection_month_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ripple_reflection_month_apply(ARRAY(SELECT n::"Reflection" FROM new_rows n), '{}'::"Reflection"[]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM ripple_reflection_month_apply(ARRAY(SELECT n::"Reflection" FROM new_rows n), ARRAY(SELECT o::"Reflection" FROM old_rows o));
  ELSE
    PERFORM ripple_reflection_month_apply('{}'::"Reflection"[], ARRAY(SELECT o::"Reflection" FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Reflection_month_insert" AFTER INSERT ON "Reflection" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_reflection_month_trigger();
CREATE TRIGGER "Reflection_month_update" AFTER UPDATE ON "Reflection" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_reflection_month_trigger();
CREATE TRIGGER "Reflection_month_delete" AFTER DELETE ON "Reflection" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ripple_reflection_month_trigger();

-- Every write updates a few cube rows in place: leave room on each page so the updates stay on
-- it (HOT: no indexed column changes), and vacuum by a fixed number of dead rows rather than a
-- share of the table (the organisation cube is small and hot; the per-person ones grow with
-- people × months).
ALTER TABLE "ReportCube" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
ALTER TABLE "ReportAuthorCube" SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE "ReflectionMonth" SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.05);

-- What exists already.
INSERT INTO "ReportAuthorCube" ("organizationId", "authorId", month, "teamId", visibility, "authorActive", stories, contributed, inside, outside, strong, weak, "crossTeam")
SELECT "organizationId", "authorId", m.month, coalesce("authorTeamId", '00000000-0000-0000-0000-000000000000'::uuid), visibility, "authorActive",
  count(*), count(*) FILTER (WHERE inside + outside > 0), sum(inside), sum(outside), sum(strong), sum(weak), sum("crossTeam")
FROM "StoryRollup" r CROSS JOIN LATERAL (VALUES (r.month), ('-infinity'::date)) m(month) WHERE live GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO "ReportCube" ("organizationId", month, "teamId", visibility, "authorActive", stories, contributed, inside, outside, strong, weak, "crossTeam")
SELECT "organizationId", month, "teamId", visibility, "authorActive", sum(stories), sum(contributed), sum(inside), sum(outside), sum(strong), sum(weak), sum("crossTeam")
FROM "ReportAuthorCube" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "ReflectionMonth" ("organizationId", "membershipId", month, completed)
SELECT "organizationId", "membershipId", m.month, count(*)
FROM "Reflection" x CROSS JOIN LATERAL (VALUES (date_trunc('month', x."weekStart")::date), ('-infinity'::date)) m(month) WHERE NOT skipped GROUP BY 1, 2, 3;
