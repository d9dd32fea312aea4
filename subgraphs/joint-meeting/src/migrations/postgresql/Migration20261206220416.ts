import { Migration } from '@mikro-orm/migrations';

export class Migration20261206220416 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resolution_follow_up" ("id" uuid not null, "resolution_id" uuid not null, "date" date not null, "kind" text check ("kind" in ('PROGRESS', 'CARRIED_OUT', 'URGED')) not null, "department" varchar(20) not null, "text" text not null, "recorded_by" varchar(64) not null, "recorded_at" timestamptz(6) not null, constraint "resolution_follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "resolution_follow_up_resolution_id_index" on "resolution_follow_up" ("resolution_id");`);

    this.addSql(`alter table "resolution_follow_up" add constraint "resolution_follow_up_resolution_id_foreign" foreign key ("resolution_id") references "resolution" ("id") on update cascade;`);

    this.addSql(`alter table "resolution" add column "lead_department" varchar(20) null, add column "due_date" date null, add column "status" text check ("status" in ('RECORDED', 'SUPERVISED', 'CARRIED_OUT')) not null default 'RECORDED', add column "carried_out_on" date null, add column "last_follow_up_on" date null, add column "follow_up_count" int not null default 0, add column "version" int not null default 1;`);
    this.addSql(`create index "resolution_due_date_index" on "resolution" ("due_date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resolution_follow_up" cascade;`);

    this.addSql(`drop index "resolution_due_date_index";`);
    this.addSql(`alter table "resolution" drop column "lead_department", drop column "due_date", drop column "status", drop column "carried_out_on", drop column "last_follow_up_on", drop column "follow_up_count", drop column "version";`);
  }

}
