import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192351 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`home_visit__temp_alter\` (\`id\` text not null, \`student_id\` text not null, \`date\` date not null, \`visitor_name\` text not null, \`visitor_role\` text not null, \`outcome\` text check (\`outcome\` in ('MET_FAMILY', 'MET_CHILD', 'CHILD_PERSUADED', 'REFUSED', 'NOT_HOME', 'MOVED_AWAY')) not null, \`notes\` text not null, \`recorded_by\` text not null, \`version\` integer not null default 1, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`insert into \`home_visit__temp_alter\` select \`id\`, \`student_id\`, \`date\`, \`visitor_name\`, \`visitor_role\`, \`outcome\`, \`notes\`, \`recorded_by\`, \`version\`, \`created_at\` from \`home_visit\`;`);
    this.addSql(`drop table \`home_visit\`;`);
    this.addSql(`alter table \`home_visit__temp_alter\` rename to \`home_visit\`;`);
    this.addSql(`create index \`home_visit_student_id_index\` on \`home_visit\` (\`student_id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
    this.addSql(`create index \`resident_name_id_index\` on \`resident\` (\`name\`, \`id\`);`);
  }

}
