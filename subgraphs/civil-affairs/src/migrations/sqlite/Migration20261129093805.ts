import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093805 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`aid_grant\` (\`id\` text not null, \`student_id\` text not null, \`programme\` text check (\`programme\` in ('TWO_EXEMPTIONS_ONE_SUBSIDY', 'NUTRITION', 'STUDENT_GRANT', 'MINIMUM_LIVING')) not null, \`amount_fen\` integer not null, \`period_start\` date not null, \`period_end\` date not null, \`granted_on\` date not null, \`recorded_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`aid_grant_student_id_index\` on \`aid_grant\` (\`student_id\`);`);

    this.addSql(`create table \`disability_record\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`category\` text check (\`category\` in ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')) not null, \`grade\` integer not null, \`certificate_number\` text null, \`recorded_on\` date not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`disability_record_resident_id_unique\` on \`disability_record\` (\`resident_id\`);`);

    this.addSql(`create table \`left_behind_child\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`carer_name\` text not null, \`carer_relation\` text not null, \`parents_workplace\` text null, \`registered_on\` date not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create unique index \`left_behind_child_resident_id_unique\` on \`left_behind_child\` (\`resident_id\`);`);

    this.addSql(`create table \`poor_household\` (\`id\` text not null, \`region_code\` text not null, \`head_name\` text not null, \`registered_year\` integer not null, \`status\` text check (\`status\` in ('REGISTERED', 'MONITORED', 'LIFTED')) not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create index \`poor_household_region_code_index\` on \`poor_household\` (\`region_code\`);`);

    this.addSql(`create table \`poor_household_member\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`household_id\` text not null, \`relation\` text not null, constraint \`poor_household_member_household_id_foreign\` foreign key(\`household_id\`) references \`poor_household\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`poor_household_member_resident_id_unique\` on \`poor_household_member\` (\`resident_id\`);`);
    this.addSql(`create index \`poor_household_member_household_id_index\` on \`poor_household_member\` (\`household_id\`);`);
  }

}
