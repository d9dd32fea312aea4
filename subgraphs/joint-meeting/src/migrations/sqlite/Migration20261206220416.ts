import { Migration } from '@mikro-orm/migrations';

/** Hand-trimmed: MikroORM's SQLite diff rebuilds every table; only the new table and columns are needed. */
export class Migration20261206220416 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resolution_follow_up\` (\`id\` text not null, \`resolution_id\` text not null, \`date\` date not null, \`kind\` text check (\`kind\` in ('PROGRESS', 'CARRIED_OUT', 'URGED')) not null, \`department\` text not null, \`text\` text not null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`resolution_follow_up_resolution_id_foreign\` foreign key(\`resolution_id\`) references \`resolution\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`resolution_follow_up_resolution_id_index\` on \`resolution_follow_up\` (\`resolution_id\`);`);
    this.addSql(`alter table \`resolution\` add column \`lead_department\` text null;`);
    this.addSql(`alter table \`resolution\` add column \`due_date\` date null;`);
    this.addSql(`alter table \`resolution\` add column \`status\` text check (\`status\` in ('RECORDED', 'SUPERVISED', 'CARRIED_OUT')) not null default 'RECORDED';`);
    this.addSql(`alter table \`resolution\` add column \`carried_out_on\` date null;`);
    this.addSql(`alter table \`resolution\` add column \`last_follow_up_on\` date null;`);
    this.addSql(`alter table \`resolution\` add column \`follow_up_count\` integer not null default 0;`);
    this.addSql(`alter table \`resolution\` add column \`version\` integer not null default 1;`);
    this.addSql(`create index \`resolution_due_date_index\` on \`resolution\` (\`due_date\`);`);
  }

}
