import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the new column is needed. */
export class Migration20261206211359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`household\` add column \`area_type\` text check (\`area_type\` in ('URBAN', 'RURAL')) null;`);
  }

}
