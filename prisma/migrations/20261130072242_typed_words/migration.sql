-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "clientId" UUID;

-- CreateTable
CREATE TABLE "ReflectionDraft" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "learned" TEXT NOT NULL DEFAULT '',
    "performance" TEXT NOT NULL DEFAULT '',
    "organisation" TEXT NOT NULL DEFAULT '',
    "storyIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "sharedWithManager" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReflectionDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReflectionDraft_organizationId_membershipId_weekStart_key" ON "ReflectionDraft"("organizationId", "membershipId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "Story_organizationId_authorId_clientId_key" ON "Story"("organizationId", "authorId", "clientId");

-- AddForeignKey
ALTER TABLE "ReflectionDraft" ADD CONSTRAINT "ReflectionDraft_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionDraft" ADD CONSTRAINT "ReflectionDraft_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
