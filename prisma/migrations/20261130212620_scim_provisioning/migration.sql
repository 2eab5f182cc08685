-- CreateTable
CREATE TABLE "ScimToken" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "tokenHash" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateTable
CREATE TABLE "ScimUser" (
    "organizationId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "externalId" VARCHAR(256),
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "ScimUser_pkey" PRIMARY KEY ("organizationId","membershipId")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "organizationId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "externalId" VARCHAR(256),

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("organizationId","teamId")
);

-- CreateIndex
CREATE INDEX "ScimToken_tokenHash_idx" ON "ScimToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_organizationId_externalId_key" ON "ScimUser"("organizationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_organizationId_externalId_key" ON "ScimGroup"("organizationId", "externalId");

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("createdById") ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_organizationId_teamId_fkey" FOREIGN KEY ("organizationId", "teamId") REFERENCES "Team"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
