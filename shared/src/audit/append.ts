/**
 * On PostgreSQL an audit append is one round trip: `kc_audit_append(entries)` takes the chain's
 * advisory lock, reads the chain's last hash and inserts the entries in order, each hashed onto
 * the one before — all in the one statement's transaction, however many instances of the
 * department append at once. Node sends each entry's canonical content (`entryContent`, the text
 * `entryHash` hashes), and the function hashes it the same way:
 * hex(SHA-256(prev_hash || '|' || content)), so `audit:verify` checks both dialects alike.
 * Before: BEGIN, the lock, the last hash, INSERT, COMMIT — five round trips, each a write and a
 * read on both sides, which on the benchmark machine were most of a department's SQL.
 * Every department's audit_entry table is the same, so each department's PostgreSQL migration
 * `Migration20261129210000` is this one. Do not edit once applied: a change is a new migration.
 */
import { Migration } from '@mikro-orm/migrations';

export abstract class AuditAppendPostgres extends Migration {

  override async up(): Promise<void> {
    // a VOLATILE plpgsql function: each statement in it takes a fresh snapshot, so the read of the
    // last hash after the lock sees every append committed before the lock was granted
    this.addSql(`create or replace function kc_audit_append(entries jsonb) returns void
language plpgsql volatile as $$
declare
  prev varchar;
  e jsonb;
  h varchar;
begin
  perform pg_advisory_xact_lock(hashtext('audit_entry'));
  select "hash" into prev from "audit_entry" order by "id" desc limit 1;
  prev := coalesce(prev, repeat('0', 64));
  for e in select x from jsonb_array_elements(entries) with ordinality as t(x, n) order by n loop
    h := encode(sha256(convert_to(prev || '|' || (e->>'content'), 'UTF8')), 'hex');
    insert into "audit_entry" ("at", "kind", "user", "department", "role", "student_id", "fields", "operation", "request_id", "prev_hash", "hash")
    values ((e->>'at')::timestamptz, e->>'kind', e->>'user', e->>'department', e->>'role', e->>'studentId', e->>'fields', e->>'operation', e->>'requestId', prev, h);
    prev := h;
  end loop;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kc_audit_append(jsonb);`);
  }

}
