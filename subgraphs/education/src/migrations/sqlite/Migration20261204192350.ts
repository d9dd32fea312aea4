import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192350 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`student_name_id_index\` on \`student\` (\`name\`, \`id\`);`);
  }

}
