/**
 * The table where a department on PostgreSQL remembers the gateway signatures (their `jti`) it has
 * accepted, until they expire (shared/src/identity/replay-guard.ts). UNLOGGED: a row lives 35 seconds at
 * most and is written on every request, so it is kept out of the WAL (no fsync per request); a
 * crash or a failover empties it. Every department's table is the same, so each department's
 * PostgreSQL migration `Migration20261130090000` is this one. Do not edit once applied: a change is a new migration.
 */
import { Migration } from '@mikro-orm/migrations';

export abstract class IdentitySeenPostgres extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unlogged table "kc_identity_seen" ("jti" varchar(64) not null primary key, "until" timestamptz not null);`);
    this.addSql(`create index "kc_identity_seen_until_index" on "kc_identity_seen" ("until");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kc_identity_seen";`);
  }

}
