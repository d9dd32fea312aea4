import { Migration } from '@mikro-orm/migrations';

export class Migration20261129095746 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`kind\` text not null, \`user\` text not null, \`department\` text not null, \`role\` text not null, \`student_id\` text null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create index \`audit_entry_student_id_index\` on \`audit_entry\` (\`student_id\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`aid_grant__temp_alter\` (\`id\` text not null, \`student_id\` text not null, \`programme\` text check (\`programme\` in ('TWO_EXEMPTIONS_ONE_SUBSIDY', 'NUTRITION', 'STUDENT_GRANT', 'MINIMUM_LIVING')) not null, \`amount_fen\` integer not null, \`period_start\` date not null, \`period_end\` date not null, \`granted_on\` date not null, \`recorded_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`insert into \`aid_grant__temp_alter\` select \`id\`, \`student_id\`, \`programme\`, \`amount_fen\`, \`period_start\`, \`period_end\`, \`granted_on\`, \`recorded_by\`, \`created_at\` from \`aid_grant\`;`);
    this.addSql(`drop table \`aid_grant\`;`);
    this.addSql(`alter table \`aid_grant__temp_alter\` rename to \`aid_grant\`;`);
    this.addSql(`create index \`aid_grant_student_id_index\` on \`aid_grant\` (\`student_id\`);`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`disability_record__temp_alter\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`category\` text check (\`category\` in ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')) not null, \`grade\` integer not null, \`certificate_number\` text null, \`recorded_on\` date not null, primary key (\`id\`));`);
    this.addSql(`insert into \`disability_record__temp_alter\` select \`id\`, \`resident_id\`, \`name\`, \`category\`, \`grade\`, \`certificate_number\`, \`recorded_on\` from \`disability_record\`;`);
    this.addSql(`drop table \`disability_record\`;`);
    this.addSql(`alter table \`disability_record__temp_alter\` rename to \`disability_record\`;`);
    this.addSql(`create unique index \`disability_record_resident_id_unique\` on \`disability_record\` (\`resident_id\`);`);
    this.addSql(`create table \`poor_household__temp_alter\` (\`id\` text not null, \`region_code\` text not null, \`head_name\` text not null, \`registered_year\` integer not null, \`status\` text check (\`status\` in ('REGISTERED', 'MONITORED', 'LIFTED')) not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`insert into \`poor_household__temp_alter\` select \`id\`, \`region_code\`, \`head_name\`, \`registered_year\`, \`status\`, \`version\` from \`poor_household\`;`);
    this.addSql(`drop table \`poor_household\`;`);
    this.addSql(`alter table \`poor_household__temp_alter\` rename to \`poor_household\`;`);
    this.addSql(`create index \`poor_household_region_code_index\` on \`poor_household\` (\`region_code\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
