import { Migration } from '@mikro-orm/migrations';

/**
 * One open dropout case per child. Written by hand: MikroORM's SQLite diff also proposed
 * rebuilding five unchanged tables (its SQLite comparison is inexact; the PostgreSQL diff is the
 * one the migrations test holds exact).
 */
export class Migration20261129175517 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "dropout_case_one_open_per_student" on "dropout_case" ("student_id") where "status" = 'OPEN';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dropout_case_one_open_per_student";`);
  }

}
