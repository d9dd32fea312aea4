import { Migration } from '@mikro-orm/migrations';

export class Migration20261129115828 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`early_warning_policy\` (\`province\` text not null, \`report_unexcused_days\` integer not null, \`report_window_days\` integer not null, \`dropout_consecutive_weeks\` integer not null, \`absent_week_min_days\` integer not null, \`terms\` json not null, \`weights_by_factor\` json not null, \`levels\` json not null, \`updated_by\` text null, \`updated_at\` datetime null, \`version\` integer not null default 1, primary key (\`province\`));`);

    this.addSql(`create table \`absence\` (\`id\` integer not null primary key autoincrement, \`student_id\` text not null, \`school_code\` text not null, \`date\` date not null, \`portion\` text check (\`portion\` in ('FULL_DAY', 'MORNING', 'AFTERNOON')) not null, \`excused\` integer not null, \`reason\` text null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`absence_student_id_foreign\` foreign key(\`student_id\`) references \`student\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`absence_student_id_index\` on \`absence\` (\`student_id\`);`);
    this.addSql(`create index \`absence_date_excused_index\` on \`absence\` (\`date\`, \`excused\`);`);
    this.addSql(`create unique index \`absence_student_id_date_portion_unique\` on \`absence\` (\`student_id\`, \`date\`, \`portion\`);`);
  }

}
