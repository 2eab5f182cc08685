-- Citus-ready keys (issue 12): every tenant table's primary key, unique keys and references to
-- other tenant tables include "organizationId", the column the tables would be distributed by
-- (README, "Scale-out"). Ids stay as they are: only the keys grow, so every row survives.
--   - Primary keys become ("organizationId", id) (StoryRollup: ("organizationId", "storyId");
--     StoryTag: ("organizationId", "storyId", "tagId")); the separate unique
--     ("organizationId", id) indexes they replace go.
--   - Unique keys without the organisation gain it; Invite."tokenHash" and Organization.slug are
--     unique in practice (random), not by a key, and keep a plain index for their look-ups.
--   - References to tenant rows say ON UPDATE NO ACTION (ids never change; Citus refuses an
--     ON UPDATE action on a key that includes the distribution column); a SET NULL clears only
--     the reference column, never "organizationId" (PostgreSQL 15's column list, hand-written).
--   - Session gains "organizationId" (its membership's); AuditEvent's events of no organisation
--     move to SystemAuditEvent; the reflection-story links move to ReflectionStory.
--   - The rollup and search functions look children up by organisation and story; the triggers'
--     arrays of story ids find their stories through a plain index on "Story"(id).

-- DropForeignKey
ALTER TABLE "Acknowledgement" DROP CONSTRAINT "Acknowledgement_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Acknowledgement" DROP CONSTRAINT "Acknowledgement_organizationId_giverId_fkey";

-- DropForeignKey
ALTER TABLE "Acknowledgement" DROP CONSTRAINT "Acknowledgement_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_organizationId_actorId_fkey";

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Channel" DROP CONSTRAINT "Channel_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_organizationId_authorId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_organizationId_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_organizationId_confirmedById_fkey";

-- DropForeignKey
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_organizationId_cycleEntryId_fkey";

-- DropForeignKey
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_organizationId_assigneeId_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_organizationId_requestedById_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Indicator" DROP CONSTRAINT "Indicator_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_organizationId_createdById_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_organizationId_managerId_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_organizationId_teamId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organizationId_defaultChannelId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organizationId_lastChannelId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organizationId_managerId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organizationId_teamId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_organizationId_actorId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_organizationId_followUpId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_organizationId_recipientId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Reflection" DROP CONSTRAINT "Reflection_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Reflection" DROP CONSTRAINT "Reflection_organizationId_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "ReflectionDraft" DROP CONSTRAINT "ReflectionDraft_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "ReflectionDraft" DROP CONSTRAINT "ReflectionDraft_organizationId_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "Session" DROP CONSTRAINT "Session_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_organizationId_authorId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_organizationId_channelId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_organizationId_highlightedById_fkey";

-- DropForeignKey
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_organizationId_reviewerId_fkey";

-- DropForeignKey
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "StoryRollup" DROP CONSTRAINT "StoryRollup_storyId_fkey";

-- DropForeignKey
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_organizationId_storyId_fkey";

-- DropForeignKey
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_organizationId_tagId_fkey";

-- DropForeignKey
ALTER TABLE "Tag" DROP CONSTRAINT "Tag_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_organizationId_parentId_fkey";

-- DropForeignKey
ALTER TABLE "_ReflectionToStory" DROP CONSTRAINT "_ReflectionToStory_A_fkey";

-- DropForeignKey
ALTER TABLE "_ReflectionToStory" DROP CONSTRAINT "_ReflectionToStory_B_fkey";

-- DropIndex
DROP INDEX "Acknowledgement_storyId_giverId_kind_key";

-- DropIndex
DROP INDEX "Channel_organizationId_id_key";

-- DropIndex
DROP INDEX "CycleEntry_organizationId_id_key";

-- DropIndex
DROP INDEX "CycleEntry_storyId_cycle_key";

-- DropIndex
DROP INDEX "FollowUp_organizationId_id_key";

-- DropIndex
DROP INDEX "Invite_tokenHash_key";

-- DropIndex
DROP INDEX "Membership_organizationId_id_key";

-- DropIndex
DROP INDEX "Organization_slug_key";

-- DropIndex
DROP INDEX "Reflection_membershipId_weekStart_key";

-- DropIndex
DROP INDEX "Session_membershipId_idx";

-- DropIndex
DROP INDEX "Story_organizationId_id_key";

-- DropIndex
DROP INDEX "StoryReading_organizationId_idx";

-- DropIndex
DROP INDEX "StoryReading_storyId_reviewerId_key";

-- DropIndex
DROP INDEX "Tag_organizationId_id_key";

-- DropIndex
DROP INDEX "Team_organizationId_id_key";

-- AlterTable
ALTER TABLE "Acknowledgement" DROP CONSTRAINT "Acknowledgement_pkey",
ADD CONSTRAINT "Acknowledgement_pkey" PRIMARY KEY ("organizationId", "id");

-- CreateTable
CREATE TABLE "SystemAuditEvent" (
    "id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,
    "meta" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SystemAuditEvent_pkey" PRIMARY KEY ("id")
);

-- Events of no organisation (a sign-in attempt for an unknown e-mail) become system events.
INSERT INTO "SystemAuditEvent" ("id", "action", "subject", "targetType", "targetId", "meta", "createdAt")
SELECT "id", "action", "subject", "targetType", "targetId", "meta", "createdAt" FROM "AuditEvent" WHERE "organizationId" IS NULL;
DELETE FROM "AuditEvent" WHERE "organizationId" IS NULL;

-- AlterTable
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_pkey",
ALTER COLUMN "organizationId" SET NOT NULL,
ADD CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Channel" DROP CONSTRAINT "Channel_pkey",
ADD CONSTRAINT "Channel_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_pkey",
ADD CONSTRAINT "Comment_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_pkey",
ADD CONSTRAINT "Contributor_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_pkey",
ADD CONSTRAINT "CycleEntry_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_pkey",
ADD CONSTRAINT "Evidence_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_pkey",
ADD CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Indicator" DROP CONSTRAINT "Indicator_pkey",
ADD CONSTRAINT "Indicator_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_pkey",
ADD CONSTRAINT "Invite_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_pkey",
ADD CONSTRAINT "Membership_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_pkey",
ADD CONSTRAINT "Notification_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Reflection" DROP CONSTRAINT "Reflection_pkey",
ADD CONSTRAINT "Reflection_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "ReflectionDraft" DROP CONSTRAINT "ReflectionDraft_pkey",
ADD CONSTRAINT "ReflectionDraft_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "organizationId" UUID;
UPDATE "Session" s SET "organizationId" = m."organizationId" FROM "Membership" m WHERE m."id" = s."membershipId";
-- (A session whose membership is gone was deleted with it: none is left without an organisation.)
DELETE FROM "Session" WHERE "organizationId" IS NULL;
ALTER TABLE "Session" DROP CONSTRAINT "Session_pkey",
ALTER COLUMN "organizationId" SET NOT NULL,
ADD CONSTRAINT "Session_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Story" DROP CONSTRAINT "Story_pkey",
ADD CONSTRAINT "Story_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_pkey",
ADD CONSTRAINT "StoryReading_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "StoryRollup" DROP CONSTRAINT "StoryRollup_pkey",
ADD CONSTRAINT "StoryRollup_pkey" PRIMARY KEY ("organizationId", "storyId");

-- AlterTable
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_pkey",
ADD CONSTRAINT "StoryTag_pkey" PRIMARY KEY ("organizationId", "storyId", "tagId");

-- AlterTable
ALTER TABLE "Tag" DROP CONSTRAINT "Tag_pkey",
ADD CONSTRAINT "Tag_pkey" PRIMARY KEY ("organizationId", "id");

-- AlterTable
ALTER TABLE "Team" DROP CONSTRAINT "Team_pkey",
ADD CONSTRAINT "Team_pkey" PRIMARY KEY ("organizationId", "id");

-- CreateTable
CREATE TABLE "ReflectionStory" (
    "organizationId" UUID NOT NULL,
    "reflectionId" UUID NOT NULL,
    "storyId" UUID NOT NULL,

    CONSTRAINT "ReflectionStory_pkey" PRIMARY KEY ("organizationId","reflectionId","storyId")
);

-- The stories each reflection links to, from Prisma's implicit table (A: reflection, B: story).
INSERT INTO "ReflectionStory" ("organizationId", "reflectionId", "storyId")
SELECT r."organizationId", rs."A", rs."B" FROM "_ReflectionToStory" rs JOIN "Reflection" r ON r."id" = rs."A";

-- DropTable (its same-organisation trigger goes with it: the new table's keys say it)
DROP TABLE "_ReflectionToStory";
DROP FUNCTION "ripple_reflection_story_same_org"();

-- CreateIndex
CREATE INDEX "ReflectionStory_organizationId_storyId_idx" ON "ReflectionStory"("organizationId", "storyId");

-- CreateIndex
CREATE INDEX "SystemAuditEvent_action_subject_createdAt_idx" ON "SystemAuditEvent"("action", "subject", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Acknowledgement_organizationId_storyId_giverId_kind_key" ON "Acknowledgement"("organizationId", "storyId", "giverId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CycleEntry_organizationId_storyId_cycle_key" ON "CycleEntry"("organizationId", "storyId", "cycle");

-- CreateIndex
CREATE INDEX "Invite_tokenHash_idx" ON "Invite"("tokenHash");

-- CreateIndex
CREATE INDEX "Organization_slug_idx" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Story_id_idx" ON "Story"("id");

-- CreateIndex
CREATE UNIQUE INDEX "Reflection_organizationId_membershipId_weekStart_key" ON "Reflection"("organizationId", "membershipId", "weekStart");

-- CreateIndex
CREATE INDEX "Session_organizationId_membershipId_idx" ON "Session"("organizationId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryReading_organizationId_storyId_reviewerId_key" ON "StoryReading"("organizationId", "storyId", "reviewerId");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_parentId_fkey" FOREIGN KEY ("organizationId", "parentId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("parentId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_teamId_fkey" FOREIGN KEY ("organizationId", "teamId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("teamId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_managerId_fkey" FOREIGN KEY ("organizationId", "managerId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("managerId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_defaultChannelId_fkey" FOREIGN KEY ("organizationId", "defaultChannelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("defaultChannelId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_lastChannelId_fkey" FOREIGN KEY ("organizationId", "lastChannelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("lastChannelId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_authorId_fkey" FOREIGN KEY ("organizationId", "authorId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_channelId_fkey" FOREIGN KEY ("organizationId", "channelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("channelId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_highlightedById_fkey" FOREIGN KEY ("organizationId", "highlightedById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("highlightedById") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryRollup" ADD CONSTRAINT "StoryRollup_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "CycleEntry" ADD CONSTRAINT "CycleEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "CycleEntry" ADD CONSTRAINT "CycleEntry_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "CycleEntry" ADD CONSTRAINT "CycleEntry_organizationId_confirmedById_fkey" FOREIGN KEY ("organizationId", "confirmedById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("confirmedById") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_organizationId_cycleEntryId_fkey" FOREIGN KEY ("organizationId", "cycleEntryId") REFERENCES "CycleEntry"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("membershipId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryTag" ADD CONSTRAINT "StoryTag_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryTag" ADD CONSTRAINT "StoryTag_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryTag" ADD CONSTRAINT "StoryTag_organizationId_tagId_fkey" FOREIGN KEY ("organizationId", "tagId") REFERENCES "Tag"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_authorId_fkey" FOREIGN KEY ("organizationId", "authorId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryReading" ADD CONSTRAINT "StoryReading_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryReading" ADD CONSTRAINT "StoryReading_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StoryReading" ADD CONSTRAINT "StoryReading_organizationId_reviewerId_fkey" FOREIGN KEY ("organizationId", "reviewerId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionStory" ADD CONSTRAINT "ReflectionStory_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionStory" ADD CONSTRAINT "ReflectionStory_organizationId_reflectionId_fkey" FOREIGN KEY ("organizationId", "reflectionId") REFERENCES "Reflection"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionStory" ADD CONSTRAINT "ReflectionStory_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionDraft" ADD CONSTRAINT "ReflectionDraft_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReflectionDraft" ADD CONSTRAINT "ReflectionDraft_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_assigneeId_fkey" FOREIGN KEY ("organizationId", "assigneeId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_requestedById_fkey" FOREIGN KEY ("organizationId", "requestedById") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_recipientId_fkey" FOREIGN KEY ("organizationId", "recipientId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("actorId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_followUpId_fkey" FOREIGN KEY ("organizationId", "followUpId") REFERENCES "FollowUp"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_giverId_fkey" FOREIGN KEY ("organizationId", "giverId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_teamId_fkey" FOREIGN KEY ("organizationId", "teamId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("teamId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_managerId_fkey" FOREIGN KEY ("organizationId", "managerId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("managerId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("actorId") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- The story rollup upserts on its new key, and joins each story's children by organisation and
-- story (the keys that index them now). Otherwise as in "rollup_figure_cycles".
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
  JOIN "Membership" a ON a."organizationId" = s."organizationId" AND a.id = s."authorId"
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
    FROM "CycleEntry" ce WHERE ce."organizationId" = s."organizationId" AND ce."storyId" = s.id
  ) e ON TRUE
  LEFT JOIN LATERAL (
    SELECT bit_or(1::bigint << p.place) FILTER (WHERE p.place < 63 AND p.cycle = ce.cycle) AS mask,
      array_agg(DISTINCT ce.cycle::text || ':' || u.key ORDER BY ce.cycle::text || ':' || u.key)
        FILTER (WHERE p.place IS NULL OR p.place >= 63 OR p.cycle <> ce.cycle) AS extra
    FROM "CycleEntry" ce CROSS JOIN LATERAL unnest(ce."indicatorKeys") AS u(key)
    LEFT JOIN places p ON p."organizationId" = s."organizationId" AND p.key = u.key
    WHERE ce."organizationId" = s."organizationId" AND ce."storyId" = s.id
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
    FROM "Contributor" co LEFT JOIN "Membership" m ON m."organizationId" = co."organizationId" AND m.id = co."membershipId"
    WHERE co."organizationId" = s."organizationId" AND co."storyId" = s.id
  ) c ON TRUE
  WHERE s.id = ANY(ids)
  ON CONFLICT ("organizationId", "storyId") DO UPDATE SET
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

-- A story's search document reads its tags, helpers and cycle entries by organisation and story.
CREATE FUNCTION ripple_story_search_doc(org uuid, story_id uuid, title text, narrative text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('english', coalesce(narrative, '')), 'B')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(t."name", ' ; ' ORDER BY t."name")
           FROM "StoryTag" st JOIN "Tag" t ON t."id" = st."tagId" AND t."organizationId" = st."organizationId"
           WHERE st."organizationId" = org AND st."storyId" = story_id), '')), 'C')
      || setweight(to_tsvector('english', coalesce((
           SELECT string_agg(concat_ws(' ', coalesce(c."externalName", u."name"), c."platform"), ' ; ' ORDER BY c."createdAt", c."id")
           FROM "Contributor" c
           LEFT JOIN "Membership" m ON m."id" = c."membershipId" AND m."organizationId" = c."organizationId"
           LEFT JOIN "User" u ON u."id" = m."userId"
           WHERE c."organizationId" = org AND c."storyId" = story_id), '')), 'C')
      || to_tsvector('english', coalesce((
           SELECT string_agg(concat_ws(' ', e."narrative", e."figureUnit"), ' ; ' ORDER BY e."cycle")
           FROM "CycleEntry" e WHERE e."organizationId" = org AND e."storyId" = story_id), ''))
$$;

CREATE OR REPLACE FUNCTION ripple_story_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" := ripple_story_search_doc(NEW."organizationId", NEW."id", NEW."title", NEW."narrative");
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION ripple_refresh_story_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  deferred text := current_setting('ripple.defer_rollups', true);
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM set_config('ripple.defer_rollups', 'on', true);
  UPDATE "Story" s SET "search" = ripple_story_search_doc(s."organizationId", s."id", s."title", s."narrative") WHERE s."id" = ANY(ids);
  PERFORM set_config('ripple.defer_rollups', coalesce(deferred, 'off'), true);
END
$$;

DROP FUNCTION ripple_story_search_doc(uuid, text, text);
