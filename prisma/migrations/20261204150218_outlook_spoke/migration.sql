-- AlterEnum
ALTER TYPE "Side" ADD VALUE 'outlook';

