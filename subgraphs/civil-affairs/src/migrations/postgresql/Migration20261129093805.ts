import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093805 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "aid_grant" ("id" uuid not null, "student_id" varchar(43) not null, "programme" text check ("programme" in ('TWO_EXEMPTIONS_ONE_SUBSIDY', 'NUTRITION', 'STUDENT_GRANT', 'MINIMUM_LIVING')) not null, "amount_fen" int not null, "period_start" date not null, "period_end" date not null, "granted_on" date not null, "recorded_by" varchar(64) not null, "created_at" timestamptz(6) not null, constraint "aid_grant_pkey" primary key ("id"));`);
    this.addSql(`create index "aid_grant_student_id_index" on "aid_grant" ("student_id");`);

    this.addSql(`create table "disability_record" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "category" text check ("category" in ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')) not null, "grade" int not null, "certificate_number" varchar(30) null, "recorded_on" date not null, constraint "disability_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "disability_record" add constraint "disability_record_resident_id_unique" unique ("resident_id");`);

    this.addSql(`create table "left_behind_child" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "carer_name" varchar(50) not null, "carer_relation" varchar(20) not null, "parents_workplace" varchar(100) null, "registered_on" date not null, "version" int not null default 1, constraint "left_behind_child_pkey" primary key ("id"));`);
    this.addSql(`alter table "left_behind_child" add constraint "left_behind_child_resident_id_unique" unique ("resident_id");`);

    this.addSql(`create table "poor_household" ("id" uuid not null, "region_code" varchar(6) not null, "head_name" varchar(50) not null, "registered_year" int not null, "status" text check ("status" in ('REGISTERED', 'MONITORED', 'LIFTED')) not null, "version" int not null default 1, constraint "poor_household_pkey" primary key ("id"));`);
    this.addSql(`create index "poor_household_region_code_index" on "poor_household" ("region_code");`);

    this.addSql(`create table "poor_household_member" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "household_id" uuid not null, "relation" varchar(20) not null, constraint "poor_household_member_pkey" primary key ("id"));`);
    this.addSql(`alter table "poor_household_member" add constraint "poor_household_member_resident_id_unique" unique ("resident_id");`);
    this.addSql(`create index "poor_household_member_household_id_index" on "poor_household_member" ("household_id");`);

    this.addSql(`alter table "poor_household_member" add constraint "poor_household_member_household_id_foreign" foreign key ("household_id") references "poor_household" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "poor_household_member" drop constraint "poor_household_member_household_id_foreign";`);

    this.addSql(`drop table if exists "aid_grant" cascade;`);

    this.addSql(`drop table if exists "disability_record" cascade;`);

    this.addSql(`drop table if exists "left_behind_child" cascade;`);

    this.addSql(`drop table if exists "poor_household" cascade;`);

    this.addSql(`drop table if exists "poor_household_member" cascade;`);
  }

}
