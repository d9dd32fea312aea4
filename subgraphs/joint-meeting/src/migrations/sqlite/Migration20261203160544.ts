import { Migration } from '@mikro-orm/migrations';

/** The district's cross-check lease (one run at a time across instances). MikroORM's SQLite diff also rebuilt three unchanged tables; only the new table is kept. */
export class Migration20261203160544 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`cross_check_lease\` (\`id\` text not null, \`token\` text not null, \`started_by\` text not null, \`since\` datetime not null, \`until\` datetime not null, primary key (\`id\`));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`cross_check_lease\`;`);
  }

}
