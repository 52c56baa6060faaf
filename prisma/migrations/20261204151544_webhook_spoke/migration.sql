-- AlterEnum
ALTER TYPE "Side" ADD VALUE 'webhook';

-- CreateTable
CREATE TABLE "WebhookConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "direction" TEXT NOT NULL DEFAULT 'both',
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "lastDeliveryAt" TIMESTAMP(3),
    "lastDeliveryStatus" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookConnection_pkey" PRIMARY KEY ("id")
);

