import type { DatabaseSpec } from '@kongchuo/shared/core';
import { entities } from './entities';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

/** The provider's own database: a SQLite file by default, PostgreSQL (IDENTITY_DATABASE_URL) in production. */
export const identityDatabase = (url: string, extra: Partial<DatabaseSpec> = {}): DatabaseSpec => ({ url, entities, migrations: { sqlite, postgresql }, ...extra });
