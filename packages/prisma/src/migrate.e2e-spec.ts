import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { openDatabase } from './database';
import { PrismaClient } from './generated/client';
import { applyMigrations, listMigrations } from './migrate';

/** A fresh in-memory PGlite, and the session the migration runner takes. */
function pgliteSession() {
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
    const { pglite, session } = pgliteSession();
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
    const { pglite, session } = pgliteSession();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    try {
      const index = committed.findIndex((migration) => migration.name.endsWith('_account_api'));
      expect(index).toBeGreaterThan(0);
      committed.slice(0, index).forEach(write);
      await applyMigrations(session, dir);
      // Rows as the app wrote them before the column existed (Prisma Client sends only the columns it is given).
      await prisma.user.createMany({ data: ['u1', 'u2', 'u3'].map((id) => ({ id, email: `${id}@example.com` })) });
      await prisma.creatorProfile.createMany({
        data: [{ userId: 'u1', stripeAccountId: 'acct_1Stored' }, { userId: 'u2', stripeAccountIdempotencyKey: 'connect-account-in-flight' }, { userId: 'u3' }],
      });

      committed.slice(index).forEach(write);
      await applyMigrations(session, dir);
      const rows = await prisma.creatorProfile.findMany({ select: { userId: true, stripeAccountApi: true }, orderBy: { userId: 'asc' } });
      expect(rows).toEqual([
        { userId: 'u1', stripeAccountApi: 'V1' },
        { userId: 'u2', stripeAccountApi: 'V1' },
        { userId: 'u3', stripeAccountApi: null },
      ]);
    } finally {
      await prisma.$disconnect();
      await pglite.close();
    }
  });
});
