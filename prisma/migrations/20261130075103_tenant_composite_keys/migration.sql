-- Every reference from one tenant row to another names the organisation too: a child's
-- (organizationId, parentId) must match a parent's (organizationId, id), so the database
-- refuses a row attached to another organisation's story, person, cycle entry, team, tag or
-- channel. Where the reference is cleared when its target goes (ON DELETE SET NULL), only the
-- reference column is cleared, never organizationId (PostgreSQL 15's column list; Prisma's
-- schema cannot say it, so it is written here by hand). The unique (organizationId, id)
-- indexes are what these keys point at, and the order a later tenant-first primary key takes.

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_authorId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "Contributor" DROP CONSTRAINT "Contributor_storyId_fkey";

-- DropForeignKey
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_confirmedById_fkey";

-- DropForeignKey
ALTER TABLE "CycleEntry" DROP CONSTRAINT "CycleEntry_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_cycleEntryId_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_assigneeId_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_requestedById_fkey";

-- DropForeignKey
ALTER TABLE "FollowUp" DROP CONSTRAINT "FollowUp_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_createdById_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_managerId_fkey";

-- DropForeignKey
ALTER TABLE "Invite" DROP CONSTRAINT "Invite_teamId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_managerId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_teamId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_actorId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_recipientId_fkey";

-- DropForeignKey
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_storyId_fkey";

-- DropForeignKey
ALTER TABLE "Reflection" DROP CONSTRAINT "Reflection_membershipId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_authorId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_channelId_fkey";

-- DropForeignKey
ALTER TABLE "Story" DROP CONSTRAINT "Story_highlightedById_fkey";

-- DropForeignKey
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_reviewerId_fkey";

-- DropForeignKey
ALTER TABLE "StoryReading" DROP CONSTRAINT "StoryReading_storyId_fkey";

-- DropForeignKey
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_storyId_fkey";

-- DropForeignKey
ALTER TABLE "StoryTag" DROP CONSTRAINT "StoryTag_tagId_fkey";

-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_parentId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Channel_organizationId_id_key" ON "Channel"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CycleEntry_organizationId_id_key" ON "CycleEntry"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organizationId_id_key" ON "Membership"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Story_organizationId_id_key" ON "Story"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_organizationId_id_key" ON "Tag"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Team_organizationId_id_key" ON "Team"("organizationId", "id");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_parentId_fkey" FOREIGN KEY ("organizationId", "parentId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("parentId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_teamId_fkey" FOREIGN KEY ("organizationId", "teamId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("teamId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_managerId_fkey" FOREIGN KEY ("organizationId", "managerId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("managerId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_authorId_fkey" FOREIGN KEY ("organizationId", "authorId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_channelId_fkey" FOREIGN KEY ("organizationId", "channelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("channelId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_organizationId_highlightedById_fkey" FOREIGN KEY ("organizationId", "highlightedById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("highlightedById") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleEntry" ADD CONSTRAINT "CycleEntry_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleEntry" ADD CONSTRAINT "CycleEntry_organizationId_confirmedById_fkey" FOREIGN KEY ("organizationId", "confirmedById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("confirmedById") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_organizationId_cycleEntryId_fkey" FOREIGN KEY ("organizationId", "cycleEntryId") REFERENCES "CycleEntry"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("membershipId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryTag" ADD CONSTRAINT "StoryTag_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryTag" ADD CONSTRAINT "StoryTag_organizationId_tagId_fkey" FOREIGN KEY ("organizationId", "tagId") REFERENCES "Tag"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_organizationId_authorId_fkey" FOREIGN KEY ("organizationId", "authorId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryReading" ADD CONSTRAINT "StoryReading_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryReading" ADD CONSTRAINT "StoryReading_organizationId_reviewerId_fkey" FOREIGN KEY ("organizationId", "reviewerId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_assigneeId_fkey" FOREIGN KEY ("organizationId", "assigneeId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_organizationId_requestedById_fkey" FOREIGN KEY ("organizationId", "requestedById") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_recipientId_fkey" FOREIGN KEY ("organizationId", "recipientId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("actorId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_teamId_fkey" FOREIGN KEY ("organizationId", "teamId") REFERENCES "Team"("organizationId", "id") ON DELETE SET NULL ("teamId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_managerId_fkey" FOREIGN KEY ("organizationId", "managerId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("managerId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("actorId") ON UPDATE CASCADE;

-- A reflection links stories through Prisma's implicit table "_ReflectionToStory" (A: the
-- reflection, B: the story), which has no organizationId to put in a key: a trigger makes
-- the database refuse a link between two organisations all the same.
CREATE FUNCTION "ripple_reflection_story_same_org"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "Reflection" r JOIN "Story" s ON s."organizationId" = r."organizationId"
    WHERE r.id = NEW."A" AND s.id = NEW."B"
  ) THEN
    RAISE EXCEPTION 'a reflection may link only stories of its own organisation'
      USING ERRCODE = 'foreign_key_violation', TABLE = '_ReflectionToStory';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ripple_reflection_story_same_org"
  BEFORE INSERT OR UPDATE ON "_ReflectionToStory"
  FOR EACH ROW EXECUTE FUNCTION "ripple_reflection_story_same_org"();
