import { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { PrismaClient } from './generated/client';
import { applyMigrations, type SqlSession } from './migrate';

export type DatabaseKind = 'postgresql' | 'pglite';

export interface DatabaseOptions {
  /** `postgres://` or `postgresql://` URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** Where PGlite keeps its files (`memory://` for a throwaway database). */
  pgliteDataDir?: string;
  /** PostgreSQL pool size per process. */
  poolMax?: number;
  /** How long a query may wait for a PostgreSQL connection before failing. */
  connectTimeoutMs?: number;
  /** How long any query on the pool (Prisma's included) may wait for its answer before failing. */
  queryTimeoutMs?: number;
}

export interface Database {
  kind: DatabaseKind;
  /** Where the data lives, without credentials: safe to log. */
  location: string;
  prisma: PrismaClient;
  /** Applies the committed migrations that are not applied yet; returns their names. */
  migrate(): Promise<string[]>;
  /** Closes every connection; safe to call more than once. */
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DATA_DIR = '.data/pglite';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The one place that decides which database a process talks to. */
export function openDatabase(options: DatabaseOptions = {}): Database {
  if (options.url) {
    if (!isPostgresUrl(options.url)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    return openPostgres(options.url, options);
  }
  return openPglite(options.pgliteDataDir ?? DEFAULT_PGLITE_DATA_DIR);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pool = new Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // Client-side, so it also ends a query whose connection went silent (a server-side statement_timeout never would).
    query_timeout: options.queryTimeoutMs ?? 5000,
  });
  // A broken idle connection is replaced by the next query; unheard, its error would end the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const parsed = new URL(url);
  return {
    kind: 'postgresql',
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    prisma,
    async migrate() {
      // A session of its own: migrations run several statements per file,
      // which only the simple query protocol allows.
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await applyMigrations({
          exec: async (sql) => void (await client.query(sql)),
          query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        await client.end();
      }
    },
    close: once(() => prisma.$disconnect()),
  };
}

function openPglite(dataDir: string): Database {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // Loaded here, not at the top: a PostgreSQL deployment never spends start-up time on PGlite.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { PrismaPGlite } = require('pglite-prisma-adapter') as typeof import('pglite-prisma-adapter');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pglite = new PGlite(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const session: SqlSession = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
  };
  return {
    kind: 'pglite',
    location: dataDir,
    prisma,
    migrate: () => applyMigrations(session),
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
    }),
  };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}
