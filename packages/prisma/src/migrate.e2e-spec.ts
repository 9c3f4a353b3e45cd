import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database';
import { applyMigrations, listMigrations } from './migrate';

/** A fresh in-memory PGlite, and the session the migration runner takes. */
async function pgliteSession() {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite();
  const session = {
    exec: async (sql: string) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
  };
  return { pglite, session };
}

describe('migrations on the embedded database', () => {
  it('applies the committed migrations once, recorded as Prisma does', async () => {
    const database = openDatabase({ pgliteDataDir: 'memory://' });
    try {
      expect(await database.migrate()).toEqual(listMigrations().map((migration) => migration.name));
      expect(await database.migrate()).toEqual([]);
      const user = await database.prisma.user.create({ data: { email: 'a@example.com', creatorProfile: { create: {} } }, include: { creatorProfile: true } });
      expect(user.creatorProfile).toMatchObject({ stripeAccountStatus: 'NOT_STARTED', kycStatus: 'NOT_STARTED', stripeAccountId: null });
      await expect(database.prisma.user.create({ data: { email: 'a@example.com' } })).rejects.toMatchObject({ code: 'P2002' });
    } finally {
      await database.close();
    }
  });

  it('refuses a migration edited after it was applied, and rolls back a failing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    const write = (name: string, sql: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    };
    const { pglite, session } = await pgliteSession();
    try {
      write('001_a', 'CREATE TABLE a (id int);');
      expect(await applyMigrations(session, dir)).toEqual(['001_a']);
      write('001_a', 'CREATE TABLE a (id bigint);');
      await expect(applyMigrations(session, dir)).rejects.toThrow('001_a was changed after it was applied');

      write('001_a', 'CREATE TABLE a (id int);');
      write('002_b', 'CREATE TABLE b (id int); SELECT * FROM missing_table;');
      await expect(applyMigrations(session, dir)).rejects.toThrow('Migration 002_b failed');
      expect((await session.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'b'"))[0].n).toBe(0);
    } finally {
      await pglite.close();
    }
  });

  it('the Accounts API migration marks every account stored before it (and every creation under way) as made with v1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    const committed = listMigrations();
    const write = ({ name, sql }: { name: string; sql: string }) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    };
    const { pglite, session } = await pgliteSession();
    try {
      const index = committed.findIndex((migration) => migration.name.endsWith('_account_api'));
      expect(index).toBeGreaterThan(0);
      committed.slice(0, index).forEach(write);
      await applyMigrations(session, dir);
      await session.exec(`
        INSERT INTO "User" (id, email, "updatedAt") VALUES ('u1', 'a@example.com', now()), ('u2', 'b@example.com', now()), ('u3', 'c@example.com', now());
        INSERT INTO "CreatorProfile" (id, "userId", "stripeAccountId", "stripeAccountIdempotencyKey", "updatedAt") VALUES
          ('p1', 'u1', 'acct_1Stored', NULL, now()), ('p2', 'u2', NULL, 'connect-account-in-flight', now()), ('p3', 'u3', NULL, NULL, now());
      `);

      committed.slice(index).forEach(write);
      await applyMigrations(session, dir);
      const rows = await session.query<{ userId: string; stripeAccountApi: string | null }>(
        'SELECT "userId", "stripeAccountApi" FROM "CreatorProfile" ORDER BY "userId"',
      );
      expect(rows).toEqual([
        { userId: 'u1', stripeAccountApi: 'V1' },
        { userId: 'u2', stripeAccountApi: 'V1' },
        { userId: 'u3', stripeAccountApi: null },
      ]);
    } finally {
      await pglite.close();
    }
  });
});
