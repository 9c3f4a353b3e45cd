-- CreateEnum
CREATE TYPE "StripeAccountApi" AS ENUM ('V1', 'V2');

-- AlterTable
ALTER TABLE "CreatorProfile" ADD COLUMN     "stripeAccountApi" "StripeAccountApi";

-- Every account made before this column existed was made with Accounts v1 (so is a creation whose key is kept).
UPDATE "CreatorProfile" SET "stripeAccountApi" = 'V1' WHERE "stripeAccountId" IS NOT NULL OR "stripeAccountIdempotencyKey" IS NOT NULL;
