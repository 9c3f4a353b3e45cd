-- AlterTable
ALTER TABLE "CreatorProfile" ADD COLUMN     "stripeAccountIdempotencyKey" TEXT;
