import { Migration } from '@mikro-orm/migrations';

export class Migration20261129101756 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`kind\` text not null, \`user\` text not null, \`department\` text not null, \`role\` text not null, \`student_id\` text null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create index \`audit_entry_student_id_index\` on \`audit_entry\` (\`student_id\`);`);

    this.addSql(`create table \`meeting\` (\`id\` text not null, \`date\` date not null, \`title\` text not null, \`chair\` text not null, \`departments_present\` json not null, \`agenda\` text not null, \`minutes\` text null, \`version\` integer not null default 1, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`meeting_date_index\` on \`meeting\` (\`date\`);`);

    this.addSql(`create table \`persuasion_task\` (\`id\` text not null, \`student_id\` text not null, \`case_id\` text null, \`meeting_id\` text null, \`type\` text check (\`type\` in ('HOME_VISIT', 'LOCATE_FAMILY', 'AID', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER_TO_ORIGIN')) not null, \`assigned_department\` text not null, \`assignee\` text null, \`due_date\` date not null, \`status\` text check (\`status\` in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) not null default 'ASSIGNED', \`note\` text null, \`evidence_kind\` text check (\`evidence_kind\` in ('HOME_VISIT', 'LOCATE_REPORT', 'AID_GRANT', 'LEGAL_NOTICE', 'RE_ENROLMENT', 'LETTER')) null, \`evidence_id\` text null, \`completed_on\` date null, \`rejection_reason\` text null, \`created_by\` text not null, \`version\` integer not null default 1, \`created_at\` datetime not null, constraint \`persuasion_task_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`persuasion_task_student_id_index\` on \`persuasion_task\` (\`student_id\`);`);
    this.addSql(`create index \`persuasion_task_meeting_id_index\` on \`persuasion_task\` (\`meeting_id\`);`);
    this.addSql(`create index \`persuasion_task_assigned_department_status_due_date_index\` on \`persuasion_task\` (\`assigned_department\`, \`status\`, \`due_date\`);`);

    this.addSql(`create table \`resolution\` (\`id\` text not null, \`meeting_id\` text not null, \`ordinal\` integer not null, \`text\` text not null, constraint \`resolution_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`meeting\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`resolution_meeting_id_index\` on \`resolution\` (\`meeting_id\`);`);

    this.addSql(`create table \`task_event\` (\`id\` integer not null primary key autoincrement, \`task_id\` text not null, \`at\` datetime not null, \`date\` date not null, \`user\` text not null, \`department\` text not null, \`action\` text check (\`action\` in ('ASSIGN', 'ACCEPT', 'START', 'COMPLETE', 'REJECT', 'REASSIGN')) not null, \`from_status\` text check (\`from_status\` in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) null, \`to_status\` text check (\`to_status\` in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED')) not null, \`note\` text null, constraint \`task_event_task_id_foreign\` foreign key(\`task_id\`) references \`persuasion_task\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`task_event_task_id_index\` on \`task_event\` (\`task_id\`);`);
  }

}
