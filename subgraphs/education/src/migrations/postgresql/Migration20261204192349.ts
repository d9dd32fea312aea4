import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192349 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "student_name_id_index" on "student" ("name", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "student_name_id_index";`);
  }

}
