import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the new table is needed. */
export class Migration20261206212724 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`child_welfare_record\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`category\` text check (\`category\` in ('ORPHAN', 'DE_FACTO_UNCARED', 'IN_DIFFICULTY')) not null, \`recognised_on\` date not null, \`basis\` text not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create unique index \`child_welfare_record_resident_id_unique\` on \`child_welfare_record\` (\`resident_id\`);`);
  }

}
