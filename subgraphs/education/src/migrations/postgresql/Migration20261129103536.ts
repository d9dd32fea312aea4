import { Migration } from '@mikro-orm/migrations';

export class Migration20261129103536 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "letter" ("id" uuid not null, "dropout_case_id" uuid not null, "origin_region_code" varchar(6) not null, "recipient" varchar(100) not null, "sent_on" date not null, "body" text not null, "status" text check ("status" in ('SENT', 'ACKNOWLEDGED', 'REPLIED')) not null default 'SENT', "acknowledged_on" date null, "replied_on" date null, "reply" text null, "recorded_by" varchar(64) not null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "letter_pkey" primary key ("id"));`);
    this.addSql(`create index "letter_dropout_case_id_index" on "letter" ("dropout_case_id");`);

    this.addSql(`alter table "letter" add constraint "letter_dropout_case_id_foreign" foreign key ("dropout_case_id") references "dropout_case" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "letter" cascade;`);
  }

}
