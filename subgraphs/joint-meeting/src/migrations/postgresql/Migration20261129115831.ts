import { Migration } from '@mikro-orm/migrations';

export class Migration20261129115831 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cross_check_run" ("id" uuid not null, "as_of" date not null, "started_by" varchar(64) not null, "started_at" timestamptz(6) not null, "registered_by_police" int not null, "living_in_communities" int not null, "school_age" int not null, "with_enrollment" int not null, "suspected_dropouts" int not null, "dropouts" int not null, "findings" int not null, "timings" jsonb not null, constraint "cross_check_run_pkey" primary key ("id"));`);
    this.addSql(`create index "cross_check_run_as_of_index" on "cross_check_run" ("as_of");`);

    this.addSql(`create table "ledger_entry" ("id" serial primary key, "run_id" uuid not null, "ledger" text check ("ledger" in ('SCHOOL_AGE', 'SUSPECTED_DROPOUT', 'DROPOUT')) not null, "student_id" varchar(43) not null, "known_to" jsonb not null, "enrollment_status" varchar(20) null, "finding" text check ("finding" in ('NEVER_ENROLLED', 'LEFT_SCHOOL', 'NOT_ATTENDING', 'TREAT_AS_DROPOUT', 'POOR_DROPOUT')) null, "reasons" jsonb not null, "suggested_task" text check ("suggested_task" in ('HOME_VISIT', 'LOCATE_FAMILY', 'AID', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER_TO_ORIGIN')) null, "status" text check ("status" in ('OPEN', 'ACTED', 'DISMISSED')) null, "task_id" uuid null, "dismissed_reason" text null, "handled_by" varchar(64) null, "version" int not null default 1);`);
    this.addSql(`create index "ledger_entry_student_id_index" on "ledger_entry" ("student_id");`);
    this.addSql(`create index "ledger_entry_run_id_finding_status_index" on "ledger_entry" ("run_id", "finding", "status");`);
    this.addSql(`create index "ledger_entry_run_id_ledger_id_index" on "ledger_entry" ("run_id", "ledger", "id");`);

    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_run_id_foreign" foreign key ("run_id") references "cross_check_run" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_run_id_foreign";`);

    this.addSql(`drop table if exists "cross_check_run" cascade;`);

    this.addSql(`drop table if exists "ledger_entry" cascade;`);
  }

}
