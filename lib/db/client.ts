// The Prisma client, on SQLite or PostgreSQL through a driver adapter (no
// native query engine). Both clients are generated from prisma/schema.prisma,
// so their model types are identical; the SQLite client's types are the
// common type, which also keeps code away from PostgreSQL-only query options.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '@/lib/env';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';

export type Db = SqliteClient;
export type { Prisma } from './generated/sqlite/client';

const globalForDb = globalThis as unknown as { tollgateDb?: Db };

let operations = 0;

/** Database operations issued by this process so far (tests assert "no query" paths with it). */
export const operationCount = () => operations;

function createClient(): Db {
  const { database } = env();
  const base: Db = database.provider === 'postgresql'
    ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: database.url, max: 10 }) }) as unknown as Db)
    : new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: database.url, timeout: 10_000 }) });
  return base.$extends({
    query: {
      $allOperations({ args, query }) {
        operations++;
        return query(args);
      },
    },
  }) as unknown as Db;
}

/** The process-wide client (one per process, kept across hot reloads). */
export function db(): Db {
  globalForDb.tollgateDb ??= createClient();
  return globalForDb.tollgateDb;
}

export function databaseProvider(): 'sqlite' | 'postgresql' {
  return env().database.provider;
}

/** The client handed to the callback of db().$transaction(). */
export type Tx = import('./generated/sqlite/client').Prisma.TransactionClient;
