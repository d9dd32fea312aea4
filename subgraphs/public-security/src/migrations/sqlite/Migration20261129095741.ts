import { Migration } from '@mikro-orm/migrations';

export class Migration20261129095741 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`kind\` text not null, \`user\` text not null, \`department\` text not null, \`role\` text not null, \`student_id\` text null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create index \`audit_entry_student_id_index\` on \`audit_entry\` (\`student_id\`);`);
  }

}
