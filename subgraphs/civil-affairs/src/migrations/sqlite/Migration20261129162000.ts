import { Migration } from '@mikro-orm/migrations';

/**
 * Audit entries are kept: never changed, and none younger than six months (183 days) deleted.
 * (`at` is an ISO-8601 string here, so it compares as text.) Written by hand: triggers are not
 * part of the entities.
 */
export class Migration20261129162000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create trigger \`audit_entry_no_update\` before update on \`audit_entry\` begin select raise(abort, 'audit entries cannot be changed'); end;`);
    this.addSql(`create trigger \`audit_entry_retention\` before delete on \`audit_entry\` when old.\`at\` > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-183 days') begin select raise(abort, 'audit entries are kept at least six months'); end;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists \`audit_entry_retention\`;`);
    this.addSql(`drop trigger if exists \`audit_entry_no_update\`;`);
  }

}
