/**
 * Anchoring the audit chain (shared/src/audit/checkpoint.ts): the table where a department holds
 * other departments' signed checkpoints — append-only, kept for ever — and triggers that let
 * `audit_entry` grow only at its end:
 *
 * - SQLite: `INSERT OR REPLACE` (or `REPLACE INTO`) over an existing id deleted the old row
 *   without firing the retention trigger and put a new one in its place. A BEFORE INSERT trigger
 *   refuses an id that exists (it fires before REPLACE deletes anything), and an AFTER INSERT
 *   trigger an entry put in below the last one (a gap filled, an id reused).
 * - PostgreSQL: `INSERT … ON CONFLICT (id) DO UPDATE` is an UPDATE, which the retention trigger
 *   already refuses; an explicit id not above the last one is refused here. Sound because every
 *   append takes the chain's lock (kc_audit_append), so ids are taken and inserted in order.
 *
 * Every department's tables are the same, so each department's migration
 * `Migration20261203090000` is one of these two, by dialect. Do not edit once applied.
 */
import { Migration } from '@mikro-orm/migrations';

export abstract class AuditAnchorPostgres extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_checkpoint" ("id" serial primary key, "service" varchar(20) not null, "last_id" int not null, "hash" varchar(64) not null, "entries" int not null, "signed_at" timestamptz(6) not null, "received_at" timestamptz(6) not null, "statement" text not null, "signature" varchar(100) not null);`);
    this.addSql(`alter table "audit_checkpoint" add constraint "audit_checkpoint_service_last_id_unique" unique ("service", "last_id");`);
    this.addSql(`create or replace function audit_entry_append_only() returns trigger language plpgsql as $$
begin
  if new."id" <= (select max("id") from "audit_entry") then
    raise exception 'audit entries are only appended: entry % is not after the last one', new."id" using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger audit_entry_append_only before insert on "audit_entry" for each row execute function audit_entry_append_only();`);
    this.addSql(`create or replace function audit_checkpoint_keep() returns trigger language plpgsql as $$
begin
  raise exception 'audit checkpoints are kept for ever: they cannot be changed, deleted or truncated' using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger audit_checkpoint_no_change before update or delete on "audit_checkpoint" for each row execute function audit_checkpoint_keep();`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "audit_checkpoint" for each statement execute function audit_checkpoint_keep();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_entry_append_only on "audit_entry";`);
    this.addSql(`drop function if exists audit_entry_append_only();`);
    this.addSql(`drop table if exists "audit_checkpoint" cascade;`);
    this.addSql(`drop function if exists audit_checkpoint_keep();`);
  }

}

export abstract class AuditAnchorSqlite extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_checkpoint\` (\`id\` integer not null primary key autoincrement, \`service\` text not null, \`last_id\` integer not null, \`hash\` text not null, \`entries\` integer not null, \`signed_at\` datetime not null, \`received_at\` datetime not null, \`statement\` text not null, \`signature\` text not null);`);
    this.addSql(`create unique index \`audit_checkpoint_service_last_id_unique\` on \`audit_checkpoint\` (\`service\`, \`last_id\`);`);
    this.addSql(`create trigger \`audit_entry_no_replace\` before insert on \`audit_entry\` when exists (select 1 from \`audit_entry\` where \`id\` = new.\`id\`) begin select raise(abort, 'audit entries cannot be replaced'); end;`);
    this.addSql(`create trigger \`audit_entry_append_only\` after insert on \`audit_entry\` when new.\`id\` < (select max(\`id\`) from \`audit_entry\`) begin select raise(abort, 'audit entries are only appended after the last one'); end;`);
    this.addSql(`create trigger \`audit_checkpoint_no_update\` before update on \`audit_checkpoint\` begin select raise(abort, 'audit checkpoints cannot be changed'); end;`);
    this.addSql(`create trigger \`audit_checkpoint_no_delete\` before delete on \`audit_checkpoint\` begin select raise(abort, 'audit checkpoints cannot be deleted'); end;`);
    this.addSql(`create trigger \`audit_checkpoint_no_replace\` before insert on \`audit_checkpoint\` when exists (select 1 from \`audit_checkpoint\` where \`id\` = new.\`id\` or (\`service\` = new.\`service\` and \`last_id\` = new.\`last_id\`)) begin select raise(abort, 'audit checkpoints cannot be replaced'); end;`);
  }

  override async down(): Promise<void> {
    for (const t of ['audit_checkpoint_no_replace', 'audit_checkpoint_no_delete', 'audit_checkpoint_no_update', 'audit_entry_append_only', 'audit_entry_no_replace']) this.addSql(`drop trigger if exists \`${t}\`;`);
    this.addSql(`drop table if exists \`audit_checkpoint\`;`);
  }

}
