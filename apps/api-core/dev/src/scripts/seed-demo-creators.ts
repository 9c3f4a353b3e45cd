// `npm run db:seed`: adds the demo users (../demo-creators.ts) to
// DATABASE_URL or the embedded database, applying migrations first.
import { openDatabase } from '@creator-payouts/prisma';
import { seedDemoCreators } from '../demo-creators';

async function main(): Promise<void> {
  const database = openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDataDir: process.env.PGLITE_DATA_DIR || undefined });
  try {
    await database.migrate();
    const created = await seedDemoCreators(database.prisma);
    process.stdout.write(`Seeded ${created} demo user(s) into ${database.kind} (${database.location})\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Seeding failed: ${error.message}\n`);
  process.exit(1);
});
