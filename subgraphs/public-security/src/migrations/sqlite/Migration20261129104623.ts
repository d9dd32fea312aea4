import { Migration } from '@mikro-orm/migrations';

export class Migration20261129104623 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`legal_notice\` (\`id\` text not null, \`student_id\` text not null, \`recipient_kind\` text check (\`recipient_kind\` in ('GUARDIAN', 'EMPLOYER')) not null, \`recipient\` text not null, \`served_on\` date not null, \`content\` text not null, \`officer\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`legal_notice_student_id_index\` on \`legal_notice\` (\`student_id\`);`);
  }

}
