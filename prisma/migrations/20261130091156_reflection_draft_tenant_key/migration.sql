-- DropForeignKey
ALTER TABLE "ReflectionDraft" DROP CONSTRAINT "ReflectionDraft_membershipId_fkey";

-- AddForeignKey
ALTER TABLE "ReflectionDraft" ADD CONSTRAINT "ReflectionDraft_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
