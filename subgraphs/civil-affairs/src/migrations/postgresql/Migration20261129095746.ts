import { Migration } from '@mikro-orm/migrations';

export class Migration20261129095746 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz(6) not null, "kind" varchar(5) not null, "user" varchar(64) not null, "department" varchar(20) not null, "role" varchar(32) not null, "student_id" varchar(43) null, "fields" text not null, "operation" varchar(200) not null, "request_id" varchar(64) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_entry_student_id_index" on "audit_entry" ("student_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}
