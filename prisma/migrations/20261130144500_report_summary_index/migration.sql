-- The leadership PDF's best stories (lib/db/leadership-summary.ts bestSummaryStories) read a
-- small, indexed set too: the rollup rows in the order the PDF ranks them (picked for
-- leadership, most cycles reached, a confirmed figure, any figure, most recently extended), so
-- the picks are the first rows of one ordered index scan. (Hand-written: an expression index
-- Prisma's schema cannot state; see the report_top_index migration.)
CREATE INDEX "StoryRollup_summary_idx" ON "StoryRollup" (
  "organizationId", "highlighted" DESC, ripple_cycle_count("reached") DESC, ripple_any_confirmed("figureConfirmed") DESC,
  ("figureValues" IS NOT NULL) DESC, "lastRecordedAt" DESC NULLS LAST, "storyId"
) WHERE "live" AND "furthest" >= 1 AND ("highlighted" OR ripple_cycle_count("reached") >= 2);
