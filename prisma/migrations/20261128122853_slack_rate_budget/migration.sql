-- CreateTable
CREATE TABLE "SlackRateBudget" (
    "key" TEXT NOT NULL,
    "hits" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "subjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "blockedUntil" BIGINT NOT NULL DEFAULT 0,
    "queuedUntil" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackRateBudget_pkey" PRIMARY KEY ("key")
);

