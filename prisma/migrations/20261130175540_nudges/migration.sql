-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "nudgeDays" VARCHAR(10) NOT NULL DEFAULT 'weekdays',
ADD COLUMN     "nudgeFollowUps" VARCHAR(10) NOT NULL DEFAULT 'email',
ADD COLUMN     "nudgeHour" SMALLINT NOT NULL DEFAULT 9,
ADD COLUMN     "nudgeReflection" VARCHAR(10) NOT NULL DEFAULT 'email',
ADD COLUMN     "nudgeShared" VARCHAR(10) NOT NULL DEFAULT 'email';

-- CreateTable
CREATE TABLE "NudgeDelivery" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "period" VARCHAR(10) NOT NULL,
    "channel" VARCHAR(10) NOT NULL,
    "coveredUntil" TIMESTAMP(3) NOT NULL,
    "messageId" VARCHAR(200) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NudgeDelivery_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateIndex
CREATE INDEX "NudgeDelivery_organizationId_membershipId_kind_coveredUntil_idx" ON "NudgeDelivery"("organizationId", "membershipId", "kind", "coveredUntil");

-- CreateIndex
CREATE UNIQUE INDEX "NudgeDelivery_organizationId_membershipId_kind_period_key" ON "NudgeDelivery"("organizationId", "membershipId", "kind", "period");

-- AddForeignKey
ALTER TABLE "NudgeDelivery" ADD CONSTRAINT "NudgeDelivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "NudgeDelivery" ADD CONSTRAINT "NudgeDelivery_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
