import { Migration } from '@mikro-orm/migrations';

export class Migration20261129104623 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "legal_notice" ("id" uuid not null, "student_id" varchar(43) not null, "recipient_kind" text check ("recipient_kind" in ('GUARDIAN', 'EMPLOYER')) not null, "recipient" varchar(200) not null, "served_on" date not null, "content" text not null, "officer" varchar(64) not null, "created_at" timestamptz(6) not null, constraint "legal_notice_pkey" primary key ("id"));`);
    this.addSql(`create index "legal_notice_student_id_index" on "legal_notice" ("student_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "legal_notice" cascade;`);
  }

}
