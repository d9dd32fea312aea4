import { Migration } from '@mikro-orm/migrations';

export class Migration20261206215048 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "home_visit" add column "visitor_department" varchar(20) not null default 'community', add column "participants" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "home_visit" drop column "visitor_department", drop column "participants";`);
  }

}
