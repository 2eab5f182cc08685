-- AlterTable
ALTER TABLE "CycleEntry" ADD COLUMN     "search" tsvector;

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "narrative" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search" tsvector;

-- CreateIndex
CREATE INDEX "CycleEntry_search_idx" ON "CycleEntry" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Story_organizationId_deletedAt_idx" ON "Story"("organizationId", "deletedAt");

-- CreateIndex
CREATE INDEX "Story_search_idx" ON "Story" USING GIN ("search");

-- Full-text search: the vectors are kept current by triggers (hand-written: Prisma's diff
-- leaves functions and triggers alone). 'simple' would not stem; 'english' matches
-- "answered" to "answer".
CREATE FUNCTION ripple_story_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" := setweight(to_tsvector('english', coalesce(NEW."title", '')), 'A')
               || setweight(to_tsvector('english', coalesce(NEW."narrative", '')), 'B');
  RETURN NEW;
END
$$;

CREATE TRIGGER "Story_search_trigger" BEFORE INSERT OR UPDATE OF "title", "narrative" ON "Story"
  FOR EACH ROW EXECUTE FUNCTION ripple_story_search();

CREATE FUNCTION ripple_cycle_entry_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" := to_tsvector('english', coalesce(NEW."narrative", '') || ' ' || coalesce(NEW."figureUnit", ''));
  RETURN NEW;
END
$$;

CREATE TRIGGER "CycleEntry_search_trigger" BEFORE INSERT OR UPDATE OF "narrative", "figureUnit" ON "CycleEntry"
  FOR EACH ROW EXECUTE FUNCTION ripple_cycle_entry_search();

UPDATE "Story" SET "title" = "title";
UPDATE "CycleEntry" SET "narrative" = "narrative";
