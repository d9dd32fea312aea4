import { Migration } from '@mikro-orm/migrations';

export class Migration20261206210941 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "status_change" add column "guardian_application" boolean not null default false, add column "approval_reference" varchar(60) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "status_change" drop column "guardian_application", drop column "approval_reference";`);
  }

}
