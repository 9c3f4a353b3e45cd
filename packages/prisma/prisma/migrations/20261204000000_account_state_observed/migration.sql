-- AlterTable
ALTER TABLE "CreatorProfile" ADD COLUMN     "stripeStateObservedFrom" TIMESTAMP(3),
ADD COLUMN     "stripeStateObservedTo" TIMESTAMP(3);
