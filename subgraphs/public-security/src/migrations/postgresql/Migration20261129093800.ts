import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093800 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "employer_violation" ("id" uuid not null, "student_id" varchar(43) not null, "employer_name" varchar(200) not null, "found_on" date not null, "action" varchar(200) not null, "recorded_by" varchar(64) not null, "created_at" timestamptz(6) not null, constraint "employer_violation_pkey" primary key ("id"));`);
    this.addSql(`create index "employer_violation_student_id_index" on "employer_violation" ("student_id");`);

    this.addSql(`create table "household" ("number" varchar(20) not null, "region_code" varchar(6) not null, "registered_address" varchar(200) not null, "head_name" varchar(50) not null, "created_at" timestamptz(6) not null, constraint "household_pkey" primary key ("number"));`);
    this.addSql(`create index "household_region_code_index" on "household" ("region_code");`);

    this.addSql(`create table "locate_request" ("id" uuid not null, "student_id" varchar(43) not null, "requested_on" date not null, "requested_by" varchar(40) not null, "reason" text not null, "status" text check ("status" in ('OPEN', 'REPORTED')) not null default 'OPEN', "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "locate_request_pkey" primary key ("id"));`);
    this.addSql(`create index "locate_request_student_id_index" on "locate_request" ("student_id");`);

    this.addSql(`create table "locate_report" ("id" serial primary key, "request_id" uuid not null, "date" date not null, "region_code" varchar(6) not null, "summary" text not null, "officer" varchar(64) not null);`);
    this.addSql(`create index "locate_report_request_id_index" on "locate_report" ("request_id");`);

    this.addSql(`create table "person" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "gender" varchar(6) not null, "birth_date" date not null, "household_number" varchar(20) not null, "relation" varchar(20) not null, "phone" varchar(20) null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`alter table "person" add constraint "person_resident_id_unique" unique ("resident_id");`);
    this.addSql(`create index "person_household_number_index" on "person" ("household_number");`);

    this.addSql(`create table "residence_permit" ("id" uuid not null, "household_number" varchar(20) not null, "holder_name" varchar(50) not null, "address" varchar(200) not null, "community_code" varchar(12) null, "issued_on" date not null, "valid_until" date not null, constraint "residence_permit_pkey" primary key ("id"));`);
    this.addSql(`create index "residence_permit_household_number_index" on "residence_permit" ("household_number");`);

    this.addSql(`alter table "locate_report" add constraint "locate_report_request_id_foreign" foreign key ("request_id") references "locate_request" ("id") on update cascade;`);

    this.addSql(`alter table "person" add constraint "person_household_number_foreign" foreign key ("household_number") references "household" ("number") on update cascade;`);

    this.addSql(`alter table "residence_permit" add constraint "residence_permit_household_number_foreign" foreign key ("household_number") references "household" ("number") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person" drop constraint "person_household_number_foreign";`);

    this.addSql(`alter table "residence_permit" drop constraint "residence_permit_household_number_foreign";`);

    this.addSql(`alter table "locate_report" drop constraint "locate_report_request_id_foreign";`);

    this.addSql(`drop table if exists "employer_violation" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "locate_request" cascade;`);

    this.addSql(`drop table if exists "locate_report" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "residence_permit" cascade;`);
  }

}
