import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the two new columns are needed. */
export class Migration20261206210941 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`status_change\` add column \`guardian_application\` integer not null default false;`);
    this.addSql(`alter table \`status_change\` add column \`approval_reference\` text null;`);
  }

}
