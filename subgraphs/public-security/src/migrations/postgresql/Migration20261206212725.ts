import { Migration } from '@mikro-orm/migrations';

export class Migration20261206212725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "juvenile_case_mark" ("id" uuid not null, "student_id" varchar(43) not null, "since" date not null, "ended_on" date null, "recorded_by" varchar(64) not null, "created_at" timestamptz(6) not null, constraint "juvenile_case_mark_pkey" primary key ("id"));`);
    this.addSql(`create index "juvenile_case_mark_student_id_index" on "juvenile_case_mark" ("student_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "juvenile_case_mark" cascade;`);
  }

}
