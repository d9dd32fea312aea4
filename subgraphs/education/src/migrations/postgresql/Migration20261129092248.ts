import { Migration } from '@mikro-orm/migrations';

export class Migration20261129092248 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "consolidation_target" ("year" int not null, "target_percent" double precision not null, "set_by" varchar(200) not null, constraint "consolidation_target_pkey" primary key ("year"));`);

    this.addSql(`create table "school" ("code" varchar(10) not null, "name" varchar(100) not null, "type" text check ("type" in ('PRIMARY', 'JUNIOR', 'NINE_YEAR')) not null, "subdistrict_code" varchar(9) not null, "subdistrict_name" varchar(50) not null, "created_at" timestamptz(6) not null, constraint "school_pkey" primary key ("code"));`);
    this.addSql(`alter table "school" add constraint "school_name_unique" unique ("name");`);
    this.addSql(`create index "school_subdistrict_code_index" on "school" ("subdistrict_code");`);

    this.addSql(`create table "school_interview" ("id" uuid not null, "school_code" varchar(10) not null, "date" date not null, "interviewees" jsonb not null, "findings" text not null, "responsibility_letter_signed" boolean not null, "rectification_deadline" date not null, "rectified_on" date null, "version" int not null default 1, "recorded_by" varchar(64) not null, constraint "school_interview_pkey" primary key ("id"));`);
    this.addSql(`create index "school_interview_school_code_index" on "school_interview" ("school_code");`);

    this.addSql(`create table "screening" ("id" uuid not null, "title" varchar(200) not null, "started_on" date not null, "ended_on" date not null, "organiser" varchar(100) not null, "findings" text not null, "recorded_by" varchar(64) not null, constraint "screening_pkey" primary key ("id"));`);

    this.addSql(`create table "student" ("id" varchar(43) not null, "student_number" varchar(19) not null, "resident_id" varchar(18) null, "name" varchar(50) not null, "gender" text check ("gender" in ('MALE', 'FEMALE')) not null, "birth_date" date not null, "school_code" varchar(10) not null, "grade" int not null, "class_name" varchar(20) not null, "status" text check ("status" in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) not null, "cohort_year" int not null, "version" int not null default 1, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "student_pkey" primary key ("id"));`);
    this.addSql(`alter table "student" add constraint "student_student_number_unique" unique ("student_number");`);
    this.addSql(`alter table "student" add constraint "student_resident_id_unique" unique ("resident_id");`);
    this.addSql(`create index "student_cohort_year_index" on "student" ("cohort_year");`);
    this.addSql(`create index "student_school_code_id_index" on "student" ("school_code", "id");`);
    this.addSql(`create index "student_status_id_index" on "student" ("status", "id");`);

    this.addSql(`create table "status_change" ("id" serial primary key, "student_id" varchar(43) not null, "code" smallint not null, "date" date not null, "school_code" varchar(10) not null, "grade" int not null, "from_status" text check ("from_status" in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) null, "to_status" text check ("to_status" in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) not null, "crosses_district" boolean not null default false, "counterpart" varchar(200) null, "reason" text null, "recorded_by" varchar(64) not null, "recorded_at" timestamptz(6) not null);`);
    this.addSql(`create index "status_change_student_id_index" on "status_change" ("student_id");`);
    this.addSql(`create index "status_change_code_date_index" on "status_change" ("code", "date");`);

    this.addSql(`create table "dropout_case" ("id" uuid not null, "student_id" varchar(43) not null, "school_code" varchar(10) not null, "grade" int not null, "discovered_on" date not null, "source" text check ("source" in ('SCREENING', 'SCHOOL_REPORT', 'CROSS_CHECK', 'HOME_VISIT', 'OTHER_DEPARTMENT')) not null, "screening_id" uuid null, "reasons" jsonb not null, "responsibility_chain" jsonb not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "outcome" text check ("outcome" in ('RETURNED', 'TRANSFERRED', 'REFERRED_OUT')) null, "closed_on" date null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "dropout_case_pkey" primary key ("id"));`);
    this.addSql(`create index "dropout_case_student_id_index" on "dropout_case" ("student_id");`);
    this.addSql(`create index "dropout_case_school_code_index" on "dropout_case" ("school_code");`);
    this.addSql(`create index "dropout_case_discovered_on_index" on "dropout_case" ("discovered_on");`);

    this.addSql(`create table "case_record" ("id" serial primary key, "dropout_case_id" uuid not null, "date" date not null, "kind" text check ("kind" in ('DISCOVERED', 'HOME_VISIT', 'PHONE_CALL', 'TALK', 'LEGAL_NOTICE', 'LETTER', 'RETURNED', 'CLOSED', 'NOTE')) not null, "summary" text not null, "recorded_by" varchar(64) not null, "recorded_at" timestamptz(6) not null);`);
    this.addSql(`create index "case_record_dropout_case_id_index" on "case_record" ("dropout_case_id");`);

    this.addSql(`alter table "school_interview" add constraint "school_interview_school_code_foreign" foreign key ("school_code") references "school" ("code") on update cascade;`);

    this.addSql(`alter table "student" add constraint "student_school_code_foreign" foreign key ("school_code") references "school" ("code") on update cascade;`);

    this.addSql(`alter table "status_change" add constraint "status_change_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade;`);

    this.addSql(`alter table "dropout_case" add constraint "dropout_case_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade;`);
    this.addSql(`alter table "dropout_case" add constraint "dropout_case_school_code_foreign" foreign key ("school_code") references "school" ("code") on update cascade;`);
    this.addSql(`alter table "dropout_case" add constraint "dropout_case_screening_id_foreign" foreign key ("screening_id") references "screening" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "case_record" add constraint "case_record_dropout_case_id_foreign" foreign key ("dropout_case_id") references "dropout_case" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "school_interview" drop constraint "school_interview_school_code_foreign";`);

    this.addSql(`alter table "student" drop constraint "student_school_code_foreign";`);

    this.addSql(`alter table "dropout_case" drop constraint "dropout_case_school_code_foreign";`);

    this.addSql(`alter table "dropout_case" drop constraint "dropout_case_screening_id_foreign";`);

    this.addSql(`alter table "status_change" drop constraint "status_change_student_id_foreign";`);

    this.addSql(`alter table "dropout_case" drop constraint "dropout_case_student_id_foreign";`);

    this.addSql(`alter table "case_record" drop constraint "case_record_dropout_case_id_foreign";`);

    this.addSql(`drop table if exists "consolidation_target" cascade;`);

    this.addSql(`drop table if exists "school" cascade;`);

    this.addSql(`drop table if exists "school_interview" cascade;`);

    this.addSql(`drop table if exists "screening" cascade;`);

    this.addSql(`drop table if exists "student" cascade;`);

    this.addSql(`drop table if exists "status_change" cascade;`);

    this.addSql(`drop table if exists "dropout_case" cascade;`);

    this.addSql(`drop table if exists "case_record" cascade;`);
  }

}
