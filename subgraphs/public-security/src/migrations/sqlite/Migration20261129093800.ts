import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093800 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`employer_violation\` (\`id\` text not null, \`student_id\` text not null, \`employer_name\` text not null, \`found_on\` date not null, \`action\` text not null, \`recorded_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`employer_violation_student_id_index\` on \`employer_violation\` (\`student_id\`);`);

    this.addSql(`create table \`household\` (\`number\` text not null, \`region_code\` text not null, \`registered_address\` text not null, \`head_name\` text not null, \`created_at\` datetime not null, primary key (\`number\`));`);
    this.addSql(`create index \`household_region_code_index\` on \`household\` (\`region_code\`);`);

    this.addSql(`create table \`locate_request\` (\`id\` text not null, \`student_id\` text not null, \`requested_on\` date not null, \`requested_by\` text not null, \`reason\` text not null, \`status\` text check (\`status\` in ('OPEN', 'REPORTED')) not null default 'OPEN', \`version\` integer not null default 1, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`locate_request_student_id_index\` on \`locate_request\` (\`student_id\`);`);

    this.addSql(`create table \`locate_report\` (\`id\` integer not null primary key autoincrement, \`request_id\` text not null, \`date\` date not null, \`region_code\` text not null, \`summary\` text not null, \`officer\` text not null, constraint \`locate_report_request_id_foreign\` foreign key(\`request_id\`) references \`locate_request\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`locate_report_request_id_index\` on \`locate_report\` (\`request_id\`);`);

    this.addSql(`create table \`person\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`gender\` text not null, \`birth_date\` date not null, \`household_number\` text not null, \`relation\` text not null, \`phone\` text null, \`version\` integer not null default 1, \`created_at\` datetime not null, constraint \`person_household_number_foreign\` foreign key(\`household_number\`) references \`household\`(\`number\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`person_resident_id_unique\` on \`person\` (\`resident_id\`);`);
    this.addSql(`create index \`person_household_number_index\` on \`person\` (\`household_number\`);`);

    this.addSql(`create table \`residence_permit\` (\`id\` text not null, \`household_number\` text not null, \`holder_name\` text not null, \`address\` text not null, \`community_code\` text null, \`issued_on\` date not null, \`valid_until\` date not null, constraint \`residence_permit_household_number_foreign\` foreign key(\`household_number\`) references \`household\`(\`number\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`residence_permit_household_number_index\` on \`residence_permit\` (\`household_number\`);`);
  }

}
