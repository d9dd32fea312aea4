import { Migration } from '@mikro-orm/migrations';

export class Migration20261129175516 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "dropout_case_one_open_per_student" on "dropout_case" ("student_id") where "status" = 'OPEN';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dropout_case_one_open_per_student";`);
  }

}
