import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the two new columns are needed. */
export class Migration20261206215048 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`home_visit\` add column \`visitor_department\` text not null default 'community';`);
    this.addSql(`alter table \`home_visit\` add column \`participants\` json not null default '[]';`);
  }

}
