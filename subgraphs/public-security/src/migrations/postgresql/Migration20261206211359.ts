import { Migration } from '@mikro-orm/migrations';

export class Migration20261206211359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "household" add column "area_type" text check ("area_type" in ('URBAN', 'RURAL')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "household" drop column "area_type";`);
  }

}
