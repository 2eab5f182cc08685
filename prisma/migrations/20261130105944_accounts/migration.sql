-- Accounts people run themselves: password reset links (hashed tokens, single use, expiring),
-- each person's time zone, notification preferences, and the channels quick capture
-- preselects (the person's default, else the last one used), remembered per membership.
-- The channel keys include organizationId (see "tenant_composite_keys"); when a channel goes,
-- only the reference column is cleared (PostgreSQL 15's column list, written by hand).

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "defaultChannelId" UUID,
ADD COLUMN     "emailDigest" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lastChannelId" UUID,
ADD COLUMN     "notifyInApp" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "timeZone" VARCHAR(64);

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_defaultChannelId_fkey" FOREIGN KEY ("organizationId", "defaultChannelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("defaultChannelId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_lastChannelId_fkey" FOREIGN KEY ("organizationId", "lastChannelId") REFERENCES "Channel"("organizationId", "id") ON DELETE SET NULL ("lastChannelId") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
