import { Migration } from '@mikro-orm/migrations';

export class Migration20261129101756 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz(6) not null, "kind" varchar(5) not null, "user" varchar(64) not null, "department" varchar(20) not null, "role" varchar(32) not null, "student_id" varchar(43) null, "fields" text not null, "operation" varchar(200) not null, "request_id" varchar(64) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_entry_student_id_index" on "audit_entry" ("student_id");`);

    this.addSql(`create table "meeting" ("id" uuid not null, "date" date not null, "title" varchar(200) not null, "chair" varchar(100) not null, "departments_present" jsonb not null, "agenda" text not null, "minutes" text null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "meeting_date_index" on "meeting" ("date");`);

    this.addSql(`create table "persuasion_task" ("id" uuid not null, "student_id" varchar(43) not null, "case_id" varchar(36) null, "meeting_id" uuid null, "type" text check ("type" in ('HOME_VISIT', 'LOCATE_FAMILY', 'AID', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER_TO_ORIGIN')) not null, "assigned_department" varchar(20) not null, "assignee" varchar(64) null, "due_date" date not null, "status" text check ("status" in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) not null default 'ASSIGNED', "note" text null, "evidence_kind" text check ("evidence_kind" in ('HOME_VISIT', 'LOCATE_REPORT', 'AID_GRANT', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER')) null, "evidence_id" varchar(64) null, "completed_on" date null, "rejection_reason" text null, "created_by" varchar(64) not null, "version" int not null default 1, "created_at" timestamptz(6) not null, constraint "persuasion_task_pkey" primary key ("id"));`);
    this.addSql(`create index "persuasion_task_student_id_index" on "persuasion_task" ("student_id");`);
    this.addSql(`create index "persuasion_task_assigned_department_status_due_date_index" on "persuasion_task" ("assigned_department", "status", "due_date");`);

    this.addSql(`create table "resolution" ("id" uuid not null, "meeting_id" uuid not null, "ordinal" int not null, "text" text not null, constraint "resolution_pkey" primary key ("id"));`);
    this.addSql(`create index "resolution_meeting_id_index" on "resolution" ("meeting_id");`);

    this.addSql(`create table "task_event" ("id" serial primary key, "task_id" uuid not null, "at" timestamptz(6) not null, "date" date not null, "user" varchar(64) not null, "department" varchar(20) not null, "action" text check ("action" in ('ASSIGN', 'ACCEPT', 'START', 'COMPLETE', 'REJECT', 'REASSIGN')) not null, "from_status" text check ("from_status" in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) null, "to_status" text check ("to_status" in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) not null, "note" text null);`);
    this.addSql(`create index "task_event_task_id_index" on "task_event" ("task_id");`);

    this.addSql(`alter table "persuasion_task" add constraint "persuasion_task_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "resolution" add constraint "resolution_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade;`);

    this.addSql(`alter table "task_event" add constraint "task_event_task_id_foreign" foreign key ("task_id") references "persuasion_task" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "persuasion_task" drop constraint "persuasion_task_meeting_id_foreign";`);

    this.addSql(`alter table "resolution" drop constraint "resolution_meeting_id_foreign";`);

    this.addSql(`alter table "task_event" drop constraint "task_event_task_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "meeting" cascade;`);

    this.addSql(`drop table if exists "persuasion_task" cascade;`);

    this.addSql(`drop table if exists "resolution" cascade;`);

    this.addSql(`drop table if exists "task_event" cascade;`);
  }

}
