/**
 * Audit entries are kept (PIPL; the joint meeting's rules): never changed, never truncated, and
 * none younger than six months (183 days) deleted — whatever client or account asks. Every
 * department's audit_entry table is the same, so every department's migration
 * `Migration20261129162000` is one of these two, by dialect. Written by hand: triggers are not
 * part of the entities. Do not edit once applied: a later change is a new migration.
 */
import { Migration } from '@mikro-orm/migrations';

export abstract class AuditRetentionPostgres extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function audit_entry_keep() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    raise exception 'audit entries cannot be changed' using errcode = 'insufficient_privilege';
  elsif tg_op = 'TRUNCATE' then
    raise exception 'audit entries cannot be truncated' using errcode = 'insufficient_privilege';
  elsif old."at" > now() - interval '183 days' then
    raise exception 'audit entries are kept at least six months: entry % is from %', old.id, old."at" using errcode = 'insufficient_privilege';
  end if;
  return old;
end $$;`);
    this.addSql(`create trigger audit_entry_no_update before update on "audit_entry" for each row execute function audit_entry_keep();`);
    this.addSql(`create trigger audit_entry_retention before delete on "audit_entry" for each row execute function audit_entry_keep();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry" for each statement execute function audit_entry_keep();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_entry_no_truncate on "audit_entry";`);
    this.addSql(`drop trigger if exists audit_entry_retention on "audit_entry";`);
    this.addSql(`drop trigger if exists audit_entry_no_update on "audit_entry";`);
    this.addSql(`drop function if exists audit_entry_keep();`);
  }

}

/** The same on SQLite (`at` is an ISO-8601 string there, so it compares as text; no TRUNCATE exists). */
export abstract class AuditRetentionSqlite extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create trigger \`audit_entry_no_update\` before update on \`audit_entry\` begin select raise(abort, 'audit entries cannot be changed'); end;`);
    this.addSql(`create trigger \`audit_entry_retention\` before delete on \`audit_entry\` when old.\`at\` > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-183 days') begin select raise(abort, 'audit entries are kept at least six months'); end;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists \`audit_entry_retention\`;`);
    this.addSql(`drop trigger if exists \`audit_entry_no_update\`;`);
  }

}
