import { Injectable } from '@nestjs/common';

const noDatabase = async (): Promise<never> => {
  throw new Error('the scratch host has no database');
};
const delegate = {
  findUnique: noDatabase,
  findFirst: noDatabase,
  update: noDatabase,
  updateMany: noDatabase,
  updateManyAndReturn: noDatabase,
  createMany: noDatabase,
};

/** The scratch host's stand-in for its Prisma client: the shape a generated client has, and no database behind it. */
@Injectable()
export class PrismaService {
  creatorProfile = delegate;
  stripeWebhookEvent = delegate;
  $transaction<T>(work: (tx: this) => Promise<T>): Promise<T> {
    return work(this);
  }
}
