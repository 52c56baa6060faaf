-- AlterTable
ALTER TABLE "EntraTenant" ADD COLUMN     "readMode" TEXT;

-- AlterTable
ALTER TABLE "GraphSubscription" ADD COLUMN     "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "GraphServiceAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userPrincipalName" TEXT NOT NULL DEFAULT '',
    "homeAccountId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "userIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GraphServiceAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GraphPresenceFetch" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GraphPresenceFetch_pkey" PRIMARY KEY ("tenantId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GraphServiceAccount_tenantId_userId_key" ON "GraphServiceAccount"("tenantId", "userId");

