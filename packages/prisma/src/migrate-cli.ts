#!/usr/bin/env node
// `npm run db:migrate`: applies the committed migrations to DATABASE_URL
// (PostgreSQL) or, when it is unset, to the embedded PGlite database.
import { openDatabase } from './database';

async function main(): Promise<void> {
  const database = openDatabase({
    url: process.env.DATABASE_URL || undefined,
    pgliteDataDir: process.env.PGLITE_DATA_DIR || undefined,
  });
  try {
    const applied = await database.migrate();
    const where = `${database.kind} (${database.location})`;
    process.stdout.write(
      applied.length ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}\n` : `No pending migrations on ${where}\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Migration failed: ${error.message}\n`);
  process.exit(1);
});
