-- AlterTable
ALTER TABLE "AppInstance" ADD COLUMN     "workerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

