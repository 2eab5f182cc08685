-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "name" VARCHAR(100);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "onboardingDismissedAt" TIMESTAMP(3);
