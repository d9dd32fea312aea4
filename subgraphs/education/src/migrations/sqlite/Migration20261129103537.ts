import { Migration } from '@mikro-orm/migrations';

export class Migration20261129103537 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`letter\` (\`id\` text not null, \`dropout_case_id\` text not null, \`origin_region_code\` text not null, \`recipient\` text not null, \`sent_on\` date not null, \`body\` text not null, \`status\` text check (\`status\` in ('SENT', 'ACKNOWLEDGED', 'REPLIED')) not null default 'SENT', \`acknowledged_on\` date null, \`replied_on\` date null, \`reply\` text null, \`recorded_by\` text not null, \`version\` integer not null default 1, \`created_at\` datetime not null, constraint \`letter_dropout_case_id_foreign\` foreign key(\`dropout_case_id\`) references \`dropout_case\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`letter_dropout_case_id_index\` on \`letter\` (\`dropout_case_id\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`school__temp_alter\` (\`code\` text not null, \`name\` text not null, \`type\` text check (\`type\` in ('PRIMARY', 'JUNIOR', 'NINE_YEAR')) not null, \`subdistrict_code\` text not null, \`subdistrict_name\` text not null, \`created_at\` datetime not null, primary key (\`code\`));`);
    this.addSql(`insert into \`school__temp_alter\` select \`code\`, \`name\`, \`type\`, \`subdistrict_code\`, \`subdistrict_name\`, \`created_at\` from \`school\`;`);
    this.addSql(`drop table \`school\`;`);
    this.addSql(`alter table \`school__temp_alter\` rename to \`school\`;`);
    this.addSql(`create unique index \`school_name_unique\` on \`school\` (\`name\`);`);
    this.addSql(`create index \`school_subdistrict_code_index\` on \`school\` (\`subdistrict_code\`);`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`student__temp_alter\` (\`id\` text not null, \`student_number\` text not null, \`resident_id\` text null, \`name\` text not null, \`gender\` text check (\`gender\` in ('MALE', 'FEMALE')) not null, \`birth_date\` date not null, \`school_code\` text not null, \`grade\` integer not null, \`class_name\` text not null, \`status\` text check (\`status\` in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) not null, \`cohort_year\` integer not null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`student_school_code_foreign\` foreign key(\`school_code\`) references \`school\`(\`code\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`student__temp_alter\` select \`id\`, \`student_number\`, \`resident_id\`, \`name\`, \`gender\`, \`birth_date\`, \`school_code\`, \`grade\`, \`class_name\`, \`status\`, \`cohort_year\`, \`version\`, \`created_at\`, \`updated_at\` from \`student\`;`);
    this.addSql(`drop table \`student\`;`);
    this.addSql(`alter table \`student__temp_alter\` rename to \`student\`;`);
    this.addSql(`create unique index \`student_student_number_unique\` on \`student\` (\`student_number\`);`);
    this.addSql(`create unique index \`student_resident_id_unique\` on \`student\` (\`resident_id\`);`);
    this.addSql(`create index \`student_school_code_index\` on \`student\` (\`school_code\`);`);
    this.addSql(`create index \`student_cohort_year_index\` on \`student\` (\`cohort_year\`);`);
    this.addSql(`create index \`student_school_code_id_index\` on \`student\` (\`school_code\`, \`id\`);`);
    this.addSql(`create index \`student_status_id_index\` on \`student\` (\`status\`, \`id\`);`);
    this.addSql(`create table \`status_change__temp_alter\` (\`id\` integer not null primary key autoincrement, \`student_id\` text not null, \`code\` integer not null, \`date\` date not null, \`school_code\` text not null, \`grade\` integer not null, \`from_status\` text check (\`from_status\` in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) null, \`to_status\` text check (\`to_status\` in ('ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED')) not null, \`crosses_district\` integer not null default false, \`counterpart\` text null, \`reason\` text null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`status_change_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade);`);
    this.addSql(`insert into \`status_change__temp_alter\` select \`id\`, \`student_id\`, \`code\`, \`date\`, \`school_code\`, \`grade\`, \`from_status\`, \`to_status\`, \`crosses_district\`, \`counterpart\`, \`reason\`, \`recorded_by\`, \`recorded_at\` from \`status_change\`;`);
    this.addSql(`drop table \`status_change\`;`);
    this.addSql(`alter table \`status_change__temp_alter\` rename to \`status_change\`;`);
    this.addSql(`create index \`status_change_student_id_index\` on \`status_change\` (\`student_id\`);`);
    this.addSql(`create index \`status_change_code_date_index\` on \`status_change\` (\`code\`, \`date\`);`);
    this.addSql(`create table \`dropout_case__temp_alter\` (\`id\` text not null, \`student_id\` text not null, \`school_code\` text not null, \`grade\` integer not null, \`discovered_on\` date not null, \`source\` text check (\`source\` in ('SCREENING', 'SCHOOL_REPORT', 'CROSS_CHECK', 'HOME_VISIT', 'OTHER_DEPARTMENT')) not null, \`screening_id\` text null, \`reasons\` json not null, \`responsibility_chain\` json not null, \`status\` text check (\`status\` in ('OPEN', 'CLOSED')) not null default 'OPEN', \`outcome\` text check (\`outcome\` in ('RETURNED', 'TRANSFERRED', 'REFERRED_OUT')) null, \`closed_on\` date null, \`version\` integer not null default 1, \`created_at\` datetime not null, constraint \`dropout_case_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade, constraint \`dropout_case_school_code_foreign\` foreign key(\`school_code\`) references \`school\`(\`code\`) on update cascade, constraint \`dropout_case_screening_id_foreign\` foreign key(\`screening_id\`) references \`screening\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`dropout_case__temp_alter\` select \`id\`, \`student_id\`, \`school_code\`, \`grade\`, \`discovered_on\`, \`source\`, \`screening_id\`, \`reasons\`, \`responsibility_chain\`, \`status\`, \`outcome\`, \`closed_on\`, \`version\`, \`created_at\` from \`dropout_case\`;`);
    this.addSql(`drop table \`dropout_case\`;`);
    this.addSql(`alter table \`dropout_case__temp_alter\` rename to \`dropout_case\`;`);
    this.addSql(`create index \`dropout_case_student_id_index\` on \`dropout_case\` (\`student_id\`);`);
    this.addSql(`create index \`dropout_case_school_code_index\` on \`dropout_case\` (\`school_code\`);`);
    this.addSql(`create index \`dropout_case_screening_id_index\` on \`dropout_case\` (\`screening_id\`);`);
    this.addSql(`create index \`dropout_case_discovered_on_index\` on \`dropout_case\` (\`discovered_on\`);`);
    this.addSql(`create table \`case_record__temp_alter\` (\`id\` integer not null primary key autoincrement, \`dropout_case_id\` text not null, \`date\` date not null, \`kind\` text check (\`kind\` in ('DISCOVERED', 'HOME_VISIT', 'PHONE_CALL', 'TALK', 'LEGAL_NOTICE', 'LETTER', 'RETURNED', 'CLOSED', 'NOTE')) not null, \`summary\` text not null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`case_record_dropout_case_id_foreign\` foreign key(\`dropout_case_id\`) references \`dropout_case\`(\`id\`) on update cascade);`);
    this.addSql(`insert into \`case_record__temp_alter\` select \`id\`, \`dropout_case_id\`, \`date\`, \`kind\`, \`summary\`, \`recorded_by\`, \`recorded_at\` from \`case_record\`;`);
    this.addSql(`drop table \`case_record\`;`);
    this.addSql(`alter table \`case_record__temp_alter\` rename to \`case_record\`;`);
    this.addSql(`create index \`case_record_dropout_case_id_index\` on \`case_record\` (\`dropout_case_id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
