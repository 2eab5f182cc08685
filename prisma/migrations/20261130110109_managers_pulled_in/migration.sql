-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "followUpId" UUID;

-- CreateTable
CREATE TABLE "Acknowledgement" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storyId" UUID NOT NULL,
    "giverId" UUID NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'thanks',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Acknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Acknowledgement_organizationId_storyId_idx" ON "Acknowledgement"("organizationId", "storyId");

-- CreateIndex
CREATE UNIQUE INDEX "Acknowledgement_storyId_giverId_kind_key" ON "Acknowledgement"("storyId", "giverId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_organizationId_id_key" ON "FollowUp"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Notification_organizationId_recipientId_kind_storyId_idx" ON "Notification"("organizationId", "recipientId", "kind", "storyId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_organizationId_followUpId_key" ON "Notification"("organizationId", "followUpId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_followUpId_fkey" FOREIGN KEY ("organizationId", "followUpId") REFERENCES "FollowUp"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_storyId_fkey" FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_organizationId_giverId_fkey" FOREIGN KEY ("organizationId", "giverId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: each follow-up keeps the notification that announced it (the manager's question, or
-- else the first "follow_up.due" after it came due), so none is announced again.
WITH pairs AS (
  SELECT DISTINCT ON (f.id) f.id AS "followUpId", n.id AS "notificationId"
  FROM "FollowUp" f
  JOIN "Notification" n ON n."organizationId" = f."organizationId" AND n."storyId" = f."storyId" AND n."recipientId" = f."assigneeId"
  WHERE n."followUpId" IS NULL
    AND ((n.kind = 'question' AND n."actorId" = f."requestedById" AND n."createdAt" >= f."createdAt")
      OR (n.kind = 'follow_up.due' AND n."createdAt" >= f."dueAt"))
  ORDER BY f.id, (n.kind = 'question') DESC, n."createdAt", n.id
), one AS (
  SELECT DISTINCT ON ("notificationId") "notificationId", "followUpId" FROM pairs ORDER BY "notificationId", "followUpId"
)
UPDATE "Notification" n SET "followUpId" = one."followUpId" FROM one WHERE n.id = one."notificationId";
