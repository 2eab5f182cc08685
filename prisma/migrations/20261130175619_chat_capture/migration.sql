-- CreateEnum
CREATE TYPE "ChatProvider" AS ENUM ('SLACK', 'TEAMS');

-- CreateTable
CREATE TABLE "ChatIntegration" (
    "organizationId" UUID NOT NULL,
    "provider" "ChatProvider" NOT NULL,
    "workspaceId" VARCHAR(64) NOT NULL,
    "signingSecret" VARCHAR(400) NOT NULL,
    "botToken" VARCHAR(600),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIntegration_pkey" PRIMARY KEY ("organizationId","provider")
);

-- CreateTable
CREATE TABLE "ChatLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "provider" "ChatProvider" NOT NULL,
    "workspaceId" VARCHAR(64) NOT NULL,
    "externalUserId" VARCHAR(128) NOT NULL,
    "externalName" VARCHAR(200),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatLink_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateTable
CREATE TABLE "ChatLinkRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "provider" "ChatProvider" NOT NULL,
    "workspaceId" VARCHAR(64) NOT NULL,
    "externalUserId" VARCHAR(128) NOT NULL,
    "externalName" VARCHAR(200),
    "tokenHash" VARCHAR(64) NOT NULL,
    "pendingCapture" JSONB,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatLinkRequest_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateIndex
CREATE INDEX "ChatIntegration_provider_workspaceId_idx" ON "ChatIntegration"("provider", "workspaceId");

-- CreateIndex
CREATE INDEX "ChatLink_organizationId_membershipId_idx" ON "ChatLink"("organizationId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatLink_organizationId_provider_workspaceId_externalUserId_key" ON "ChatLink"("organizationId", "provider", "workspaceId", "externalUserId");

-- CreateIndex
CREATE INDEX "ChatLinkRequest_tokenHash_idx" ON "ChatLinkRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "ChatLinkRequest_organizationId_provider_workspaceId_externa_idx" ON "ChatLinkRequest"("organizationId", "provider", "workspaceId", "externalUserId");

-- AddForeignKey
ALTER TABLE "ChatIntegration" ADD CONSTRAINT "ChatIntegration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ChatLink" ADD CONSTRAINT "ChatLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ChatLink" ADD CONSTRAINT "ChatLink_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ChatLinkRequest" ADD CONSTRAINT "ChatLinkRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ChatLinkRequest" ADD CONSTRAINT "ChatLinkRequest_organizationId_usedById_fkey" FOREIGN KEY ("organizationId", "usedById") REFERENCES "Membership"("organizationId", "id") ON DELETE SET NULL ("usedById") ON UPDATE NO ACTION;
