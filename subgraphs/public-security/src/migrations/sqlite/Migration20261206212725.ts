import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the new table is needed. */
export class Migration20261206212725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`juvenile_case_mark\` (\`id\` text not null, \`student_id\` text not null, \`since\` date not null, \`ended_on\` date null, \`recorded_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`juvenile_case_mark_student_id_index\` on \`juvenile_case_mark\` (\`student_id\`);`);
  }

}
