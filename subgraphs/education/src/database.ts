import { openDatabase, type DatabaseSpec } from '@kongchuo/shared';
import { entities } from './entities';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const educationDatabase = (url: string, extra: Partial<DatabaseSpec> = {}): DatabaseSpec => ({
  url, entities, migrations: { sqlite, postgresql }, ...extra,
});

export const openEducationDatabase = (url: string, extra: Partial<DatabaseSpec> = {}) => openDatabase(educationDatabase(url, extra));
