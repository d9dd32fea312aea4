import { Migration } from '@mikro-orm/migrations';

export class Migration20261129115831 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`cross_check_run\` (\`id\` text not null, \`as_of\` date not null, \`started_by\` text not null, \`started_at\` datetime not null, \`registered_by_police\` integer not null, \`living_in_communities\` integer not null, \`school_age\` integer not null, \`with_enrollment\` integer not null, \`suspected_dropouts\` integer not null, \`dropouts\` integer not null, \`findings\` integer not null, \`timings\` json not null, primary key (\`id\`));`);
    this.addSql(`create index \`cross_check_run_as_of_index\` on \`cross_check_run\` (\`as_of\`);`);

    this.addSql(`create table \`ledger_entry\` (\`id\` integer not null primary key autoincrement, \`run_id\` text not null, \`ledger\` text check (\`ledger\` in ('SCHOOL_AGE', 'SUSPECTED_DROPOUT', 'DROPOUT')) not null, \`student_id\` text not null, \`known_to\` json not null, \`enrollment_status\` text null, \`finding\` text check (\`finding\` in ('NEVER_ENROLLED', 'LEFT_SCHOOL', 'NOT_ATTENDING', 'TREAT_AS_DROPOUT', 'POOR_DROPOUT')) null, \`reasons\` json not null, \`suggested_task\` text check (\`suggested_task\` in ('HOME_VISIT', 'LOCATE_FAMILY', 'AID', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER_TO_ORIGIN')) null, \`status\` text check (\`status\` in ('OPEN', 'ACTED', 'DISMISSED')) null, \`task_id\` text null, \`dismissed_reason\` text null, \`handled_by\` text null, \`version\` integer not null default 1, constraint \`ledger_entry_run_id_foreign\` foreign key(\`run_id\`) references \`cross_check_run\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`ledger_entry_run_id_index\` on \`ledger_entry\` (\`run_id\`);`);
    this.addSql(`create index \`ledger_entry_student_id_index\` on \`ledger_entry\` (\`student_id\`);`);
    this.addSql(`create index \`ledger_entry_run_id_finding_status_index\` on \`ledger_entry\` (\`run_id\`, \`finding\`, \`status\`);`);
    this.addSql(`create index \`ledger_entry_run_id_ledger_id_index\` on \`ledger_entry\` (\`run_id\`, \`ledger\`, \`id\`);`);
  }

}
