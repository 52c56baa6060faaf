-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('slack', 'teams');

-- CreateEnum
CREATE TYPE "LinkStatus" AS ENUM ('active', 'paused', 'needs_reauth', 'disabled');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('both', 'slackToTeams', 'teamsToSlack');

-- CreateTable
CREATE TABLE "SlackWorkspace" (
    "teamId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackWorkspace_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL DEFAULT '',
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntraTenant" (
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EntraTenant_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryEntry" (
    "side" "Side" NOT NULL,
    "scopeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "displayName" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryEntry_pkey" PRIMARY KEY ("side","scopeId","userId")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entraUserId" TEXT NOT NULL,
    "email" TEXT,
    "displayName" TEXT NOT NULL DEFAULT '',
    "status" "LinkStatus" NOT NULL DEFAULT 'active',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "pausedUntil" TIMESTAMP(3),
    "direction" "Direction" NOT NULL DEFAULT 'both',
    "policy" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkSide" (
    "linkId" TEXT NOT NULL,
    "side" "Side" NOT NULL,
    "view" JSONB NOT NULL DEFAULT '{}',
    "versions" JSONB NOT NULL DEFAULT '{}',
    "hold" JSONB NOT NULL DEFAULT '{}',
    "written" JSONB NOT NULL DEFAULT '{}',
    "attempted" JSONB NOT NULL DEFAULT '{}',
    "heldUntil" TIMESTAMP(3),
    "observedAt" TIMESTAMP(3),
    "writtenAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkSide_pkey" PRIMARY KEY ("linkId","side")
);

-- CreateTable
CREATE TABLE "WriteExpectation" (
    "id" BIGSERIAL NOT NULL,
    "linkId" TEXT NOT NULL,
    "side" "Side" NOT NULL,
    "facet" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WriteExpectation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "source" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("source","eventId")
);

-- CreateTable
CREATE TABLE "GraphSubscription" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "accountUserId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "userIds" TEXT[],
    "clientStateHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GraphSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSetVersion" (
    "version" SERIAL NOT NULL,
    "rules" JSONB NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleSetVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SyncEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "linkId" TEXT,
    "kind" TEXT NOT NULL,
    "side" "Side",
    "message" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "correlationId" TEXT,

    CONSTRAINT "SyncEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_enterpriseId_teamId_userId_key" ON "SlackInstallation"("enterpriseId", "teamId", "userId");

-- CreateIndex
CREATE INDEX "Credential_keyId_idx" ON "Credential"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_kind_owner_key" ON "Credential"("kind", "owner");

-- CreateIndex
CREATE INDEX "DirectoryEntry_email_idx" ON "DirectoryEntry"("email");

-- CreateIndex
CREATE INDEX "Link_email_idx" ON "Link"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Link_slackTeamId_slackUserId_key" ON "Link"("slackTeamId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Link_tenantId_entraUserId_key" ON "Link"("tenantId", "entraUserId");

-- CreateIndex
CREATE INDEX "LinkSide_heldUntil_idx" ON "LinkSide"("heldUntil");

-- CreateIndex
CREATE INDEX "WriteExpectation_linkId_side_facet_idx" ON "WriteExpectation"("linkId", "side", "facet");

-- CreateIndex
CREATE INDEX "WriteExpectation_expiresAt_idx" ON "WriteExpectation"("expiresAt");

-- CreateIndex
CREATE INDEX "InboundEvent_receivedAt_idx" ON "InboundEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "GraphSubscription_tenantId_idx" ON "GraphSubscription"("tenantId");

-- CreateIndex
CREATE INDEX "GraphSubscription_expiresAt_idx" ON "GraphSubscription"("expiresAt");

-- CreateIndex
CREATE INDEX "SyncEvent_linkId_at_idx" ON "SyncEvent"("linkId", "at");

-- CreateIndex
CREATE INDEX "SyncEvent_at_idx" ON "SyncEvent"("at");

-- CreateIndex
CREATE INDEX "SyncEvent_kind_at_idx" ON "SyncEvent"("kind", "at");

-- AddForeignKey
ALTER TABLE "LinkSide" ADD CONSTRAINT "LinkSide_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WriteExpectation" ADD CONSTRAINT "WriteExpectation_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncEvent" ADD CONSTRAINT "SyncEvent_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE SET NULL ON UPDATE CASCADE;

