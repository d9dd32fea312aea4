import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093809 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "grid_worker" ("id" uuid not null, "name" varchar(50) not null, "phone" varchar(20) not null, constraint "grid_worker_pkey" primary key ("id"));`);

    this.addSql(`create table "home_visit" ("id" uuid not null, "student_id" varchar(43) not null, "date" date not null, "visitor_name" varchar(50) not null, "visitor_role" varchar(20) not null, "outcome" text check ("outcome" in ('MET_FAMILY', 'CHILD_PERSUADED', 'REFUSED', 'NOT_HOME', 'MOVED_AWAY')) not null, "notes" text not null, "recorded_by" varchar(64) not null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "home_visit_pkey" primary key ("id"));`);
    this.addSql(`create index "home_visit_student_id_index" on "home_visit" ("student_id");`);

    this.addSql(`create table "subdistrict" ("code" varchar(9) not null, "name" varchar(50) not null, constraint "subdistrict_pkey" primary key ("code"));`);

    this.addSql(`create table "community" ("code" varchar(12) not null, "name" varchar(50) not null, "subdistrict_code" varchar(9) not null, constraint "community_pkey" primary key ("code"));`);
    this.addSql(`create index "community_subdistrict_code_index" on "community" ("subdistrict_code");`);

    this.addSql(`create table "grid_area" ("code" varchar(14) not null, "name" varchar(50) not null, "community_code" varchar(12) not null, "worker_id" uuid not null, constraint "grid_area_pkey" primary key ("code"));`);
    this.addSql(`create index "grid_area_community_code_index" on "grid_area" ("community_code");`);
    this.addSql(`create index "grid_area_worker_id_index" on "grid_area" ("worker_id");`);

    this.addSql(`create table "resident_household" ("id" uuid not null, "community_code" varchar(12) not null, "grid_code" varchar(14) not null, "address" varchar(200) not null, "parents_working_away" boolean not null, "carer" varchar(50) not null, "notes" text null, "version" int not null default 1, constraint "resident_household_pkey" primary key ("id"));`);
    this.addSql(`create index "resident_household_community_code_index" on "resident_household" ("community_code");`);
    this.addSql(`create index "resident_household_grid_code_index" on "resident_household" ("grid_code");`);

    this.addSql(`create table "resident" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "household_id" uuid not null, "relation" varchar(20) not null, constraint "resident_pkey" primary key ("id"));`);
    this.addSql(`alter table "resident" add constraint "resident_resident_id_unique" unique ("resident_id");`);
    this.addSql(`create index "resident_household_id_index" on "resident" ("household_id");`);

    this.addSql(`alter table "community" add constraint "community_subdistrict_code_foreign" foreign key ("subdistrict_code") references "subdistrict" ("code") on update cascade;`);

    this.addSql(`alter table "grid_area" add constraint "grid_area_community_code_foreign" foreign key ("community_code") references "community" ("code") on update cascade;`);
    this.addSql(`alter table "grid_area" add constraint "grid_area_worker_id_foreign" foreign key ("worker_id") references "grid_worker" ("id") on update cascade;`);

    this.addSql(`alter table "resident_household" add constraint "resident_household_community_code_foreign" foreign key ("community_code") references "community" ("code") on update cascade;`);
    this.addSql(`alter table "resident_household" add constraint "resident_household_grid_code_foreign" foreign key ("grid_code") references "grid_area" ("code") on update cascade;`);

    this.addSql(`alter table "resident" add constraint "resident_household_id_foreign" foreign key ("household_id") references "resident_household" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid_area" drop constraint "grid_area_worker_id_foreign";`);

    this.addSql(`alter table "community" drop constraint "community_subdistrict_code_foreign";`);

    this.addSql(`alter table "grid_area" drop constraint "grid_area_community_code_foreign";`);

    this.addSql(`alter table "resident_household" drop constraint "resident_household_community_code_foreign";`);

    this.addSql(`alter table "resident_household" drop constraint "resident_household_grid_code_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_household_id_foreign";`);

    this.addSql(`drop table if exists "grid_worker" cascade;`);

    this.addSql(`drop table if exists "home_visit" cascade;`);

    this.addSql(`drop table if exists "subdistrict" cascade;`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "grid_area" cascade;`);

    this.addSql(`drop table if exists "resident_household" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);
  }

}
