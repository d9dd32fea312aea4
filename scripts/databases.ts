/** Throwaway databases for tests, benchmarks and migration generation. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseKind } from '@kongchuo/shared/core';

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the admin URL's server. */
export const postgresUrl = (name: string) => PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);

/** A fresh database name, `<prefix>_<random>`. */
export const scratchName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** Creates PostgreSQL databases; the function returned drops them (even with open connections). */
export async function createPostgresDatabases(names: string[]): Promise<() => Promise<void>> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (const n of names) await admin.query(`create database ${n}`);
  } finally {
    await admin.end();
  }
  return async () => {
    const c = new Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      for (const n of names) await c.query(`drop database if exists ${n} with (force)`);
    } finally {
      await c.end();
    }
  };
}

/** Runs `work` against an empty database of the given kind, removed afterwards. */
export async function withScratchDatabase<T>(kind: DatabaseKind, work: (url: string) => Promise<T>): Promise<T> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-scratch-'));
    try {
      return await work(path.join(dir, 'scratch.sqlite'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = scratchName('kc_scratch');
  const drop = await createPostgresDatabases([name]);
  try {
    return await work(postgresUrl(name));
  } finally {
    await drop();
  }
}
